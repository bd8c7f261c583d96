// Additive counts (tickets, instant responses, orders) per cell of a two-axis matrix, for the heatmap and
// zone risk levels. Axes are a whitelist: time axes are bucketed in SQL (sql/queries/cells_*.sql, in
// business time), geographic axes group by zone there and are folded into cities and regions here, since
// the hierarchy lives in the zone reference data. Counts add up, so folding keeps every rate exact.
import type { ClickHouseClient } from '@clickhouse/client'
import { runQuery, sqlTime } from '../../../sql/queries.ts'
import type { ZoneRegistry } from '../zones/registry.ts'
import { listedZones, zoneParams, type KpiSettings } from './kpis.ts'
import type { Scope } from './scope.ts'
import { ticketKpiHoursUpToDate, ticketPartsParams } from './ticket-kpi-hours.ts'
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

interface Row {
  zone_key: string
  kx: string
  ky: string
}

export interface CellsRequest {
  scope: Scope
  window: Window
  x: Axis
  y: Axis | null
  settings: KpiSettings
  now: number
  /** The caller brought the window's stored partials up to date for every zone just now (a live pass). */
  partsUpToDate?: boolean
}

/**
 * Counts per (x, y) cell of tickets created and orders placed in the window and scope. `y` null makes a
 * one-axis matrix (every y key ''). Only cells with data are returned.
 */
export async function countCells(
  client: ClickHouseClient,
  registry: ZoneRegistry,
  q: CellsRequest,
): Promise<Cell[]> {
  const params = {
    ...zoneParams(q.scope),
    from: sqlTime(q.window.from),
    to: sqlTime(q.window.to),
    tz: q.settings.TZ_BUSINESS,
    x: q.x,
    // Any name that is not a time axis buckets to '' in SQL.
    y: q.y ?? 'none',
    geo: GEO_AXES.includes(q.x) || (q.y !== null && GEO_AXES.includes(q.y)) ? 1 : 0,
  }
  // the ticket counts come from the window's partials, stored for its settled hours (ticket-kpi-hours.ts)
  const zones = listedZones([q.scope])
  if (!q.partsUpToDate) await ticketKpiHoursUpToDate(client, zones, q.window, q.settings, q.now)
  const tickets = await runQuery<Row & { tickets: number; instant: number; eligible: number }>(client, 'cells_tickets', {
    ...params,
    ...zones,
    ...ticketPartsParams(q.settings, q.window, q.now),
  })
  const orders = await runQuery<Row & { orders: number }>(client, 'cells_orders', params)
  const cells = new Map<string, Cell>()
  const cellOf = (row: Row): CellCounts => {
    const x = keyOf(q.x, row.kx, row.zone_key, registry)
    const y = q.y === null ? '' : keyOf(q.y, row.ky, row.zone_key, registry)
    const id = `${x}\u0000${y}`
    let cell = cells.get(id)
    if (!cell) {
      cell = { x, y, counts: { tickets: 0, instant: 0, eligible: 0, orders: 0 } }
      cells.set(id, cell)
    }
    return cell.counts
  }
  for (const row of tickets) {
    const c = cellOf(row)
    c.tickets += row.tickets
    c.instant += row.instant
    c.eligible += row.eligible
  }
  for (const row of orders) cellOf(row).orders += row.orders
  return [...cells.values()]
}

function keyOf(axis: Axis, timeKey: string, zone: string, registry: ZoneRegistry): string {
  if (axis === 'zone') return zone
  if (axis === 'city') return registry.get(zone).city
  if (axis === 'region') return registry.get(zone).region
  return timeKey
}
