// Every KPI of SPEC §5 for a scope and window. The definitions live in the named queries
// (sql/queries/kpi_*.sql); this module binds their parameters and puts the pieces together.
import type { ClickHouseClient } from '@clickhouse/client'
import { namedQuery, runQuery, sqlTime } from '../../../sql/queries.ts'
import type { Config } from '../config.ts'
import { rollupChecksOf } from './rollup-checks.ts'
import type { Scope } from './scope.ts'
import { ticketPartsRead, type TicketPartsRead, type ZoneFilter } from './ticket-kpi-hours.ts'
import type { Window } from './window.ts'

/** The ticket KPIs computed by sql/queries/kpi_tickets.sql, in SPEC §5 order. */
export const TICKET_KPIS = [
  'tickets',
  'instant_response_rate',
  'frt_p50_s',
  'frt_p90_s',
  'resolution_rate',
  'fcr_rate',
  'repeat_rate',
  'mttr_p50_s',
  'csat_avg',
  'csat_n',
  'bad_review_rate',
  'bot_resolution_rate',
  'followup_rate',
  'urgent_sla_breaches',
  'promise_breaches',
  'coupons_owed_cny',
  'compensation_cny',
  'peak_instant_response_rate',
] as const
export type TicketKpi = (typeof TICKET_KPIS)[number]

/** Every SPEC §5 KPI name. */
export const KPI_NAMES = ['orders', 'complaint_rate', ...TICKET_KPIS, 'agents_on_duty', 'orders_per_agent'] as const
export type KpiName = (typeof KPI_NAMES)[number]
export type Kpis = Record<KpiName, number | null>

export const BREAKDOWNS = ['channel', 'category', 'segment', 'priority'] as const
export type Breakdown = (typeof BREAKDOWNS)[number]
/**
 * The breakdowns of SPEC §7's /kpis response (by_channel, by_category), which the live kpis panel carries
 * too (the wall's channel mix and category bars): what a read computes unless it is asked for others.
 */
export const SPEC_BREAKDOWNS = ['channel', 'category'] as const satisfies readonly Breakdown[]

/** A row of sql/queries/kpi_tickets.sql: `bucket` 0 unless the window was cut into buckets. */
export type TicketRow = { bucket: number; dim: 'all' | Breakdown; key: string } & Record<TicketKpi, number | null>

/** A scope's KPIs, and per breakdown asked for, one row per value (channel, category, …) with its KPIs. */
export interface KpiResult<B extends Breakdown = Breakdown> {
  kpis: Kpis
  breakdowns: Record<B, Array<Record<string, string | number | null>>>
}

export type KpiSettings = Pick<Config, 'TZ_BUSINESS' | 'PEAK_WINDOWS' | 'PROMOTION_DAYS' | 'COUPON_CNY'>

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

export interface OrderCounts {
  /** SPEC §5 `orders` of the window */
  window: number
  /** orders of the 24 h before the window's end, the numerator of `orders_per_agent` */
  day: number
}

/** Per scope, in the order of `scopes`: the orders of a window and of the 24 h before its end, from one query. */
export async function ordersIn(client: ClickHouseClient, scopes: readonly Scope[], window: Window): Promise<OrderCounts[]> {
  const dayFrom = window.to - DAY_MS
  // kpi_orders.sql counts [from, to) and [cut, to): the longer of the two windows, and where the other begins
  const dayIsShorter = window.from <= dayFrom
  const [from, cut] = dayIsShorter ? [window.from, dayFrom] : [dayFrom, window.from]
  const rows = await runQuery<{ scope_index: number; orders: number; orders_since_cut: number }>(client, 'kpi_orders', {
    ...scopeParams(scopes),
    from: sqlTime(from),
    cut: sqlTime(cut),
    to: sqlTime(window.to),
  })
  const counts = (r: { orders: number; orders_since_cut: number }): OrderCounts =>
    dayIsShorter ? { window: r.orders, day: r.orders_since_cut } : { window: r.orders_since_cut, day: r.orders }
  return byScope(scopes, rows, counts, { window: 0, day: 0 })
}

