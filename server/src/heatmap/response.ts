// The JSON body of a heatmap (GET /api/v1/heatmap and the live `heatmap` panel): the matrix, and for a
// zone axis each zone's place and risk level now (SPEC §6).
import type { ClickHouseClient } from '@clickhouse/client'
import type { Axis } from '../kpi/cells.ts'
import type { Scope } from '../kpi/scope.ts'
import { windowJson, type Window } from '../kpi/window.ts'
import { loadRiskBoard, type RiskBoard } from '../kpi/zone-risk.ts'
import type { ZoneRegistry } from '../zones/registry.ts'
import { buildMatrix, type Matrix, type Metric } from './matrix.ts'

export interface HeatmapRequest {
  scope: Scope
  window: Window
  metric: Metric
  x: Axis
  y: Axis
  tz: string
  now: number
}

export async function heatmapJson(client: ClickHouseClient, registry: ZoneRegistry, q: HeatmapRequest) {
  const zoneAxis = q.x === 'zone' || q.y === 'zone'
  const [matrix, board] = await Promise.all([
    buildMatrix(client, registry, q),
    zoneAxis ? loadRiskBoard(client, registry, q.tz, q.now) : undefined,
  ])
  const head = { metric: q.metric, x: q.x, y: q.y, scope: q.scope.json, window: windowJson(q.window, q.tz) }
  if (!board) return { ...head, ...matrix }
  return { ...head, ...matrix, zones: zoneDetails(q.x === 'zone' ? matrix.xs : matrix.ys, registry, board) }
}

/** Each zone of the zone axis, in axis order, with its place and risk level now. */
function zoneDetails(ids: Matrix['xs'], registry: ZoneRegistry, board: RiskBoard) {
  return ids.map(String).map((id) => {
    const { name, city, region } = registry.get(id)
    const { risk, ratio } = board.zone(id)
    return { id, name, city, region, risk, risk_ratio: ratio }
  })
}
