// GET /api/v1/kpis/series (issue 4): the §5 KPIs of a scope per hour or business day of a window (default:
// today so far, by hour), for sparklines. Scope and window parameters are those of GET /api/v1/kpis.
import type { FastifyInstance } from 'fastify'
import { READERS } from '../auth/principals.ts'
import type { Config } from '../config.ts'
import { badRequest } from '../errors.ts'
import { resolveScope, type ScopeQuery } from '../kpi/scope.ts'
import { bucketsOf, INTERVALS, kpiSeries, MAX_BUCKETS, type Interval } from '../kpi/series.ts'
import { parseWindow, windowJson } from '../kpi/window.ts'
import { scopeWindowQuery } from './kpis.ts'

export default async function seriesRoutes(app: FastifyInstance, opts: { config: Config }) {
  const tz = opts.config.TZ_BUSINESS
  app.get('/api/v1/kpis/series', {
    onRequest: app.allow(READERS),
    schema: {
      querystring: {
        type: 'object',
        properties: { ...scopeWindowQuery, interval: { type: 'string', enum: INTERVALS, default: 'hour' } },
        additionalProperties: false,
      },
    },
    handler: async (request) => {
      const q = request.query as ScopeQuery & { from?: string; to?: string; interval: Interval }
      const now = Date.now()
      const scope = resolveScope(q, app.zones, request.principal)
      const window = parseWindow(q, now, tz)
      const buckets = bucketsOf(window, q.interval, tz)
      if (!buckets) throw badRequest(`from/to: the window holds more than ${MAX_BUCKETS} ${q.interval}s; ask for a shorter window or interval=day`)
      const points = await kpiSeries(app.clickhouse, scope, buckets, opts.config, now)
      return { scope: scope.json, window: windowJson(window, tz), interval: q.interval, points }
    },
  })
}