export interface AgentCounts {
  agents_on_duty: number
  agents_24h: number
}

/** Per scope: agents on duty at `to`, and agents online at any moment in the 24 h before it (SPEC §5). */
export async function agentsAt(client: ClickHouseClient, scopes: readonly Scope[], to: number): Promise<AgentCounts[]> {
  const day = agentSnapshotDay(to)
  await agentSnapshotUpToDate(client, day)
  const rows = await runQuery<AgentCounts & { scope_index: number }>(client, 'kpi_agents', { to: sqlTime(to), day: sqlTime(day), ...agentScopeParams(scopes) })
  return byScope(scopes, rows, agentCounts, NO_AGENTS)
}

/**
 * Up to this span, from the first end's 24 h to the last end, the agents at every end come from one read
 * (agentsOver; a series of today's hours at 10 M tickets: 140–170 ms against 300–330 ms with a read per
 * end). Beyond it a read per end costs less than one that looks through every status of the span at each
 * end (weekly trends, 12 weeks: 520–570 ms against 650–780 ms).
 */
const ONE_AGENTS_READ_MAX_MS = 3 * DAY_MS

/** agentsAt of one scope at each of these ends (ascending). */
async function agentsAtEach(client: ClickHouseClient, scope: Scope, ends: readonly number[]): Promise<AgentCounts[]> {
  if (ends.at(-1)! - ends[0]! + DAY_MS <= ONE_AGENTS_READ_MAX_MS) return agentsOver(client, scope, ends)
  return (await Promise.all(ends.map((end) => agentsAt(client, [scope], end)))).flat()
}

/** agentsAt of one scope at each of these ends (ascending), from one statement (kpi_agents_over.sql). */
async function agentsOver(client: ClickHouseClient, scope: Scope, ends: readonly number[]): Promise<AgentCounts[]> {
  const day = agentSnapshotDay(ends[0]!)
  await agentSnapshotUpToDate(client, day)
  const rows = await runQuery<AgentCounts & { end_index: number }>(client, 'kpi_agents_over', {
    ends: ends.map(sqlTime),
    to: sqlTime(ends.at(-1)!),
    day: sqlTime(day),
    ...agentScopeParams([scope]),
  })
  const found = new Map(rows.map((r) => [r.end_index, agentCounts(r)]))
  return ends.map((_, i) => found.get(i) ?? NO_AGENTS)
}

const NO_AGENTS: AgentCounts = { agents_on_duty: 0, agents_24h: 0 }

function agentCounts(r: AgentCounts): AgentCounts {
  return { agents_on_duty: r.agents_on_duty, agents_24h: r.agents_24h }
}

/** Scope i of kpi_agents*.sql counts every agent, or those whose latest region is one of its regions. */
function agentScopeParams(scopes: readonly Scope[]): { scope_all_regions: number[]; scope_regions: string[][] } {
  return { scope_all_regions: scopes.map((s) => (s.agentRegions ? 0 : 1)), scope_regions: scopes.map((s) => s.agentRegions ?? []) }
}

/** The UTC day whose agent snapshot kpi_agents.sql starts from: the one the 24 h before `to` open on. */
function agentSnapshotDay(to: number): number {
  return Math.floor((to - DAY_MS) / DAY_MS) * DAY_MS
}

/**
 * Computes the agent snapshot of `day` when it is missing or older than the agent.status events before it;
 * skips the check where this process is the only writer and checked it after the last such event
 * (rollup-checks.ts).
 */
async function agentSnapshotUpToDate(client: ClickHouseClient, day: number): Promise<void> {
  const checks = rollupChecksOf(client)
  if (checks?.dayCurrent(day)) return
  const began = checks?.begin() ?? 0
  const [check] = await runQuery<{ due: number }>(client, 'agent_snapshot_due', { day: sqlTime(day) })
  if (check?.due) await client.command({ query: namedQuery('agent_snapshot_refresh'), query_params: { day: sqlTime(day) } })
  checks?.dayChecked(day, began)
}

