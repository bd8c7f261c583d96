// Zone reference data (SPEC §4.3): region → city → district. The simulator ships a default set of 49
// districts in 4 regions; ZONES_FILE or PUT /api/v1/zones replace it elsewhere.

import { readFileSync } from 'node:fs'
import { z } from 'zod'

export interface Zone {
  /** Short ASCII slug, e.g. `sh-pudong`. */
  id: string
  /** District name, e.g. 浦东新区. */
  name: string
  city: string
  region: string
}

const zoneList = z
  .array(
    z.object({
      id: z.string().regex(/^[a-z0-9-]+$/),
      name: z.string().min(1),
      city: z.string().min(1),
      region: z.string().min(1),
    }),
  )
  .min(1)

/** The default zones from `zones.json` beside this file, validated so a bad edit fails loudly here. */
export function loadDefaultZones(): Zone[] {
  const text = readFileSync(new URL('./zones.json', import.meta.url), 'utf8')
  return zoneList.parse(JSON.parse(text))
}
