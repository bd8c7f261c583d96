// The Fastify application as a plugin tree. Only server/src/main.ts listens; tests build it in-process.
// Plugins load in a fixed order: third-party, then the app's decorators (storage, auth), then routes.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import type { Storage } from '../../sql/client.ts'
import type { Principals } from './auth/principals.ts'
import type { Config } from './config.ts'
import { httpDuration } from './metrics.ts'
import alertsPlugin from './plugins/alerts.ts'
import authPlugin from './plugins/auth.ts'
import storagePlugin from './plugins/storage.ts'
import alertRoutes from './routes/alerts.ts'
import eventRoutes from './routes/events.ts'
import healthRoutes from './routes/health.ts'
import kpiRoutes from './routes/kpis.ts'
import zoneRoutes from './routes/zones.ts'

export interface AppOptions {
  config: Config
  storage: Storage
  principals: Principals
}

const dashboardDist = join(import.meta.dirname, '../../dashboard/dist')

export async function buildApp({ config, storage, principals }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      // Credentials never reach the logs (SPEC §8).
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    // Ingest bodies have their own, larger limit (routes/events.ts); everything else is small.
    bodyLimit: 1024 * 1024,
  })

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500
    if (status >= 500) {
      request.log.error({ err, route: request.routeOptions.url }, 'request failed')
      return reply.code(status).send({ statusCode: status, code: 'RADAR_ERR_INTERNAL', error: 'Internal Server Error', message: 'internal error; see the server log' })
    }
    return reply.code(status).send({ statusCode: status, code: err.code, error: err.name, message: err.message })
  })
  app.addHook('onResponse', async (request, reply) => {
    httpDuration.observe({ route: request.routeOptions.url ?? 'unmatched', method: request.method, status: reply.statusCode }, reply.elapsedTime / 1000)
  })

  // 1. third-party plugins
  if (existsSync(dashboardDist)) await app.register(fastifyStatic, { root: dashboardDist, wildcard: false })
  // 2. the app's decorators
  await app.register(storagePlugin, { storage })
  await app.register(authPlugin, { principals })
  await app.register(alertsPlugin, { config })
  // 3. routes
  await app.register(healthRoutes)
  await app.register(eventRoutes, { config })
  await app.register(zoneRoutes)
  await app.register(kpiRoutes, { config })
  await app.register(alertRoutes, { config })
  return app
}