/** Per scope, `orders_per_agent` at `to`: orders in the 24 h before it ÷ agents online at any moment in them. */
export async function ordersPerAgent(client: ClickHouseClient, scopes: readonly Scope[], to: number): Promise<PerAgent[]> {
  const [orders, agents] = await Promise.all([ordersIn(client, scopes, { from: to - DAY_MS, to }), agentsAt(client, scopes, to)])
  return scopes.map((_, i) => perAgentOf(orders[i]!, agents[i]!))
}

interface PerAgent {
  value: number | null
  agents_on_duty: number
}

/** `orders_per_agent` from the orders of the 24 h before the end (ordersIn's `day`) and the agents at it. */
function perAgentOf(orders: OrderCounts, agents: AgentCounts): PerAgent {
  return { value: ratio(orders.day, agents.agents_24h), agents_on_duty: agents.agents_on_duty }
}

/**
 * Per scope, the ticket KPIs of a window: the whole scope (dim 'all') and each of `breakdowns`, from the
 * stored partials of the window's whole zone-hours, brought up to date first, and the rest computed from the
 * tickets (ticket-kpi-hours.ts). Ask only for the breakdowns shown: each costs about what the whole scope
 * costs, since its rows hold every percentile value again.
 */
export async function ticketKpiRows(
  client: ClickHouseClient,
  scopes: readonly Scope[],
  window: Window,
  settings: KpiSettings,
  now: number,
  breakdowns: readonly Breakdown[],
  bucketStarts: readonly number[] = [],
): Promise<TicketRow[][]> {
  const parts = await ticketPartsRead(client, listedZones(scopes), window, settings, now)
  return ticketRowsFrom(client, scopes, parts, settings, breakdowns, bucketStarts)
}

/** ticketKpiRows once the window's stored partials are up to date (ticketPartsRead). */
async function ticketRowsFrom(
  client: ClickHouseClient,
  scopes: readonly Scope[],
  parts: TicketPartsRead,
  settings: KpiSettings,
  breakdowns: readonly Breakdown[],
  bucketStarts: readonly number[] = [],
): Promise<TicketRow[][]> {
  const rows = await runQuery<TicketRow & { scope_index: number }>(client, 'kpi_tickets', ticketKpiParams(scopes, parts, settings, breakdowns, bucketStarts), ticketKpiSwap(scopes, parts))
  return scopes.map((_, i) => rows.filter((r) => r.scope_index === i))
}

/** How sql/queries/kpi_tickets.sql is read for these scopes: one scope's rows are not copied per scope. */
export function ticketKpiSwap(scopes: readonly Scope[], parts: TicketPartsRead): Readonly<Record<string, string>> {
  return scopes.length === 1 ? { ...parts.swap, ticket_parts_of_scopes: 'ticket_parts_of_one_scope' } : parts.swap
}

/** The parameters of sql/queries/kpi_tickets.sql; `bucketStarts` (epoch ms, whole hours) cut the window into buckets. */
export function ticketKpiParams(
  scopes: readonly Scope[],
  parts: TicketPartsRead,
  settings: KpiSettings,
  breakdowns: readonly Breakdown[],
  bucketStarts: readonly number[] = [],
): Record<string, unknown> {
  return {
    ...scopeParams(scopes),
    ...listedZones(scopes),
    ...parts.params,
    breakdowns,
    // epoch seconds, as the stored hours' DateTime
    bucket_starts: bucketStarts.map((ms) => ms / 1000),
    coupon_cny: settings.COUPON_CNY,
  }
}

/** Every KPI of one scope and window, with the rows of `breakdowns` (GET /api/v1/kpis: all of them). */
export async function computeKpis<B extends Breakdown>(
  client: ClickHouseClient,
  scope: Scope,
  window: Window,
  settings: KpiSettings,
  now: number,
  breakdowns: readonly B[],
): Promise<KpiResult<B>> {
  const [result] = await computeKpisFor(client, [scope], window, settings, now, breakdowns)
  return result!
}

