// The week-over-week table as CSV, built in the browser (issue 4). UTF-8 with a byte-order mark, because
// Excel opens a BOM-less CSV in the system's ANSI code page and turns Chinese into mojibake; CRLF line ends
// and RFC 4180 quoting. Numbers stay numbers Excel can sum and chart: rates in percent, times in seconds,
// money in yuan, each column's unit in its header.
import type { Translate } from '../lib/alerts.ts'
import type { MessageKey } from '../lib/i18n.ts'
import { KPI_META, type KpiKind, type KpiName } from '../lib/kpis.ts'
import { TABLE_KPIS, lastDay, type WeekRow } from './trends.ts'

const BOM = '\uFEFF'

/** A field quoted when it holds a comma, quote or line break; quotes doubled (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

export function csvText(rows: ReadonlyArray<readonly string[]>): string {
  return BOM + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

const UNIT: Partial<Record<KpiKind, MessageKey>> = { rate: 'unit.percent', seconds: 'unit.seconds', cny: 'unit.cny' }
const CHANGE_UNIT: Partial<Record<KpiKind, MessageKey>> = { rate: 'unit.points', seconds: 'unit.seconds', cny: 'unit.cny' }

/** A KPI value in its CSV unit, rounded past what any screen shows; '' when unknown. */
export function csvNumber(kind: KpiKind, value: number | null): string {
  if (value === null) return ''
  const round = (n: number, digits: number) => String(Number(n.toFixed(digits)))
  switch (kind) {
    case 'rate':
      return round(value * 100, 3)
    case 'seconds':
      return round(value, 1)
    case 'score':
    case 'cny':
    case 'ratio':
      return round(value, 2)
    case 'count':
      return String(value)
  }
}

function header(kpi: KpiName, label: string, t: Translate, units: Partial<Record<KpiKind, MessageKey>>): string {
  const unit = units[KPI_META[kpi].kind]
  return unit ? `${label} (${t(unit)})` : label
}

/** Header and one line per week, oldest first: the week, its window, whether it is complete, and every
 * table KPI with its change from the week before. */
export function weeklyCsvRows(weeks: readonly WeekRow[], label: (kpi: KpiName) => string, t: Translate): string[][] {
  const head = [t('weekly.col.week'), t('weekly.csv.first_day'), t('weekly.csv.last_day'), t('weekly.csv.complete')]
  for (const kpi of TABLE_KPIS) head.push(header(kpi, label(kpi), t, UNIT), header(kpi, t('weekly.csv.change', { kpi: label(kpi) }), t, CHANGE_UNIT))
  const lines = weeks.map((w) => [
    w.week,
    w.window.from.slice(0, 10),
    lastDay(w),
    t(w.partial ? 'weekly.csv.no' : 'weekly.csv.yes'),
    ...TABLE_KPIS.flatMap((kpi) => [csvNumber(KPI_META[kpi].kind, w.kpis[kpi]), csvNumber(KPI_META[kpi].kind, w.wow[kpi])]),
  ])
  return [head, ...lines]
}
