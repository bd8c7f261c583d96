// Zone reference data at start-up: ZONES_FILE when given (replacing the stored set if it differs),
// otherwise what is stored, otherwise the simulator's default set.
import { readFileSync } from 'node:fs'
import { loadDefaultZones } from '../../../ingest/simulator/index.ts'
import { parseZonesFile } from './parse.ts'
import type { Zone, ZoneRegistry } from './registry.ts'

export async function bootstrapZones(registry: ZoneRegistry, zonesFile: string | undefined): Promise<void> {
  const wanted = zonesFile ? parseZonesFile(readFileSync(zonesFile, 'utf8'), zonesFile) : registry.size === 0 ? loadDefaultZones() : undefined
  if (wanted && !sameZones(wanted, registry.list())) await registry.replace(wanted)
}

function sameZones(a: Zone[], b: Zone[]): boolean {
  const key = (zs: Zone[]) => JSON.stringify(zs.map((z) => [z.id, z.name, z.city, z.region]).sort())
  return key(a) === key(b)
}
