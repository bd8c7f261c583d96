// Liveness, readiness (storage reachable) and Prometheus metrics (SPEC §7). Unauthenticated: probes and
// scrapers run inside the deployment.
import type { FastifyInstance } from 'fastify'
import { metricsRegistry } from '../metrics.ts'

export default async function healthRoutes(app: FastifyInstance) {
  app.get('/healthz', async () => ({ status: 'ok' }))

  app.get('/readyz', async (_request, reply) => {
    try {
      await app.clickhouse.query({ query: 'SELECT 1', format: 'JSONEachRow' }).then((r) => r.json())
      return { status: 'ready' }
    } catch (err) {
      app.log.warn({ err }, 'storage not reachable')
      return reply.code(503).send({ status: 'storage unavailable' })
    }
  })

  app.get('/metrics', async (_request, reply) => {
    reply.type(metricsRegistry.contentType)
    return metricsRegistry.metrics()
  })
}
