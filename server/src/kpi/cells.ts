// Additive counts (tickets, instant responses, orders) per cell of a two-axis matrix, for the heatmap and
// zone risk levels. Axes are a whitelist: time axes are bucketed in SQL (sql/queries/cells_*.sql, in
// business time), geographic axes group by zone there and are folded into cities and regions here, since
// the hierarchy lives in the zone reference data. Counts add up, so folding keeps every rate exact.
import type { ClickHouseClient } from '@clickhouse/client'
import { runQuery, sqlTime } from '../../../sql/queries.ts'
import type { ZoneRegistry } from '../zones/registry.ts'
import { listedZones, zoneParams, type KpiSettings } from './kpis.ts'
import { PLATFORM_SCOPE, inScope, type Scope } from './scope.ts'
import { ticketPartsRead } from './ticket-kpi-hours.ts'
import type { Window } from './window.ts'

export const AXES = ['zone', 'city', 'region', 'hour', 'day', 'weekday'] as const
export type Axis = (typeof AXES)[number]
export const GEO_AXES: readonly Axis[] = ['zone', 'city', 'region']

export interface CellCounts {
  tickets: number
  /** Tickets answered within 60 s, and those that count for instant_response_rate (SPEC §5). */
  instant: number
  eligible: number
  orders: number
}

export interface Cell {
  x: string
  y: string
  counts: CellCounts
}

export interface CellsRequest {
  scope: Scope
  window: Window
  x: Axis
  y: Axis | null
  settings: KpiSettings
  now: number
}

/** Counts of one zone (or '' when the matrix has no place axis) and time bucket(s), as the SQL returns them. */
interface Row {
  zone_key: string
  kx: string
  ky: string
}

/** The counts of a window before they are folded into a matrix's cells: per zone when it has a place axis. */
export interface CellRows {
  /** The scope and axes the rows were counted for. */
  request: CellsRequest
  tickets: Array<Row & { tickets: number; instant: number; eligible: number }>
  orders: Array<Row & { orders: number }>
}

/**
 * Counts per (x, y) cell of tickets created and orders placed in the window and scope. `y` null makes a
 * one-axis matrix (every y key ''). Only cells with data are returned.
 */
export async function countCells(client: ClickHouseClient, registry: ZoneRegistry, q: CellsRequest): Promise<Cell[]> {
  return foldCells(await countRows(client, q), q, registry)
}

/** The SQL half of countCells: the window's counts per zone (with a place axis) and time bucket. */
export async function countRows(client: ClickHouseClient, q: CellsRequest): Promise<CellRows> {
  const params = {
    ...zoneParams(q.scope),
    from: sqlTime(q.window.from),
    to: sqlTime(q.window.to),
    tz: q.settings.TZ_BUSINESS,
    x: q.x,
    // Any name that is not a time axis buckets to '' in SQL.
    y: q.y ?? 'none',
    geo: hasPlaceAxis(q) ? 1 : 0,
  }
  // the ticket counts come from the window's partials, stored for its whole hours (ticket-kpi-hours.ts)
  const zones = listedZones([q.scope])
  const parts = await ticketPartsRead(client, zones, q.window, q.settings, q.now)
  // side by side on the embedded engine's sessions (sql/chdb-pool.ts), the orders first: over days theirs is
  // the longer read (a row per zone-minute), and the statement sent first takes the cores the other leaves
  // (zone × day over 14 days at 10 M tickets: 141 ms, against 189 ms with the tickets first)
  const [orders, tickets] = await Promise.all([
    // one window: no second one begins inside it (sql/fragments/orders_in_window.sql)
    runQuery<CellRows['orders'][number]>(client, 'cells_orders', { ...params, cut: params.from }),
    // no breakdowns: a cell counts the zone-hours' rows of dim 'all'
    runQuery<CellRows['tickets'][number]>(client, 'cells_tickets', { ...params, ...zones, ...parts.params, breakdowns: [] }, parts.swap),
  ])
  return { request: q, tickets, orders }
}

/**
 * Folds rows into the cells of a matrix over `view`'s axes and scope. Rows counted per zone for the platform
 * serve any scope, and any matrix whose time axes are among theirs (the live hub counts the platform's zone ×
 * hour once, then folds every wall's matrix and the zones' risk levels from them); other rows serve the
 * request they were counted for.
 */
export function foldCells(rows: CellRows, view: Pick<CellsRequest, 'scope' | 'x' | 'y'>, registry: ZoneRegistry): Cell[] {
  const counted = rows.request
  const shared = servesEveryScope(rows)
  if (!shared && (counted.scope !== view.scope || counted.x !== view.x || counted.y !== view.y)) {
    throw new Error("only the platform's cells per zone fold into another scope or axes")
  }
  const timeKey = (axis: Axis | null, row: Row): string => {
    if (axis === null || GEO_AXES.includes(axis)) return ''
    if (axis === counted.x) return row.kx
    if (axis === counted.y) return row.ky
    throw new Error(`cells bucketed by ${counted.x} × ${counted.y ?? '-'} have no ${axis} axis`)
  }
  const cells = new Map<string, Cell>()
  const cellOf = (row: Row): CellCounts | undefined => {
    if (shared && !inScope(view.scope, row.zone_key)) return undefined
    const x = keyOf(view.x, timeKey(view.x, row), row.zone_key, registry)
    const y = view.y === null ? '' : keyOf(view.y, timeKey(view.y, row), row.zone_key, registry)
    const id = `${x}\u0000${y}`
    let cell = cells.get(id)
    if (!cell) {
      cell = { x, y, counts: { tickets: 0, instant: 0, eligible: 0, orders: 0 } }
      cells.set(id, cell)
    }
    return cell.counts
  }
  for (const row of rows.tickets) {
    const c = cellOf(row)
    if (!c) continue
    c.tickets += row.tickets
    c.instant += row.instant
    c.eligible += row.eligible
  }
  for (const row of rows.orders) {
    const c = cellOf(row)
    if (c) c.orders += row.orders
  }
  return [...cells.values()]
}

/** Whether rows are the platform's per zone, which fold into any scope (foldCells). */
export function servesEveryScope(rows: CellRows): boolean {
  return hasPlaceAxis(rows.request) && rows.request.scope === PLATFORM_SCOPE
}

function hasPlaceAxis(q: Pick<CellsRequest, 'x' | 'y'>): boolean {
  return GEO_AXES.includes(q.x) || (q.y !== null && GEO_AXES.includes(q.y))
}

function keyOf(axis: Axis, timeKey: string, zone: string, registry: ZoneRegistry): string {
  if (axis === 'zone') return zone
  if (axis === 'city') return registry.get(zone).city
  if (axis === 'region') return registry.get(zone).region
  return timeKey
}
