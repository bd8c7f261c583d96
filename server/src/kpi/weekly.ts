// Weekly trends (SPEC §7 /trends/weekly): every §5 KPI per business week, Monday 00:00 to the next Monday
// in TZ_BUSINESS (the current week capped at now), oldest first, with each numeric KPI's week-over-week
// change (this week − the week before; null when either is null).
import type { ClickHouseClient } from '@clickhouse/client'
import { addDays, businessDay, dayStart } from './business-time.ts'
import { computeKpisOver, type KpiName, type Kpis, type KpiSettings } from './kpis.ts'
import type { Scope } from './scope.ts'
import { windowJson, type Window } from './window.ts'

export interface WeekRow {
  /** The week's Monday, YYYY-MM-DD. */
  week: string
  window: { from: string; to: string }
  /** The current week, which has not ended yet: its counts are not comparable with full weeks'. */
  partial: boolean
  kpis: Kpis
  wow: Record<KpiName, number | null>
}

/** The Monday of the week a business day falls in. */
export function mondayOf(day: string): string {
  const sundayIsZero = new Date(`${day}T00:00:00Z`).getUTCDay()
  return addDays(day, -((sundayIsZero + 6) % 7))
}

export async function weeklyTrends(client: ClickHouseClient, scope: Scope, settings: KpiSettings, now: number, weeks: number): Promise<WeekRow[]> {
  const tz = settings.TZ_BUSINESS
  const current = mondayOf(businessDay(now, tz))
  // One week more than asked for, so that the oldest row has a week-over-week change too.
  const mondays = Array.from({ length: weeks + 1 }, (_, i) => addDays(current, 7 * (i - weeks)))
  const windows = mondays.map((week): Window => ({ from: dayStart(week, tz), to: Math.min(dayStart(addDays(week, 7), tz), now) }))
  const computed = await computeKpisOver(client, scope, windows, settings, now)
  const rows: WeekRow[] = []
  computed.forEach((kpis, i) => {
    const before = computed[i - 1]
    const window = windows[i]!
    if (before) rows.push({ week: mondays[i]!, window: windowJson(window, tz), partial: window.to === now, kpis, wow: weekOverWeek(kpis, before) })
  })
  return rows
}

function weekOverWeek(kpis: Kpis, before: Kpis): Record<KpiName, number | null> {
  return Object.fromEntries(
    (Object.keys(kpis) as KpiName[]).map((k) => {
      const a = kpis[k]
      const b = before[k]
      return [k, a === null || b === null ? null : a - b]
    }),
  ) as Record<KpiName, number | null>
}
