// The stored ticket KPI partials of zone-hours (sql/migrations/0011_kpi_rollups.sql, 0013): which hours of a
// window are read from them and which are computed from the tickets, bringing the stored ones up to date
// before a read, and filling them for the whole history in the background after start-up so that a first
// look at a long window does not compute months at once.
import { createHash } from 'node:crypto'
import type { ClickHouseClient } from '@clickhouse/client'
import { namedQuery, runQuery, sqlTime } from '../../../sql/queries.ts'
import type { KpiSettings } from './kpis.ts'
import { rollupChecksOf, type RollupChecks } from './rollup-checks.ts'
import type { Window } from './window.ts'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** Hours computed per refresh statement: a day of a large platform, about 80 k tickets. */
const HOURS_PER_REFRESH = 24
/** A read with no hour to compute takes the stored partials alone: the per-ticket branch, even empty, costs planning. */
export const STORED_ONLY = { ticket_parts_stored_and_computed: 'ticket_parts_stored' } as const

/** Which zones a query is about: every zone (`any_zone` 1), or the listed ones. */
export interface ZoneFilter {
  any_zone: number
  listed_zones: string[]
}

export const EVERY_ZONE: ZoneFilter = { any_zone: 1, listed_zones: [] }

/** The hours of a window (epoch ms) by where a read takes them from. */
interface WindowHours {
  computed: number[]
  stored: number[]
}

/** How a read takes a window's partials: the parameters of the fragments, and the fragment swap of runQuery. */
export interface TicketPartsRead {
  params: Record<string, unknown>
  swap: Readonly<Record<string, string>>
}

/**
 * The hours of a window: computed from the tickets at each read, those the window's edges cut through (its
 * last one only when `lastWhole` is false: a ticket of that hour was created at or after the window's end);
 * stored in ticket_kpi_hours, every other one, the hours still moving too.
 */
function windowHours(window: Window, lastWhole: boolean): WindowHours {
  const hours: WindowHours = { computed: [], stored: [] }
  for (let h = Math.floor(window.from / HOUR_MS) * HOUR_MS; h < window.to; h += HOUR_MS) {
    const computed = h < window.from || (h + HOUR_MS > window.to && !lastWhole)
    ;(computed ? hours.computed : hours.stored).push(h)
  }
  return hours
}

/**
 * Whether the window's last hour holds only tickets created before its end, so that its stored partials are
 * the window's: true when the end is on the hour, and for the live "so far" windows unless a ticket stamped
 * ahead of the clock (up to 5 minutes, SPEC §4.1) is stored. Where this process is the only writer, the
 * latest creation it knows of stands in for the query (rollup-checks.ts).
 */
async function lastHourWhole(client: ClickHouseClient, window: Window, checks: RollupChecks | undefined): Promise<boolean> {
  const hour = Math.floor(window.to / HOUR_MS) * HOUR_MS
  if (hour === window.to) return true
  let latest = checks?.latestCreated(hour)
  if (latest === undefined) {
    const began = checks?.begin() ?? 0
    const [row] = await runQuery<{ latest_ms: number }>(client, 'ticket_hour_latest_created', { at: sqlTime(hour) })
    latest = Number(row?.latest_ms ?? 0)
    checks?.createdChecked(hour, latest, began)
  }
  return latest < window.to
}

/**
 * The parameters of sql/fragments/ticket_kpi_parts.sql and ticket_parts_in_window.sql for a window at `now`,
 * and settings_key naming the settings together with the text of the definition, so that partials computed
 * by another version of it or with other peak windows, promotion days or time zone are never read.
 */
function ticketPartsParams(settings: KpiSettings, window: Window, now: number, hours: WindowHours): Record<string, unknown> {
  return {
    ...definitionParams(settings),
    from: sqlTime(window.from),
    to: sqlTime(window.to),
    now: sqlTime(now),
    // epoch seconds (see ticket_kpi_parts.sql)
    computed_hours: hours.computed.map((ms) => ms / 1000),
  }
}

/** Per settings object (the frozen config, in the server): hashing the definition once, not at every read. */
const definitions = new WeakMap<KpiSettings, Record<string, unknown>>()

function definitionParams(settings: KpiSettings): Record<string, unknown> {
  let known = definitions.get(settings)
  if (!known) {
    known = computeDefinitionParams(settings)
    definitions.set(settings, known)
  }
  return known
}

