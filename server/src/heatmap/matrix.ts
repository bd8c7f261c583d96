// The heatmap matrix (SPEC §7): a metric over two axes, e.g. complaint rate of zone × hour of day. Every
// cell of the grid xs × ys is present, so a chart needs no gap filling: counts are 0 where nothing happened,
// rates null where their denominator is 0 (SPEC §5).
import type { ClickHouseClient } from '@clickhouse/client'
import { addDays, businessDay } from '../kpi/business-time.ts'
import { countCells, type Axis, type Cell, type CellCounts } from '../kpi/cells.ts'
import { ratio, type KpiSettings } from '../kpi/kpis.ts'
import { inScope, type Scope } from '../kpi/scope.ts'
import type { Window } from '../kpi/window.ts'
import type { ZoneRegistry } from '../zones/registry.ts'

export const METRICS = ['complaint_rate', 'tickets', 'orders', 'instant_response_rate'] as const
export type Metric = (typeof METRICS)[number]

export interface MatrixRequest {
  scope: Scope
  window: Window
  metric: Metric
  x: Axis
  y: Axis
  settings: KpiSettings
  now: number
}

export interface Matrix {
  xs: Array<string | number>
  ys: Array<string | number>
  /** [x index, y index, value] for every cell of the grid, x-major. */
  cells: Array<[number, number, number | null]>
}

const EMPTY: CellCounts = { tickets: 0, instant: 0, eligible: 0, orders: 0 }
const HOURS = Array.from({ length: 24 }, (_, h) => String(h))
const WEEKDAYS = Array.from({ length: 7 }, (_, d) => String(d + 1))

export async function buildMatrix(client: ClickHouseClient, registry: ZoneRegistry, q: MatrixRequest): Promise<Matrix> {
  return matrixOf(await countCells(client, registry, q), q, registry)
}

/** The full grid of a request from its cells with data. */
export function matrixOf(found: Cell[], q: MatrixRequest, registry: ZoneRegistry): Matrix {
  const byKey = new Map(found.map((c) => [`${c.x}\u0000${c.y}`, c.counts]))
  const xKeys = axisKeys(q.x, found.map((c) => c.x), q, registry)
  const yKeys = axisKeys(q.y, found.map((c) => c.y), q, registry)
  const cells: Matrix['cells'] = []
  xKeys.forEach((x, xi) => {
    yKeys.forEach((y, yi) => cells.push([xi, yi, metricValue(q.metric, byKey.get(`${x}\u0000${y}`) ?? EMPTY)]))
  })
  return { xs: xKeys.map((k) => label(q.x, k)), ys: yKeys.map((k) => label(q.y, k)), cells }
}

function metricValue(metric: Metric, c: CellCounts): number | null {
  switch (metric) {
    case 'tickets':
      return c.tickets
    case 'orders':
      return c.orders
    case 'complaint_rate':
      return ratio(c.tickets, c.orders)
    case 'instant_response_rate':
      return ratio(c.instant, c.eligible)
  }
}

/** Hours and weekdays are numbers on the wire (0–23, 1 = Monday); days and places are strings. */
function label(axis: Axis, key: string): string | number {
  return axis === 'hour' || axis === 'weekday' ? Number(key) : key
}

/**
 * An axis' values in display order: every hour, weekday or business day of the window; for places, those of
 * the scope in the reference data (region, city, zone order), then the ones only the data names — unknown
 * zone ids and the `unknown` city and region (SPEC §4.3).
 */
function axisKeys(axis: Axis, seen: string[], q: MatrixRequest, registry: ZoneRegistry): string[] {
  if (axis === 'hour') return HOURS
  if (axis === 'weekday') return WEEKDAYS
  if (axis === 'day') return daysOf(q.window, q.settings.TZ_BUSINESS)
  const depth = axis === 'region' ? 1 : axis === 'city' ? 2 : 3
  const rank = new Map<string, string>()
  for (const z of registry.list().filter((z) => inScope(q.scope, z.id))) {
    const path = [z.region, z.city, z.id].slice(0, depth)
    rank.set(path.at(-1) as string, path.join('\u0000'))
  }
  const known = [...rank].sort(([, a], [, b]) => compare(a, b)).map(([k]) => k)
  const extra = [...new Set(seen)].filter((k) => !rank.has(k)).sort(compare)
  return [...known, ...extra]
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Every business day that the window touches. */
function daysOf(window: Window, tz: string): string[] {
  const last = businessDay(window.to - 1, tz)
  const days: string[] = []
  for (let d = businessDay(window.from, tz); d <= last; d = addDays(d, 1)) days.push(d)
  return days
}
