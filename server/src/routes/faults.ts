// PUT /api/v1/faults (tests only, FAULT_INJECTION=on): an admin makes storage writes fail, slow down or hang,
// to prove that acknowledged events survive (issue 5). GET shows the switch and the spool.
import type { FastifyInstance } from 'fastify'
import { FAULT_MODES, type FaultMode } from '../../../ingest/faults.ts'

export default async function faultRoutes(app: FastifyInstance) {
  const state = () => ({ storage: app.faults.mode, degraded: app.ingest.degraded, spool: app.ingest.spool.stats() })

  app.get('/api/v1/faults', { onRequest: app.allow(['admin']), handler: async () => state() })

  app.put('/api/v1/faults', {
    onRequest: app.allow(['admin']),
    schema: {
      body: { type: 'object', required: ['storage'], properties: { storage: { type: 'string', enum: [...FAULT_MODES] } }, additionalProperties: false },
    },
    handler: async (request) => {
      const { storage } = request.body as { storage: FaultMode }
      app.faults.set(storage)
      await app.audit(request, 'faults.set', 'storage', { mode: storage })
      return state()
    },
  })
}
