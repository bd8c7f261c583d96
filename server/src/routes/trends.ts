// GET /api/v1/trends/weekly (SPEC §7): every KPI per business week for a scope, with week-over-week
// changes (server/src/kpi/weekly.ts).
import type { FastifyInstance } from 'fastify'
import { READERS } from '../auth/principals.ts'
import type { Config } from '../config.ts'
import { resolveScope, type ScopeQuery } from '../kpi/scope.ts'
import { weeklyTrends } from '../kpi/weekly.ts'
import { scopeWindowQuery } from './kpis.ts'

export default async function trendRoutes(app: FastifyInstance, opts: { config: Config }) {
  app.get('/api/v1/trends/weekly', {
    onRequest: app.allow(READERS),
    schema: {
      querystring: {
        type: 'object',
        properties: {
          region: scopeWindowQuery.region,
          city: scopeWindowQuery.city,
          zone: scopeWindowQuery.zone,
          // 12 is the executive view (SPEC §1); a year at most.
          weeks: { type: 'integer', minimum: 1, maximum: 52, default: 12 },
        },
        additionalProperties: false,
      },
    },
    handler: async (request) => {
      const q = request.query as ScopeQuery & { weeks: number }
      const scope = resolveScope(q, app.zones, request.principal)
      const weeks = await weeklyTrends(app.clickhouse, scope, opts.config, Date.now(), q.weeks)
      return { scope: scope.json, weeks }
    },
  })
}
