// The drill-down table (GET /api/v1/drilldown rows): which columns it shows and how it sorts. Unknown
// values (a rate without a denominator) sort last whichever way a column is sorted, so flipping a column
// never buries the real numbers under dashes.
import type { KpiName } from '../lib/kpis.ts'
import { RISKS, type Kpis, type Risk, type ScopeJson } from '../lib/types.ts'

/** One row of GET /api/v1/drilldown (server/src/kpi/drilldown.ts). */
export interface DrillRow {
  id: string
  name: string
  scope: ScopeJson
  kpis: Kpis
  risk: Risk
  open_alerts: number
}

/** The KPI columns, in the order a regional lead reads a row: volume, speed, quality, cost. */
export const DRILL_KPIS = [
  'orders',
  'tickets',
  'complaint_rate',
  'instant_response_rate',
  'frt_p50_s',
  'fcr_rate',
  'repeat_rate',
  'mttr_p50_s',
  'csat_avg',
  'compensation_cny',
] as const satisfies readonly KpiName[]

export type SortKey = 'name' | 'risk' | 'open_alerts' | (typeof DRILL_KPIS)[number]
export type SortDir = 'asc' | 'desc'

export interface Sort {
  key: SortKey
  dir: SortDir
}

/** Red first: the rows that need attention lead. */
export const DEFAULT_SORT: Sort = { key: 'risk', dir: 'asc' }

/** Numbers read best largest first, names and risk in their natural order. */
export function firstDir(key: SortKey): SortDir {
  return key === 'name' || key === 'risk' ? 'asc' : 'desc'
}

/** Clicking a column: the same column flips, another starts in its natural direction. */
export function nextSort(current: Sort, key: SortKey): Sort {
  return current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: firstDir(key) }
}

function sortValue(row: DrillRow, key: SortKey): number | string | null {
  if (key === 'name') return row.name
  if (key === 'risk') return RISKS.indexOf(row.risk)
  if (key === 'open_alerts') return row.open_alerts
  return row.kpis[key]
}

const collator = new Intl.Collator('zh-CN')

function compare(a: number | string, b: number | string): number {
  return typeof a === 'string' || typeof b === 'string' ? collator.compare(String(a), String(b)) : a - b
}

/** The rows in the order of `sort`; ties keep the server's order (by name), so the table does not jump. */
export function sortRows(rows: readonly DrillRow[], sort: Sort): DrillRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1
  return rows
    .map((row, i) => ({ row, i, v: sortValue(row, sort.key) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1
      return sign * compare(a.v, b.v) || a.i - b.i
    })
    .map((x) => x.row)
}
