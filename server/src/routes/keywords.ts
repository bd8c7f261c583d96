// GET /api/v1/keywords (SPEC §7): complaint keywords of a scope and window, with counts and the change
// against the previous window of equal length ([from − (to − from), from)).
import type { FastifyInstance } from 'fastify'
import { READERS } from '../auth/principals.ts'
import type { Config } from '../config.ts'
import { keywordsJson } from '../keywords/keywords.ts'
import { resolveScope, type ScopeQuery } from '../kpi/scope.ts'
import { parseWindow } from '../kpi/window.ts'
import { scopeWindowQuery } from './kpis.ts'

export default async function keywordRoutes(app: FastifyInstance, opts: { config: Config }) {
  const tz = opts.config.TZ_BUSINESS
  app.get('/api/v1/keywords', {
    onRequest: app.allow(READERS),
    schema: {
      querystring: {
        type: 'object',
        // 50 fills a word cloud; 500 bounds the response of a careless request.
        properties: { ...scopeWindowQuery, limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
        additionalProperties: false,
      },
    },
    handler: async (request) => {
      const q = request.query as ScopeQuery & { from?: string; to?: string; limit: number }
      const scope = resolveScope(q, app.zones, request.principal)
      const window = parseWindow(q, Date.now(), tz)
      return keywordsJson(app.clickhouse, scope, window, q.limit, tz)
    },
  })
}
