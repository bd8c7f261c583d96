// The stored ticket KPI partials of each zone-hour (sql/migrations/0011_kpi_rollups.sql): brought up
// to date for a window before kpi_tickets.sql adds them up, and filled for the whole history in the
// background after start-up so that a first look at a long window does not compute months at once.
import { createHash } from 'node:crypto'
import { TupleParam, type ClickHouseClient } from '@clickhouse/client'
import { namedQuery, runQuery, sqlTime } from '../../../sql/queries.ts'
import type { KpiSettings } from './kpis.ts'
import type { Window } from './window.ts'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** Zone-hours computed per statement: a day of the default 49 zones, about 80 k tickets. */
const ZONE_HOURS_PER_REFRESH = 1_200

/** Which zones a query is about: every zone (`any_zone` 1), or the listed ones. */
export interface ZoneFilter {
  any_zone: number
  listed_zones: string[]
}

export const EVERY_ZONE: ZoneFilter = { any_zone: 1, listed_zones: [] }

/**
 * The parameters the partials depend on, and settings_key naming them together with the text of the
 * definition, so that partials computed by another version of ticket_kpi_hours_refresh.sql or with other
 * peak windows, promotion days or time zone are never read.
 */
export function ticketPartsParams(settings: KpiSettings): Record<string, unknown> {
  const params = {
    tz: settings.TZ_BUSINESS,
    peak_starts: settings.PEAK_WINDOWS.map(([s]) => s),
    peak_ends: settings.PEAK_WINDOWS.map(([, e]) => e),
    // 'MM-DD' as month * 100 + day, which the refresh compares with each ticket's business date
    promo_days: settings.PROMOTION_DAYS.map((md) => Number(md.replace('-', ''))),
  }
  const key = createHash('sha256').update(namedQuery('ticket_kpi_hours_refresh')).update(JSON.stringify(params)).digest('hex').slice(0, 16)
  return { ...params, settings_key: key }
}

interface DueZoneHour {
  created_hour: string
  zone: string
  whole: number
}

/**
 * Computes the partials of the window's zone-hours (in `zones`) that are missing or older than their
 * tickets; returns how many zone-hours that was. Whole zone-hours are computed for the whole hour, those the
 * window's edge cuts through for their part inside it.
 */
export async function ticketKpiHoursUpToDate(client: ClickHouseClient, zones: ZoneFilter, window: Window, settings: KpiSettings): Promise<number> {
  const parts = ticketPartsParams(settings)
  const due = await runQuery<DueZoneHour>(client, 'ticket_kpi_hours_due', {
    ...zones,
    from: sqlTime(window.from),
    to: sqlTime(window.to),
    settings_key: parts.settings_key,
  })
  const whole = due.filter((d) => d.whole === 1)
  const cut = due.filter((d) => d.whole !== 1)
  // clipped to nothing: each whole zone-hour is computed as a whole hour
  await refresh(client, 'ticket_kpi_hours', whole, { from: 0, to: Date.UTC(9999, 0) }, parts)
  await refresh(client, 'ticket_kpi_cuts', cut, window, parts)
  return due.length
}

async function refresh(client: ClickHouseClient, table: 'ticket_kpi_hours' | 'ticket_kpi_cuts', zoneHours: DueZoneHour[], clip: Window, parts: Record<string, unknown>): Promise<void> {
  for (let i = 0; i < zoneHours.length; i += ZONE_HOURS_PER_REFRESH) {
    const batch = zoneHours.slice(i, i + ZONE_HOURS_PER_REFRESH)
    await client.command({
      query: namedQuery('ticket_kpi_hours_refresh'),
      query_params: { ...parts, table, from: sqlTime(clip.from), to: sqlTime(clip.to), zone_hours: batch.map((z) => new TupleParam([z.created_hour, z.zone])) },
    })
  }
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
    filled += await ticketKpiHoursUpToDate(client, EVERY_ZONE, { from: to - DAY_MS, to }, settings)
    await pause()
  }
  return filled
}
