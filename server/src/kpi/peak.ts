// Whether an instant is inside a peak window (SPEC §5): half-open windows of the business day, or any time
// on a promotion day. The per-ticket version of this test runs in SQL (sql/queries/kpi_tickets.sql);
// this one answers "is it peak now?" for the peak_response_rate alert.
import { businessDay, offsetAt } from './business-time.ts'
import type { KpiSettings } from './kpis.ts'

export function isPeak(ms: number, s: Pick<KpiSettings, 'TZ_BUSINESS' | 'PEAK_WINDOWS' | 'PROMOTION_DAYS'>): boolean {
  if (s.PROMOTION_DAYS.includes(businessDay(ms, s.TZ_BUSINESS).slice(5))) return true
  const local = new Date(ms + offsetAt(ms, s.TZ_BUSINESS))
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes()
  return s.PEAK_WINDOWS.some(([from, to]) => minute >= from && minute < to)
}