function computeDefinitionParams(settings: KpiSettings): Record<string, unknown> {
  const params = {
    tz: settings.TZ_BUSINESS,
    peak_starts: settings.PEAK_WINDOWS.map(([s]) => s),
    peak_ends: settings.PEAK_WINDOWS.map(([, e]) => e),
    // 'MM-DD' as month * 100 + day, which the view compares with each ticket's business date
    promo_days: settings.PROMOTION_DAYS.map((md) => Number(md.replace('-', ''))),
  }
  const key = createHash('sha256').update(namedQuery('ticket_kpi_hours_refresh')).update(JSON.stringify(params)).digest('hex').slice(0, 16)
  return { ...params, settings_key: key }
}

/**
 * Brings the stored partials of a window's stored hours up to date in `zones` and says how to read the
 * window's partials at `now` (ticket_parts_in_window.sql, included by kpi_tickets.sql and cells_tickets.sql).
 */
export async function ticketPartsRead(client: ClickHouseClient, zones: ZoneFilter, window: Window, settings: KpiSettings, now: number): Promise<TicketPartsRead> {
  const checks = rollupChecksOf(client)
  const hours = windowHours(window, await lastHourWhole(client, window, checks))
  const params = ticketPartsParams(settings, window, now, hours)
  await storedHoursUpToDate(client, zones, hours.stored, settings, params)
  return { params, swap: hours.computed.length === 0 ? STORED_ONLY : {} }
}

/**
 * Computes the stored partials of these hours that are missing or older than their tickets in `zones`
 * (every zone of such an hour); returns how many hours that was. Where this process is the only writer, it
 * knows which hours were written to since it last checked them, and refreshes those without asking; it asks
 * (ticket_kpi_hours_due.sql) only when an hour was never checked, for every zone, so that the check holds
 * for every scope.
 */
async function storedHoursUpToDate(client: ClickHouseClient, zones: ZoneFilter, stored: number[], settings: KpiSettings, params: Record<string, unknown>): Promise<number> {
  const checks = rollupChecksOf(client)
  const key = params.settings_key as string
  const pending = checks?.hoursToCheck(key, stored) ?? { unknown: stored, written: [] }
  if (pending.unknown.length === 0 && pending.written.length === 0) return 0
  const began = checks?.begin() ?? 0
  const due = pending.unknown.length === 0 ? [] : await dueHours(client, params, checks ? EVERY_ZONE : zones)
  const hours = [...new Set([...due, ...pending.written])].sort((a, b) => a - b)
  await refreshHours(client, hours, settings)
  checks?.hoursChecked(key, stored, began)
  return hours.length
}

/** The window's stored hours (epoch ms) whose partials are missing or older than their tickets in `zones`. */
async function dueHours(client: ClickHouseClient, params: Record<string, unknown>, zones: ZoneFilter): Promise<number[]> {
  const due = await runQuery<{ hour_s: number }>(client, 'ticket_kpi_hours_due', { ...params, ...zones })
  return due.map((d) => d.hour_s * 1000)
}

/** Computes and stores the partials of these hours (epoch ms, ascending), every zone of them. */
export async function refreshHours(client: ClickHouseClient, hours: readonly number[], settings: KpiSettings): Promise<void> {
  const definition = definitionParams(settings)
  for (let i = 0; i < hours.length; i += HOURS_PER_REFRESH) {
    const batch = hours.slice(i, i + HOURS_PER_REFRESH)
    await client.command({
      query: namedQuery('ticket_kpi_hours_refresh'),
      query_params: {
        ...definition,
        ...EVERY_ZONE,
        from: sqlTime(batch[0]!),
        to: sqlTime(batch.at(-1)! + HOUR_MS),
        // epoch seconds (see ticket_kpi_parts.sql)
        computed_hours: batch.map((ms) => ms / 1000),
      },
    })
  }
}

/**
 * Fills the partials of every day with tickets, newest first, one day per statement, after start-up. Each
 * day waits for `pause` so that the KPI queries of live walls, which share the embedded engine's sessions
 * with these (sql/chdb-pool.ts), are not held up for long. Stops when `stopped()` says so.
 */
export async function fillTicketKpiHours(client: ClickHouseClient, settings: KpiSettings, pause: () => Promise<void>, stopped: () => boolean): Promise<number> {
  const [span] = await runQuery<{ first_ms: number; last_ms: number }>(client, 'ticket_hours_span')
  // no tickets yet: min and max of nothing are 0
  if (!span || span.last_ms === 0) return 0
  let filled = 0
  for (let to = Math.ceil((span.last_ms + 1) / DAY_MS) * DAY_MS; to > span.first_ms && !stopped(); to -= DAY_MS) {
    const day: Window = { from: to - DAY_MS, to }
    // a day ends on the hour: every hour of it is stored
    const hours = windowHours(day, true)
    filled += await storedHoursUpToDate(client, EVERY_ZONE, hours.stored, settings, ticketPartsParams(settings, day, Date.now(), hours))
    await pause()
  }
  return filled
}
