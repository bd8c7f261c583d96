// Zone reference data (SPEC §4.3): read by every reader (a regional principal sees its regions only),
// replaced as a whole by an admin.
import type { FastifyInstance } from 'fastify'
import { READERS } from '../auth/principals.ts'
import { badRequest } from '../errors.ts'
import { validateZones, ZoneDataError } from '../zones/parse.ts'

export default async function zoneRoutes(app: FastifyInstance) {
  app.get('/api/v1/zones', {
    onRequest: app.allow(READERS),
    handler: async (request) => {
      const regions = request.principal.regions
      return { zones: app.zones.list().filter((z) => !regions || regions.includes(z.region)) }
    },
  })

  app.put('/api/v1/zones', {
    onRequest: app.allow(['admin']),
    handler: async (request) => {
      let zones
      try {
        zones = validateZones(request.body)
      } catch (err) {
        if (err instanceof ZoneDataError) throw badRequest(err.message)
        throw err
      }
      await app.zones.replace(zones)
      await app.audit(request, 'zones.replace', `${zones.length} zones`, { regions: [...new Set(zones.map((z) => z.region))] })
      return { zones: zones.length }
    },
  })
}