/**
 * Every KPI of several scopes over one window, in the order of `scopes`: one query each for tickets,
 * orders (the window's and the 24 h before its end) and agents however many scopes, so a live pass or a
 * drill-down table costs about what one scope costs. The three are sent at once, the tickets' first: the
 * embedded engine runs them side by side, one per session, and gives each the cores that the statements
 * already running leave (sql/chdb-pool.ts), so the longest read, sent first, takes them all.
 */
export async function computeKpisFor<B extends Breakdown>(
  client: ClickHouseClient,
  scopes: readonly Scope[],
  window: Window,
  settings: KpiSettings,
  now: number,
  breakdowns: readonly B[],
): Promise<KpiResult<B>[]> {
  const parts = await ticketPartsRead(client, listedZones(scopes), window, settings, now)
  const [ticketRows, orders, agents] = await Promise.all([
    ticketRowsFrom(client, scopes, parts, settings, breakdowns),
    ordersIn(client, scopes, window),
    agentsAt(client, scopes, window.to),
  ])
  return scopes.map((_, i) => scopeResult(ticketRows[i]!, orders[i]!.window, perAgentOf(orders[i]!, agents[i]!), breakdowns))
}

/**
 * Per window of consecutive ones (computeKpisOver's), its orders and those of the 24 h before its end, as
 * ordersIn counts each window alone, from one statement (kpi_orders_over.sql). That statement adds up
 * whole-hour pieces, exact against boundaries that are whole hours or edges of its read; a first window
 * that neither starts on the hour nor lasts 24 h would put its start inside that read, so it is counted on
 * its own.
 */
async function ordersOver(client: ClickHouseClient, scope: Scope, windows: readonly Window[]): Promise<OrderCounts[]> {
  const first = windows[0]!
  const firstAlone = first.from % HOUR_MS !== 0 && first.to - first.from < DAY_MS
  const together = firstAlone ? windows.slice(1) : windows
  const head = firstAlone ? await ordersIn(client, [scope], first) : []
  if (together.length === 0) return head
  const to = together.at(-1)!.to
  const rows = await runQuery<{ window_index: number; orders: number; orders_day: number }>(client, 'kpi_orders_over', {
    ...zoneParams(scope),
    starts: together.map((w) => sqlTime(w.from)),
    ends: together.map((w) => sqlTime(w.to)),
    from: sqlTime(Math.min(together[0]!.from, together[0]!.to - DAY_MS)),
    cut: sqlTime(to - DAY_MS),
    to: sqlTime(to),
  })
  // a span without orders has no row
  const counted = new Map(rows.map((r) => [r.window_index, { window: r.orders, day: r.orders_day }]))
  return [...head, ...together.map((_, i) => counted.get(i) ?? { window: 0, day: 0 })]
}

/**
 * Every KPI of one scope over consecutive windows (a series' hours or days, trends' weeks), each as
 * computeKpis computes it over that window alone: the tickets of all of them from one read of the whole
 * span, their orders from another (ordersOver), and the agents at every window end (agentsAtEach), sent at
 * once, the tickets' first, as computeKpisFor's. The windows meet at whole hours, since the stored partials
 * are per hour (the business time zone's offsets are whole hours, checked at start-up).
 */
export async function computeKpisOver(client: ClickHouseClient, scope: Scope, windows: readonly Window[], settings: KpiSettings, now: number): Promise<Kpis[]> {
  if (windows.length === 0) return []
  const starts = windows.slice(1).map((w) => w.from)
  windows.slice(1).forEach((w, i) => {
    if (w.from !== windows[i]!.to || w.from % HOUR_MS !== 0) throw new Error(`computeKpisOver: window ${i + 1} does not start on the hour where window ${i} ends`)
  })
  const span = { from: windows[0]!.from, to: windows.at(-1)!.to }
  const parts = await ticketPartsRead(client, listedZones([scope]), span, settings, now)
  const [[rows], orders, agents] = await Promise.all([
    ticketRowsFrom(client, [scope], parts, settings, [], starts),
    ordersOver(client, scope, windows),
    agentsAtEach(client, scope, windows.map((w) => w.to)),
  ])
  return windows.map((_, i) => scopeResult(rows!.filter((r) => r.bucket === i), orders[i]!.window, perAgentOf(orders[i]!, agents[i]!), []).kpis)
}

