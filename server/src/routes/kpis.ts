// GET /api/v1/kpis (SPEC §7): every §5 KPI for a scope and window, with breakdowns.
import type { FastifyInstance } from 'fastify'
import { READERS } from '../auth/principals.ts'
import type { Config } from '../config.ts'
import { BREAKDOWNS, computeKpis } from '../kpi/kpis.ts'
import { resolveScope, type ScopeQuery } from '../kpi/scope.ts'
import { parseWindow, windowJson } from '../kpi/window.ts'

/** Scope and window parameters shared by the read endpoints. */
export const scopeWindowQuery = {
  region: { type: 'string', minLength: 1, maxLength: 128 },
  city: { type: 'string', minLength: 1, maxLength: 128 },
  zone: { type: 'string', minLength: 1, maxLength: 128 },
  from: { type: 'string', minLength: 10, maxLength: 40 },
  to: { type: 'string', minLength: 10, maxLength: 40 },
} as const

export default async function kpiRoutes(app: FastifyInstance, opts: { config: Config }) {
  const tz = opts.config.TZ_BUSINESS
  app.get('/api/v1/kpis', {
    onRequest: app.allow(READERS),
    schema: { querystring: { type: 'object', properties: scopeWindowQuery, additionalProperties: false } },
    handler: async (request) => {
      const q = request.query as ScopeQuery & { from?: string; to?: string }
      const now = Date.now()
      const scope = resolveScope(q, app.zones, request.principal)
      const window = parseWindow(q, now, tz)
      const { kpis, breakdowns } = await computeKpis(app.clickhouse, scope, window, opts.config, now, BREAKDOWNS)
      return {
        scope: scope.json,
        window: windowJson(window, tz),
        kpis,
        by_channel: breakdowns.channel,
        by_category: breakdowns.category,
        by_segment: breakdowns.segment,
        by_priority: breakdowns.priority,
      }
    },
  })
}
