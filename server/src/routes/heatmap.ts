// GET /api/v1/heatmap (SPEC §7): a metric over two whitelisted axes for a scope and window, as JSON or,
// with Accept: application/vnd.apache.arrow.stream, as an Arrow IPC stream of the same cells.
import type { FastifyInstance } from 'fastify'
import { READERS } from '../auth/principals.ts'
import type { Config } from '../config.ts'
import { badRequest } from '../errors.ts'
import { ARROW_STREAM, matrixToArrow } from '../heatmap/arrow.ts'
import { buildMatrix, METRICS, type Metric } from '../heatmap/matrix.ts'
import { heatmapJson } from '../heatmap/response.ts'
import { addDays, businessDay } from '../kpi/business-time.ts'
import { AXES, type Axis } from '../kpi/cells.ts'
import { resolveScope, type ScopeQuery } from '../kpi/scope.ts'
import { parseWindow, windowJson } from '../kpi/window.ts'
import { scopeWindowQuery } from './kpis.ts'

type HeatmapQuery = ScopeQuery & { from?: string; to?: string; metric: Metric; x: Axis; y: Axis }

/**
 * Without `from`, a day axis covers the last 14 business days (today included) and a weekday axis the last
 * 28 (each weekday four times); other axes use the default of every read endpoint, today so far.
 */
const DEFAULT_DAYS: Partial<Record<Axis, number>> = { day: 14, weekday: 28 }

export default async function heatmapRoutes(app: FastifyInstance, opts: { config: Config }) {
  const tz = opts.config.TZ_BUSINESS
  app.get('/api/v1/heatmap', {
    onRequest: app.allow(READERS),
    schema: {
      querystring: {
        type: 'object',
        properties: {
          ...scopeWindowQuery,
          metric: { type: 'string', enum: METRICS, default: 'complaint_rate' },
          x: { type: 'string', enum: AXES, default: 'hour' },
          y: { type: 'string', enum: AXES, default: 'zone' },
        },
        additionalProperties: false,
      },
    },
    handler: async (request, reply) => {
      const q = request.query as HeatmapQuery
      if (q.x === q.y) throw badRequest(`y: must be another axis than x (both are ${q.x})`)
      const now = Date.now()
      const scope = resolveScope(q, app.zones, request.principal)
      const window = parseWindow({ from: q.from ?? defaultFrom(q, now, tz), to: q.to }, now, tz)
      const req = { scope, window, metric: q.metric, x: q.x, y: q.y, settings: opts.config, now }
      if (!(request.headers.accept?.includes(ARROW_STREAM) ?? false)) return heatmapJson(app.clickhouse, app.zones, req, app.alerts.store.open())
      const matrix = await buildMatrix(app.clickhouse, app.zones, req)
      const metadata = { metric: q.metric, x: q.x, y: q.y, scope: JSON.stringify(scope.json), ...windowJson(window, tz) }
      return reply.type(ARROW_STREAM).send(Buffer.from(matrixToArrow(matrix, metadata)))
    },
  })
}

function defaultFrom(q: HeatmapQuery, now: number, tz: string): string | undefined {
  const days = Math.max(DEFAULT_DAYS[q.x] ?? 0, DEFAULT_DAYS[q.y] ?? 0)
  return days > 0 ? addDays(businessDay(now, tz), 1 - days) : undefined
}
