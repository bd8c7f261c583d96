// Every KPI of SPEC §5 for a scope and window. The definitions live in the named queries
// (sql/queries/kpi_*.sql); this module binds their parameters and puts the pieces together.
import type { ClickHouseClient } from '@clickhouse/client'
import { runQuery } from '../../../sql/queries.ts'
import type { Config } from '../config.ts'
import type { Scope } from './scope.ts'
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

type TicketRow = { dim: 'all' | Breakdown; key: string } & Record<TicketKpi, number | null>

export interface KpiResult {
  kpis: Kpis
  breakdowns: Record<Breakdown, Array<Record<string, string | number | null>>>
}

export type KpiSettings = Pick<Config, 'TZ_BUSINESS' | 'PEAK_WINDOWS' | 'PROMOTION_DAYS' | 'COUPON_CNY'>

const DAY_MS = 86_400_000

export async function computeKpis(
  client: ClickHouseClient,
  scope: Scope,
  window: Window,
  settings: KpiSettings,
  now: number,
): Promise<KpiResult> {
  const zoneParams = { zones: scope.zones, exclude_zones: scope.excludeZones ? 1 : 0 }
  const [ticketRows, [orders], [orders24h], [agents]] = await Promise.all([
    runQuery<TicketRow>(client, 'kpi_tickets', {
      ...zoneParams,
      from: window.from,
      to: window.to,
      now,
      tz: settings.TZ_BUSINESS,
      peak_starts: settings.PEAK_WINDOWS.map(([s]) => s),
      peak_ends: settings.PEAK_WINDOWS.map(([, e]) => e),
      promo_days: settings.PROMOTION_DAYS,
      coupon_cny: settings.COUPON_CNY,
    }),
    runQuery<{ orders: number }>(client, 'kpi_orders', { ...zoneParams, from: window.from, to: window.to }),
    runQuery<{ orders: number }>(client, 'kpi_orders', { ...zoneParams, from: window.to - DAY_MS, to: window.to }),
    runQuery<{ agents_on_duty: number; agents_24h: number }>(client, 'kpi_agents', {
      to: window.to,
      all_regions: scope.agentRegions ? 0 : 1,
      regions: scope.agentRegions ?? [],
    }),
  ])
  const orderCount = orders?.orders ?? 0
  const all = ticketRows.find((r) => r.dim === 'all') ?? emptyTicketRow()
  const kpis = {
    orders: orderCount,
    complaint_rate: ratio(all.tickets ?? 0, orderCount),
    ...pickTicketKpis(all),
    agents_on_duty: agents?.agents_on_duty ?? 0,
    orders_per_agent: ratio(orders24h?.orders ?? 0, agents?.agents_24h ?? 0),
  } satisfies Kpis
  const breakdowns = Object.fromEntries(
    BREAKDOWNS.map((dim) => [
      dim,
      ticketRows
        .filter((r) => r.dim === dim)
        .map((r) => ({ [dim]: r.key, complaint_rate: ratio(r.tickets ?? 0, orderCount), ...pickTicketKpis(r) })),
    ]),
  ) as unknown as KpiResult['breakdowns']
  return { kpis, breakdowns }
}

function pickTicketKpis(row: Record<TicketKpi, number | null>): Record<TicketKpi, number | null> {
  return Object.fromEntries(TICKET_KPIS.map((k) => [k, row[k]])) as Record<TicketKpi, number | null>
}

/** A scope with no tickets: counts are 0, rates and percentiles null (SPEC §5). */
function emptyTicketRow(): Record<TicketKpi, number | null> {
  const counts: TicketKpi[] = ['tickets', 'csat_n', 'urgent_sla_breaches', 'promise_breaches', 'coupons_owed_cny', 'compensation_cny']
  return Object.fromEntries(TICKET_KPIS.map((k) => [k, counts.includes(k) ? 0 : null])) as Record<TicketKpi, number | null>
}

function ratio(n: number, d: number): number | null {
  return d === 0 ? null : n / d
}
