// The Fastify application as a plugin tree. Only server/src/main.ts listens; tests build it in-process.
// Plugins load in a fixed order: third-party, then the app's decorators (storage, auth), then routes.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyHelmet from '@fastify/helmet'
import fastifyCors from '@fastify/cors'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import fastifyWebsocket from '@fastify/websocket'
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify'
import type { Storage } from '../../sql/client.ts'
import type { Principals } from './auth/principals.ts'
import type { Config } from './config.ts'
import { badRequest } from './errors.ts'
import { httpDuration } from './metrics.ts'
import alertsPlugin from './plugins/alerts.ts'
import auditPlugin from './plugins/audit.ts'
import authPlugin from './plugins/auth.ts'
import kpiRollupsPlugin from './plugins/kpi-rollups.ts'
import livePlugin from './plugins/live.ts'
import storagePlugin from './plugins/storage.ts'
import alertRoutes from './routes/alerts.ts'
import dashboardRoutes from './routes/dashboard.ts'
import drilldownRoutes from './routes/drilldown.ts'
import eventRoutes from './routes/events.ts'
import auditRoutes from './routes/audit.ts'
import faultRoutes from './routes/faults.ts'
import healthRoutes from './routes/health.ts'
import heatmapRoutes from './routes/heatmap.ts'
import keywordRoutes from './routes/keywords.ts'
import kpiRoutes from './routes/kpis.ts'
import liveRoutes from './routes/live.ts'
import seriesRoutes from './routes/series.ts'
import sessionRoutes from './routes/session.ts'
import ticketRoutes from './routes/tickets.ts'
import trendRoutes from './routes/trends.ts'
import zoneRoutes from './routes/zones.ts'

export interface AppOptions {
  config: Config
  storage: Storage
  principals: Principals
  sessionSecret: string
  /** Where logs go instead of stdout (tests read them). */
  logStream?: NodeJS.WritableStream
}

const dashboardDist = join(import.meta.dirname, '../../dashboard/dist')

/**
 * Content-Security-Policy of every response (https://helmetjs.github.io/#content-security-policy). Scripts
 * only from this origin. ECharts and Svelte set inline style attributes and the word cloud measures text on a
 * canvas, hence 'unsafe-inline' styles and data: images. No upgrade-insecure-requests: wall displays on an
 * operations floor's LAN often reach the server over plain http, where upgrading requests would break the page.
 */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  upgradeInsecureRequests: null,
}

export async function buildApp({ config, storage, principals, sessionSecret, logStream }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      // Credentials never reach the logs (SPEC §8): headers are redacted, and the ?token= a wall display is
      // provisioned with is cut from logged URLs.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      serializers: { req: (req: FastifyRequest) => ({ method: req.method, url: withoutToken(req.url), remoteAddress: req.ip }) },
      ...(logStream ? { stream: logStream } : {}),
    },
    // Ingest bodies have their own, larger limit (routes/events.ts); everything else is small.
    bodyLimit: 1024 * 1024,
    // An unknown query parameter is an error the caller should hear about, not something to drop silently.
    ajv: { customOptions: { removeAdditional: false } },
  })

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500
    // Our own coded errors (server/src/errors.ts) carry messages written for the caller, 5xx included;
    // anything else on a 5xx is an internal failure whose details stay in the log.
    const ours = err.code?.startsWith('RADAR_ERR_') ?? false
    if (status >= 500 && !ours) {
      request.log.error({ err, route: request.routeOptions.url }, 'request failed')
      return reply.code(status).send({ statusCode: status, code: 'RADAR_ERR_INTERNAL', error: 'Internal Server Error', message: 'internal error; see the server log' })
    }
    if (status >= 500) request.log.warn({ err, route: request.routeOptions.url }, err.message)
    return reply.code(status).send({ statusCode: status, code: err.code, error: err.name, message: err.message })
  })
  // AJV coerces a query value like "1e309" to Infinity and lets it pass `maximum`: no parameter may be a
  // non-finite number.
  app.addHook('preHandler', async (request) => {
    for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
      if (typeof value === 'number' && !Number.isFinite(value)) throw badRequest(`${name}: must be a finite number`)
    }
  })
  app.addHook('onResponse', async (request, reply) => {
    httpDuration.observe({ route: request.routeOptions.url ?? 'unmatched', method: request.method, status: reply.statusCode }, reply.elapsedTime / 1000)
  })

  // 1. third-party plugins; rate limits apply only where a route asks for one (sign-in, ingest)
  await app.register(fastifyHelmet, { contentSecurityPolicy: { directives: CSP } })
  await app.register(fastifyRateLimit, { global: false })
  // CORS stays closed (same origin only) unless CORS_ORIGINS names the origins that may call the API.
  if (config.CORS_ORIGINS.length > 0) await app.register(fastifyCors, { origin: config.CORS_ORIGINS, credentials: true })
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } })
  // index: false leaves / to the dashboard's client routes (routes/dashboard.ts).
  if (existsSync(dashboardDist)) await app.register(fastifyStatic, { root: dashboardDist, wildcard: false, index: false })
  // 2. the app's decorators
  await app.register(storagePlugin, { storage, config })
  await app.register(authPlugin, { principals, sessionSecret })
  await app.register(auditPlugin)
  await app.register(kpiRollupsPlugin, { config })
  await app.register(alertsPlugin, { config })
  await app.register(livePlugin, { config })
  // 3. routes
  await app.register(healthRoutes)
  await app.register(sessionRoutes)
  await app.register(auditRoutes, { config })
  if (config.FAULT_INJECTION === 'on') await app.register(faultRoutes)
  await app.register(eventRoutes, { config })
  await app.register(zoneRoutes)
  await app.register(kpiRoutes, { config })
  await app.register(seriesRoutes, { config })
  await app.register(heatmapRoutes, { config })
  await app.register(keywordRoutes, { config })
  await app.register(drilldownRoutes, { config })
  await app.register(ticketRoutes, { config })
  await app.register(trendRoutes, { config })
  await app.register(alertRoutes, { config })
  await app.register(liveRoutes, { config })
  await app.register(dashboardRoutes, { dist: dashboardDist })
  return app
}

/** A URL with the value of any `token` parameter replaced, for logs. */
export function withoutToken(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]')
}
