// The wall's headline tiles (issue 4): which KPIs, in what order, what standard each is held to, and the
// pure step from today's live KPIs, yesterday's and the hourly series to what one tile shows.
import { businessHour, formatChange, formatKpi } from '../lib/format.ts'
import type { Translate } from '../lib/alerts.ts'
import { KPI_META, kpiChange, type KpiChange, type KpiName } from '../lib/kpis.ts'
import type { Kpis, SeriesBody } from '../lib/types.ts'

export interface TileSpec {
  kpi: KpiName
  /** Digits of a rate; complaint rates are fractions of a percent. */
  rateDigits?: number
  /** The value is alarming at or beyond these (SPEC §5–6 defaults). */
  alarmAbove?: number
  alarmBelow?: number
  /** The standard a tile states under its number. */
  note?: (t: Translate, locale: string) => string
}

/** SPEC §6's defaults: AGENT_RATIO_MAX 1:1500 and PEAK_RATE_MIN 80 %. */
const AGENT_RATIO_MAX = 1500
const PEAK_RATE_MIN = 0.8

export const WALL_TILES: readonly TileSpec[] = [
  { kpi: 'tickets' },
  { kpi: 'complaint_rate', rateDigits: 2 },
  { kpi: 'instant_response_rate' },
  { kpi: 'peak_instant_response_rate', alarmBelow: PEAK_RATE_MIN, note: (t, l) => t('kpi.target_min', { value: formatKpi(l, 'rate', PEAK_RATE_MIN, 0) }) },
  { kpi: 'orders_per_agent', alarmAbove: AGENT_RATIO_MAX, note: (t, l) => t('kpi.standard', { value: formatKpi(l, 'ratio', AGENT_RATIO_MAX) }) },
  { kpi: 'csat_avg' },
  { kpi: 'urgent_sla_breaches', alarmAbove: 0, note: (t) => t('kpi.target_zero') },
  { kpi: 'coupons_owed_cny', note: (t) => t('kpi.coupon_rule') },
]

export interface TileModel {
  kpi: KpiName
  label: string
  /** The raw number of the API (data-value), null when unknown. */
  value: number | null
  text: string
  change: KpiChange | null
  changeText: string | null
  note: string | null
  alarm: boolean
  /** One value per hour of the business day so far. */
  spark: Array<number | null>
}

export interface TileInputs {
  today: Kpis | undefined
  yesterday: Kpis | undefined
  series: SeriesBody | undefined
  locale: string
  t: Translate
}

export function tileModel(spec: TileSpec, { today, yesterday, series, locale, t }: TileInputs): TileModel {
  const { kind } = KPI_META[spec.kpi]
  const value = today?.[spec.kpi] ?? null
  const change = kpiChange(spec.kpi, value, yesterday?.[spec.kpi] ?? null)
  const unit = change && !change.relative && kind === 'rate' ? t('kpi.change.points') : ''
  return {
    kpi: spec.kpi,
    label: t(`kpi.${spec.kpi}`),
    value,
    text: formatKpi(locale, kind, value, spec.rateDigits),
    change,
    changeText: change ? formatChange(locale, kind, change) + unit : null,
    note: spec.note?.(t, locale) ?? null,
    alarm: value !== null && ((spec.alarmAbove !== undefined && value > spec.alarmAbove) || (spec.alarmBelow !== undefined && value < spec.alarmBelow)),
    spark: hourly(series, spec.kpi),
  }
}

/** A KPI's value in each hour slot of the series (slot = business hour of the point's start). */
export function hourly(series: SeriesBody | undefined, kpi: KpiName): Array<number | null> {
  const slots: Array<number | null> = []
  for (const p of series?.points ?? []) slots[businessHour(p.from)] = p.kpis[kpi]
  return Array.from({ length: slots.length }, (_, i) => slots[i] ?? null)
}
