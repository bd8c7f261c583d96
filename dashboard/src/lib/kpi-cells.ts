// A KPI as the laptop views show it in a cell: its SPEC name, the raw API number (data-value, for tests and
// tools), the number formatted for the locale, and optionally its change against a reference.
import { CATEGORIES, type Category } from '../../../ingest/events.ts'
import type { Translate } from './alerts.ts'
import { formatKpi } from './format.ts'
import { KPI_META, type KpiChange, type KpiName } from './kpis.ts'
import type { Kpis } from './types.ts'

export interface Cell {
  kpi: KpiName
  value: number | null
  text: string
  change: KpiChange | null
  changeText: string | null
}

/** Complaint and repeat rates are fractions of a percent: two digits, as on the wall. */
export function rateDigits(kpi: KpiName): number {
  return kpi === 'complaint_rate' || kpi === 'repeat_rate' ? 2 : 1
}

/** A KPI's name for any window: the table's `kpi.tickets` says "today", which these views often are not. */
export function kpiLabel(kpi: KpiName, t: Translate): string {
  return kpi === 'tickets' ? t('views.tickets') : t(`kpi.${kpi}`)
}

/** A KPI's number formatted, with no change attached. */
export function plainCell(kpi: KpiName, kpis: Kpis | undefined, locale: string): Cell {
  const value = kpis?.[kpi] ?? null
  return { kpi, value, text: formatKpi(locale, KPI_META[kpi].kind, value, rateDigits(kpi)), change: null, changeText: null }
}

/** A complaint category's name (SPEC §4.2); a key the dashboard does not know is shown as sent. */
export function categoryLabel(category: string, t: Translate): string {
  return (CATEGORIES as readonly string[]).includes(category) ? t(`category.${category as Category}`) : category
}
