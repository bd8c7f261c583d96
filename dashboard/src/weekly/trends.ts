// The executive view's model (GET /api/v1/trends/weekly): which KPIs it charts and tabulates, the week it
// reports on, and each cell's value with its week-over-week change. A change is marked up or down by its
// sign and coloured by whether that direction is good for the KPI (lib/kpis.ts: complaint rate up is bad,
// CSAT up is good). The current week has not ended: its counts and money are not comparable with a full
// week's, so only its rates and scores carry a change.
import type { Translate } from '../lib/alerts.ts'
import { addDays, plainCell, type Cell } from '../lib/desk.ts'
import { formatChange } from '../lib/format.ts'
import { KPI_META, kpiChange, type KpiName } from '../lib/kpis.ts'
import type { Kpis } from '../lib/types.ts'

/** One row of GET /api/v1/trends/weekly (server/src/kpi/weekly.ts). */
export interface WeekRow {
  week: string
  window: { from: string; to: string }
  partial: boolean
  kpis: Kpis
  /** This week − the week before, per KPI; null when either is unknown. */
  wow: Record<KpiName, number | null>
}

export const WEEKS = 12

/** The KPIs charted, one chart each (issue 4). */
export const TREND_KPIS = ['complaint_rate', 'instant_response_rate', 'fcr_rate', 'repeat_rate', 'csat_avg', 'mttr_p50_s', 'compensation_cny'] as const satisfies readonly KpiName[]
/** The table's columns: the charted KPIs after the week's ticket count, which gives them their weight. */
export const TABLE_KPIS = ['tickets', ...TREND_KPIS] as const satisfies readonly KpiName[]

/** A week's value of a KPI and its change from the week before, formatted for the locale. */
export function weekCell(week: WeekRow, kpi: KpiName, locale: string, t: Translate): Cell {
  const { kind } = KPI_META[kpi]
  const cell = plainCell(kpi, week.kpis, locale)
  const wow = week.wow[kpi]
  const comparable = !week.partial || kind === 'rate' || kind === 'score'
  const change = comparable && cell.value !== null && wow !== null ? kpiChange(kpi, cell.value, cell.value - wow) : null
  const unit = change && !change.relative && kind === 'rate' ? t('kpi.change.points') : ''
  return { ...cell, change, changeText: change ? formatChange(locale, kind, change) + unit : null }
}

/** The week the report is about: the newest complete one (the current week is still filling up). */
export function focusWeek(weeks: readonly WeekRow[]): WeekRow | undefined {
  return [...weeks].reverse().find((w) => !w.partial) ?? weeks.at(-1)
}

/** The week before another one in the list. */
export function weekBefore(weeks: readonly WeekRow[], week: WeekRow): WeekRow | undefined {
  return weeks[weeks.indexOf(week) - 1]
}

/** The last day of a week's window (its `to` is the next Monday 00:00, or now for the current week). */
export function lastDay(week: WeekRow): string {
  const to = week.window.to
  const end = to.slice(0, 10)
  return to.slice(11, 23) === '00:00:00.000' ? addDays(end, -1) : end
}
