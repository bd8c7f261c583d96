// The scope of a read request (SPEC §7): the platform, a region, a city or a zone, checked against the
// principal's regions (SPEC §8). Resolved to the zone ids and agent regions the named queries filter by.
import { Forbidden, NotFound, badRequest } from '../errors.ts'
import type { Principal } from '../auth/principals.ts'
import { UNKNOWN, type ZoneRegistry } from '../zones/registry.ts'

export interface ScopeQuery {
  region?: string | undefined
  city?: string | undefined
  zone?: string | undefined
}

export interface Scope {
  /** What the response echoes back. */
  json: { level: 'platform' | 'regions' | 'region' | 'city' | 'zone'; region?: string; city?: string; zone?: string; name?: string; regions?: string[] }
  /** A zone is in scope when (zone IN zones) != excludeZones. */
  zones: string[]
  excludeZones: boolean
  /** Agents counted for agent KPIs: those of these regions, or all when undefined (SPEC §5). */
  agentRegions?: string[]
}

/** Every zone, known or not; all agents. */
export const PLATFORM_SCOPE: Readonly<Scope> = Object.freeze({ json: { level: 'platform' as const }, zones: [], excludeZones: true })

/** Whether a zone id is in the scope: the same test the named queries make in SQL. */
export function inScope(scope: Scope, zone: string): boolean {
  return scope.zones.includes(zone) !== scope.excludeZones
}

export function resolveScope(q: ScopeQuery, registry: ZoneRegistry, principal: Principal): Scope {
  const allowed = principal.regions
  const check = (region: string) => {
    if (allowed && !allowed.includes(region)) throw new Forbidden(`${principal.name} may not see region ${region}`)
  }
  if (q.zone !== undefined) {
    const z = registry.get(q.zone)
    if (q.city !== undefined && q.city !== z.city) throw badRequest(`zone: ${q.zone} is not in city ${q.city}`)
    if (q.region !== undefined && q.region !== z.region) throw badRequest(`zone: ${q.zone} is not in region ${q.region}`)
    check(z.region)
    return { json: { level: 'zone', zone: z.id, name: z.name, city: z.city, region: z.region }, zones: [z.id], excludeZones: false }
  }
  if (q.city !== undefined) return cityScope(q.city, q.region, registry, check)
  if (q.region !== undefined) {
    check(q.region)
    return { json: { level: 'region', region: q.region }, ...regionZones(q.region, registry), agentRegions: [q.region] }
  }
  if (allowed) {
    return { json: { level: 'regions', regions: allowed }, zones: allowed.flatMap((r) => regionZones(r, registry).zones), excludeZones: false, agentRegions: allowed }
  }
  return PLATFORM_SCOPE
}

function cityScope(city: string, region: string | undefined, registry: ZoneRegistry, check: (r: string) => void): Scope {
  if (city === UNKNOWN) {
    check(UNKNOWN)
    return { json: { level: 'city', city, region: UNKNOWN }, zones: registry.zoneIds({}), excludeZones: true }
  }
  const found = registry.cities().find((c) => c.city === city)
  if (!found) throw new NotFound(`city: no city named ${JSON.stringify(city)} in the zone reference data`)
  if (region !== undefined && region !== found.region) throw badRequest(`city: ${city} is not in region ${region}`)
  check(found.region)
  return { json: { level: 'city', city, region: found.region }, zones: registry.zoneIds({ city }), excludeZones: false }
}

/** A region's zones; `unknown` is every zone id that is not in the reference data. */
function regionZones(region: string, registry: ZoneRegistry): Pick<Scope, 'zones' | 'excludeZones'> {
  if (region === UNKNOWN) return { zones: registry.zoneIds({}), excludeZones: true }
  if (!registry.regions().includes(region)) throw new NotFound(`region: no region named ${JSON.stringify(region)} in the zone reference data`)
  return { zones: registry.zoneIds({ region }), excludeZones: false }
}
