// The JSON body of a heatmap (GET /api/v1/heatmap and the live `heatmap` panel): the matrix, and for a
// zone axis each zone's place and risk level now (SPEC §6).
import type { ClickHouseClient } from '@clickhouse/client'
import { windowJson } from '../kpi/window.ts'
import { loadRiskBoard, type RiskBoard } from '../kpi/zone-risk.ts'
import type { ZoneRegistry } from '../zones/registry.ts'
import { buildMatrix, type Matrix, type MatrixRequest } from './matrix.ts'

/** `board`: the risk levels when the caller already has them (the live hub loads them once per pass). */
export async function heatmapJson(client: ClickHouseClient, registry: ZoneRegistry, q: MatrixRequest, board?: RiskBoard) {
  const zoneAxis = q.x === 'zone' || q.y === 'zone'
  const matrix = await buildMatrix(client, registry, q)
  if (zoneAxis) board ??= await loadRiskBoard(client, registry, q.settings, q.now, q.partsUpToDate)
  const head = { metric: q.metric, x: q.x, y: q.y, scope: q.scope.json, window: windowJson(q.window, q.settings.TZ_BUSINESS) }
  if (!zoneAxis || !board) return { ...head, ...matrix }
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
