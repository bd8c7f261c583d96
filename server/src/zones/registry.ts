// Zone reference data (SPEC §4.3): region → city → zone. Stored in ClickHouse (`zones`, one version per
// upload) and held in memory, since every scoped request resolves names against it and it changes only
// when an admin uploads a new set.
import type { ClickHouseClient } from '@clickhouse/client'
import { runQuery } from '../../../sql/queries.ts'

export interface Zone {
  id: string
  name: string
  city: string
  region: string
}

/** Where events for a zone id missing from the reference data are attributed. */
export const UNKNOWN = 'unknown'

export class ZoneRegistry {
  #byId = new Map<string, Zone>()

  constructor(private readonly client: ClickHouseClient) {}

  async load(): Promise<void> {
    this.#set(await runQuery<Zone>(this.client, 'zones_current'))
  }

  get size(): number {
    return this.#byId.size
  }

  /** Replaces the whole set; zones left out disappear. */
  async replace(zones: Zone[]): Promise<void> {
    const version = Date.now()
    await this.client.insert({ table: 'zones', values: zones.map((z) => ({ ...z, version })), format: 'JSONEachRow' })
    this.#set(zones)
  }

  list(): Zone[] {
    return [...this.#byId.values()]
  }

  /** A zone's place in the hierarchy; an unknown id belongs to region and city `unknown`. */
  get(id: string): Zone {
    return this.#byId.get(id) ?? { id, name: id, city: UNKNOWN, region: UNKNOWN }
  }

  has(id: string): boolean {
    return this.#byId.has(id)
  }

  regions(): string[] {
    return [...new Set(this.list().map((z) => z.region))].sort()
  }

  cities(): Array<{ city: string; region: string }> {
    const seen = new Map<string, string>()
    for (const z of this.list()) seen.set(z.city, z.region)
    return [...seen].map(([city, region]) => ({ city, region }))
  }

  zoneIds(filter: { region?: string; city?: string }): string[] {
    return this.list()
      .filter((z) => (filter.region === undefined || z.region === filter.region) && (filter.city === undefined || z.city === filter.city))
      .map((z) => z.id)
  }

  #set(zones: Zone[]): void {
    this.#byId = new Map(zones.map((z) => [z.id, z]))
  }
}
