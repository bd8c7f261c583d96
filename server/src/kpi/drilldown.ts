// Drill-down rows (SPEC §7): the regions, the cities of a region or the zones of a city, each with every
// §5 KPI over the window (computeKpisFor all children at once, so a row equals /kpis for that child), its risk level now
// (a zone's own, a region's or city's the worst of its zones, SPEC §6) and how many alerts about it are
// open. Children outside a regional principal's regions are left out; a parent outside them is a 403.
import type { ClickHouseClient } from '@clickhouse/client'
import { runQuery, sqlTime } from '../../../sql/queries.ts'
import type { Principal } from '../auth/principals.ts'
import type { RiskLevel } from '../alerts/risk.ts'
import { badRequest } from '../errors.ts'
import { UNKNOWN, type ZoneRegistry } from '../zones/registry.ts'
import { computeKpisFor, type KpiSettings, type Kpis } from './kpis.ts'
import { inScope, resolveScope, type Scope, type ScopeQuery } from './scope.ts'
import type { Window } from './window.ts'
import { loadRiskBoard, type OpenAlert, type RiskBoard } from './zone-risk.ts'

export const LEVELS = ['region', 'city', 'zone'] as const
export type Level = (typeof LEVELS)[number]

export interface DrilldownRequest {
  level: Level
  parent: string | undefined
  principal: Principal
  window: Window
  now: number
}

export interface DrilldownRow {
  /** What to pass as `parent` one level down (a region or city name, or the zone id). */
  id: string
  name: string
  scope: Scope['json']
  kpis: Kpis
  risk: RiskLevel
  open_alerts: number
}

interface Child {
  id: string
  name: string
  query: ScopeQuery
}

export interface DrilldownDeps {
  client: ClickHouseClient
  registry: ZoneRegistry
  settings: KpiSettings
  /** The alert engine's open alerts. */
  openAlerts: () => readonly OpenAlert[]
}

export async function drilldown(deps: DrilldownDeps, q: DrilldownRequest): Promise<DrilldownRow[]> {
  const [children, board] = await Promise.all([childrenOf(deps, q), loadRiskBoard(deps.client, deps.registry, deps.settings, q.now, deps.openAlerts())])
  const scopes = children.map((child) => resolveScope(child.query, deps.registry, q.principal))
  const results = await computeKpisFor(deps.client, scopes, q.window, deps.settings, q.now, [])
  return children.map((child, i) => row(deps, q, child, scopes[i]!, results[i]!.kpis, board))
}

function row(deps: DrilldownDeps, q: DrilldownRequest, child: Child, scope: Scope, kpis: Kpis, board: RiskBoard): DrilldownRow {
  const has = (zone: string) => inScope(scope, zone)
  // A region's or city's zones: those in the reference data, and unknown ones that have data today.
  const zones = new Set([...deps.registry.zoneIds({}), ...board.zonesToday()].filter(has))
  return {
    id: child.id,
    name: child.name,
    scope: scope.json,
    kpis,
    risk: board.worst(zones),
    open_alerts: board.openAlerts(has, q.level === 'region' ? child.id : undefined),
  }
}

/** The children to show, in display order (names, then `unknown` last), after checking the parent. */
async function childrenOf(deps: DrilldownDeps, q: DrilldownRequest): Promise<Child[]> {
  const { registry } = deps
  const { principal } = q
  if (q.level === 'region') {
    if (q.parent !== undefined) throw badRequest('parent: level=region has no parent')
    const allowed = (region: string) => !principal.regions || principal.regions.includes(region)
    const regions = registry.regions().filter(allowed).map((r) => ({ id: r, name: r, query: { region: r } }))
    const unknown = allowed(UNKNOWN) && (await unknownZones(deps, q.window)).length > 0
    return unknown ? [...regions, { id: UNKNOWN, name: UNKNOWN, query: { region: UNKNOWN } }] : regions
  }
  if (q.parent === undefined) throw badRequest(`parent: level=${q.level} needs the enclosing ${q.level === 'city' ? 'region' : 'city'}`)
  const parent = q.parent
  if (q.level === 'city') {
    // Resolving the parent's scope checks that it exists (404) and that the principal may see it (403).
    resolveScope({ region: parent }, registry, principal)
    if (parent === UNKNOWN) return [{ id: UNKNOWN, name: UNKNOWN, query: { city: UNKNOWN } }]
    const cities = registry.cities().filter((c) => c.region === parent).map((c) => c.city)
    return sorted(cities).map((c) => ({ id: c, name: c, query: { city: c } }))
  }
  resolveScope({ city: parent }, registry, principal)
  const ids = parent === UNKNOWN ? await unknownZones(deps, q.window) : registry.zoneIds({ city: parent })
  return sorted(ids).map((id) => ({ id, name: registry.get(id).name, query: { zone: id } }))
}

async function unknownZones(deps: DrilldownDeps, window: Window): Promise<string[]> {
  const rows = await runQuery<{ zone: string }>(deps.client, 'unknown_zones_seen', { from: sqlTime(window.from), to: sqlTime(window.to), known: deps.registry.zoneIds({}) })
  return rows.map((r) => r.zone)
}

function sorted(xs: string[]): string[] {
  return [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}
