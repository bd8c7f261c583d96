// KPI series (GET /api/v1/kpis/series): every §5 KPI per business-time hour or day of a window, each bucket
// computed by computeKpisOver exactly as GET /api/v1/kpis computes that bucket's window, so a sparkline
// point and the /kpis of its hour always agree. The wall draws today's hourly sparklines from it.
import type { ClickHouseClient } from '@clickhouse/client'
import { addDays, businessDay, dayStart, offsetAt } from './business-time.ts'
import { computeKpisOver, type Kpis, type KpiSettings } from './kpis.ts'
import type { Scope } from './scope.ts'
import { windowJson, type Window } from './window.ts'

export const INTERVALS = ['hour', 'day'] as const
export type Interval = (typeof INTERVALS)[number]

/** Each bucket costs a query (its agents); two days of hours (or seven weeks of days) bounds a request's cost. */
export const MAX_BUCKETS = 48

const HOUR_MS = 3_600_000

export interface SeriesPoint {
  from: string
  to: string
  kpis: Kpis
}

/** The start of the business-time hour or day after instant `ms`. */
function nextBoundary(ms: number, interval: Interval, tz: string): number {
  if (interval === 'day') return dayStart(addDays(businessDay(ms, tz), 1), tz)
  // Hours are whole in business time, which matters for zones offset by a half or quarter hour.
  const local = ms + offsetAt(ms, tz)
  return ms - (((local % HOUR_MS) + HOUR_MS) % HOUR_MS) + HOUR_MS
}

/**
 * The window cut at every business-time hour or day boundary: the first and last buckets may be partial
 * (today's current hour ends at now). Undefined when there would be more than MAX_BUCKETS.
 */
export function bucketsOf(window: Window, interval: Interval, tz: string): Window[] | undefined {
  const buckets: Window[] = []
  for (let from = window.from; from < window.to; from = nextBoundary(from, interval, tz)) {
    if (buckets.length === MAX_BUCKETS) return undefined
    buckets.push({ from, to: Math.min(nextBoundary(from, interval, tz), window.to) })
  }
  return buckets
}

export async function kpiSeries(client: ClickHouseClient, scope: Scope, buckets: Window[], settings: KpiSettings, now: number): Promise<SeriesPoint[]> {
  const kpis = await computeKpisOver(client, scope, buckets, settings, now)
  return buckets.map((w, i) => ({ ...windowJson(w, settings.TZ_BUSINESS), kpis: kpis[i]! }))
}
