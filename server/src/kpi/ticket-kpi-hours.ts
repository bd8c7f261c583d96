// The stored ticket KPI partials of settled zone-hours (sql/migrations/0011_kpi_rollups.sql): which hours of
// a window are read from them and which are computed from the tickets, bringing the stored ones up to date
// before a read, and filling them for the whole history in the background after start-up so that a first
// look at a long window does not compute months at once.
import { createHash } from 'node:crypto'
import type { ClickHouseClient } from '@clickhouse/client'
import { namedQuery, runQuery, sqlTime } from '../../../sql/queries.ts'
import type { KpiSettings } from './kpis.ts'
import { rollupChecksOf } from './rollup-checks.ts'
import type { Window } from './window.ts'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** An hour is settled this long after it starts: its every ticket is then over 900 s old. */
const SETTLED_AFTER_MS = HOUR_MS + 900_000
/** Hours computed per refresh statement: a day of a large platform, about 80 k tickets. */
const HOURS_PER_REFRESH = 24

/** Which zones a query is about: every zone (`any_zone` 1), or the listed ones. */
export interface ZoneFilter {
  any_zone: number
  listed_zones: string[]
}

export const EVERY_ZONE: ZoneFilter = { any_zone: 1, listed_zones: [] }

/**
 * The hours of a window (epoch ms) by where a read takes them from: computed from the tickets at each read,
 * those still moving at `now` (not settled) and those the window's edges cut through; stored in
 * ticket_kpi_hours, every other one.
 */
function windowHours(window: Window, now: number): { computed: number[]; stored: number[] } {
  const hours = { computed: [] as number[], stored: [] as number[] }
  for (let h = Math.floor(window.from / HOUR_MS) * HOUR_MS; h < window.to; h += HOUR_MS) {
    const computed = h < window.from || h + HOUR_MS > window.to || h + SETTLED_AFTER_MS > now
    ;(computed ? hours.computed : hours.stored).push(h)
  }
  return hours
}

/**
 * The parameters of sql/fragments/ticket_kpi_parts.sql and ticket_parts_in_window.sql for a window at `now`, and
 * settings_key naming the settings together with the text of the definition, so that partials computed by
 * another version of it or with other peak windows, promotion days or time zone are never read.
 */
export function ticketPartsParams(settings: KpiSettings, window: Window, now: number): Record<string, unknown> {
  return {
    ...definitionParams(settings),
    from: sqlTime(window.from),
    to: sqlTime(window.to),
    now: sqlTime(now),
    // epoch seconds (see ticket_kpi_parts.sql)
    computed_hours: windowHours(window, now).computed.map((ms) => ms / 1000),
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
 * Computes the stored partials of the window's settled hours that are missing or older than their tickets
 * in `zones` (every zone of such an hour); returns how many hours that was. Where this process is the only
 * writer, the check is skipped when it checked these hours after the last write to them
 * (rollup-checks.ts), and made for every zone, so that it holds for every scope.
 */
export async function ticketKpiHoursUpToDate(client: ClickHouseClient, zones: ZoneFilter, window: Window, settings: KpiSettings, now: number): Promise<number> {
  const checks = rollupChecksOf(client)
  const { stored } = windowHours(window, now)
  const params = ticketPartsParams(settings, window, now)
  const key = params.settings_key as string
  if (checks?.hoursCurrent(key, stored)) return 0
  const began = checks?.begin() ?? 0
  const due = await runQuery<{ hour_s: number }>(client, 'ticket_kpi_hours_due', { ...params, ...(checks ? EVERY_ZONE : zones) })
  for (let i = 0; i < due.length; i += HOURS_PER_REFRESH) {
    const hours = due.slice(i, i + HOURS_PER_REFRESH).map((d) => d.hour_s)
    const first = hours[0]! * 1000
    const last = hours.at(-1)! * 1000
    await client.command({
      query: namedQuery('ticket_kpi_hours_refresh'),
      query_params: { ...params, ...EVERY_ZONE, from: sqlTime(first), to: sqlTime(last + HOUR_MS), now: sqlTime(Date.now()), computed_hours: hours },
    })
  }
  checks?.hoursChecked(key, stored, began)
  return due.length
}

/**
 * Fills the partials of every day with tickets, newest first, one day per statement, after start-up. Each
 * day waits for `pause` so that the KPI queries of live walls, which chDB runs one at a time with these,
 * are not held up for long. Stops when `stopped()` says so.
 */
export async function fillTicketKpiHours(client: ClickHouseClient, settings: KpiSettings, pause: () => Promise<void>, stopped: () => boolean): Promise<number> {
  const [span] = await runQuery<{ first_ms: number; last_ms: number }>(client, 'ticket_hours_span')
  // no tickets yet: min and max of nothing are 0
  if (!span || span.last_ms === 0) return 0
  let filled = 0
  for (let to = Math.ceil((span.last_ms + 1) / DAY_MS) * DAY_MS; to > span.first_ms && !stopped(); to -= DAY_MS) {
    filled += await ticketKpiHoursUpToDate(client, EVERY_ZONE, { from: to - DAY_MS, to }, settings, Date.now())
    await pause()
  }
  return filled
}
