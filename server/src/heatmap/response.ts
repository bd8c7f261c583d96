// The JSON body of a heatmap (GET /api/v1/heatmap and the live `heatmap` panel): the matrix, and for a
// zone axis each zone's place and risk level now (SPEC §6).
import type { ClickHouseClient } from '@clickhouse/client'
import { countRows, foldCells, type CellRows } from '../kpi/cells.ts'
import { windowJson } from '../kpi/window.ts'
import { loadRiskBoard, type OpenAlert, type RiskBoard } from '../kpi/zone-risk.ts'
import type { ZoneRegistry } from '../zones/registry.ts'
import { matrixOf, type Matrix, type MatrixRequest } from './matrix.ts'

/** `openAlerts`: the alert engine's open alerts, for the zones' risk levels. */
export async function heatmapJson(client: ClickHouseClient, registry: ZoneRegistry, q: MatrixRequest, openAlerts: readonly OpenAlert[]) {
  const rows = await countRows(client, q)
  const board = hasZoneAxis(q) ? await loadRiskBoard(client, registry, q.settings, q.now, openAlerts, rows) : undefined
  return heatmapJsonFrom(rows, board, registry, q)
}

/**
 * The same body from cells counted already (the live hub counts the platform's once per pass and answers
 * every wall's scope from them: server/src/kpi/cells.ts) and the zones' risk levels, for a zone axis.
 */
export function heatmapJsonFrom(rows: CellRows, board: RiskBoard | undefined, registry: ZoneRegistry, q: MatrixRequest) {
  const matrix = matrixOf(foldCells(rows, q, registry), q, registry)
  const head = { metric: q.metric, x: q.x, y: q.y, scope: q.scope.json, window: windowJson(q.window, q.settings.TZ_BUSINESS) }
  if (!board || !hasZoneAxis(q)) return { ...head, ...matrix }
  return { ...head, ...matrix, zones: zoneDetails(q.x === 'zone' ? matrix.xs : matrix.ys, registry, board) }
}

function hasZoneAxis(q: MatrixRequest): boolean {
  return q.x === 'zone' || q.y === 'zone'
}

/** Each zone of the zone axis, in axis order, with its place and risk level now. */
function zoneDetails(ids: Matrix['xs'], registry: ZoneRegistry, board: RiskBoard) {
  return ids.map(String).map((id) => {
    const { name, city, region } = registry.get(id)
    const { risk, ratio } = board.zone(id)
    return { id, name, city, region, risk, risk_ratio: ratio }
  })
}