function scopeResult<B extends Breakdown>(ticketRows: TicketRow[], orderCount: number, perAgent: PerAgent, breakdowns: readonly B[]): KpiResult<B> {
  const all = overallTicketKpis(ticketRows)
  const kpis = {
    orders: orderCount,
    complaint_rate: ratio(all.tickets ?? 0, orderCount),
    ...pickTicketKpis(all),
    agents_on_duty: perAgent.agents_on_duty,
    orders_per_agent: perAgent.value,
  } satisfies Kpis
  const rows = Object.fromEntries(
    breakdowns.map((dim) => [
      dim,
      ticketRows
        .filter((r) => r.dim === dim)
        .map((r) => ({ [dim]: r.key, complaint_rate: ratio(r.tickets ?? 0, orderCount), ...pickTicketKpis(r) })),
    ]),
  ) as unknown as KpiResult<B>['breakdowns']
  return { kpis, breakdowns: rows }
}

/** The multi-scope queries' parameters: scope i holds a zone when (zone IN scope_zones[i]) != scope_exclude[i]. */
export function scopeParams(scopes: readonly Scope[]): { scope_zones: string[][]; scope_exclude: number[] } {
  return { scope_zones: scopes.map((s) => s.zones), scope_exclude: scopes.map((s) => (s.excludeZones ? 1 : 0)) }
}

/** For reads keyed by zone: every zone any scope lists, or `any_zone` 1 when a scope excludes instead. */
export function listedZones(scopes: readonly Scope[]): ZoneFilter {
  const any = scopes.some((s) => s.excludeZones)
  return { any_zone: any ? 1 : 0, listed_zones: any ? [] : [...new Set(scopes.flatMap((s) => s.zones))] }
}

/** One value per scope from rows keyed by scope_index; a scope without a row gets `empty`. */
function byScope<R extends { scope_index: number }, T>(scopes: readonly Scope[], rows: R[], pick: (r: R) => T, empty: T): T[] {
  const found = new Map(rows.map((r) => [r.scope_index, pick(r)]))
  return scopes.map((_, i) => found.get(i) ?? empty)
}

/** The scope predicate's parameters in the named queries: (zone IN {zones}) != {exclude_zones}. */
export function zoneParams(scope: Scope): { zones: string[]; exclude_zones: number } {
  return { zones: scope.zones, exclude_zones: scope.excludeZones ? 1 : 0 }
}

/** The scope-wide row of ticketKpiRows, or the empty row when the scope has no tickets. */
export function overallTicketKpis(rows: TicketRow[]): Record<TicketKpi, number | null> {
  return rows.find((r) => r.dim === 'all') ?? emptyTicketRow()
}

function pickTicketKpis(row: Record<TicketKpi, number | null>): Record<TicketKpi, number | null> {
  return Object.fromEntries(TICKET_KPIS.map((k) => [k, row[k]])) as Record<TicketKpi, number | null>
}

/** A scope with no tickets: counts are 0, rates and percentiles null (SPEC §5). */
function emptyTicketRow(): Record<TicketKpi, number | null> {
  const counts: TicketKpi[] = ['tickets', 'csat_n', 'urgent_sla_breaches', 'promise_breaches', 'coupons_owed_cny', 'compensation_cny']
  return Object.fromEntries(TICKET_KPIS.map((k) => [k, counts.includes(k) ? 0 : null])) as Record<TicketKpi, number | null>
}

/** n ÷ d, null when the denominator is 0 (SPEC §5). */
export function ratio(n: number, d: number): number | null {
  return d === 0 ? null : n / d
}
