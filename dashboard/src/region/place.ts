// Where the drill-down is (issue 4): the platform, a region, a city or a zone, read from the route
// /region/<region>/<city>/<zone>. From the place follow what to ask the API for (the scope parameters, the
// drill-down level and parent), the breadcrumb, and which open alerts belong on the page.
import type { Translate } from '../lib/alerts.ts'
import { routePath } from '../lib/router.ts'
import type { Alert, Principal, ScopeQuery, Zone } from '../lib/types.ts'

export interface Place {
  region?: string
  city?: string
  zone?: string
}

export type Level = 'region' | 'city' | 'zone'

export interface Crumb {
  label: string
  /** Undefined for the current place, and for a place the principal cannot open. */
  path?: string
}

export function pathOf(place: Place): string {
  return routePath({ name: 'region', ...place })
}

/** The scope parameters of the read API for a place. */
export function scopeQuery(place: Place): ScopeQuery {
  if (place.zone) return { zone: place.zone }
  if (place.city) return { city: place.city }
  return place.region ? { region: place.region } : {}
}

/** The drill-down request for the children of a place; a zone has none. */
export function childQuery(place: Place): { level: Level; parent?: string } | undefined {
  if (place.zone) return undefined
  if (place.city) return { level: 'zone', parent: place.city }
  return place.region ? { level: 'city', parent: place.region } : { level: 'region' }
}

/** The place one level down, through a drill-down row's id. */
export function childPlace(place: Place, id: string): Place {
  if (place.city) return { ...place, zone: id }
  return place.region ? { ...place, city: id } : { region: id }
}

/**
 * Where a principal starts: a regional lead of one region opens on it, since the platform level would only
 * list that one region; everyone else starts at the top.
 */
export function startPlace(p: Principal | null): Place | undefined {
  return p?.regions?.length === 1 ? { region: p.regions[0] } : undefined
}

/** The breadcrumb: the top (unless the principal starts below it), then each level down to the place. */
export function crumbs(place: Place, p: Principal | null, zoneName: string | undefined, t: Translate): Crumb[] {
  const start = startPlace(p)
  const top: Crumb[] = start ? [] : [{ label: p?.regions ? p.regions.join('、') : t('scope.platform'), path: pathOf({}) }]
  const levels: Array<[string | undefined, Crumb]> = [
    [place.region, { label: place.region ?? '', path: pathOf({ region: place.region }) }],
    [place.city, { label: place.city ?? '', path: pathOf({ region: place.region, city: place.city }) }],
    [place.zone, { label: zoneName ?? place.zone ?? '', path: pathOf(place) }],
  ]
  const all = [...top, ...levels.filter(([v]) => v !== undefined).map(([, c]) => c)]
  return all.map((c, i) => (i === all.length - 1 ? { label: c.label } : c))
}

/**
 * Whether an open alert belongs to a place. The server already limits a regional principal to its regions;
 * this narrows the list to the page: a zone's own alerts, a city's zones', a region's (zone alerts and the
 * region's capacity alerts).
 */
export function alertAt(a: Alert, place: Place, zones: ReadonlyMap<string, Zone>): boolean {
  if (place.zone) return a.zone === place.zone
  if (place.city) return a.zone !== undefined && zones.get(a.zone)?.city === place.city
  return place.region ? a.region === place.region : true
}
