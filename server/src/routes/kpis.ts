// GET /api/v1/kpis (SPEC §7): every §5 KPI for a scope and window, with breakdowns: by_channel and
// by_category as SPEC §7 shows them, or those named by `by` (repeated: ?by=segment&by=priority). Each
// breakdown costs a read about as long as the whole scope's (kpis.ts), so only those asked for are computed.
import type { FastifyInstance } from 'fastify'
import { READERS } from '../auth/principals.ts'
import type { Config } from '../config.ts'
import { BREAKDOWNS, computeKpis, SPEC_BREAKDOWNS, type Breakdown } from '../kpi/kpis.ts'
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
    schema: {
      querystring: {
        type: 'object',
        properties: { ...scopeWindowQuery, by: { type: 'array', items: { type: 'string', enum: [...BREAKDOWNS] }, uniqueItems: true } },
        additionalProperties: false,
      },
    },
    handler: async (request) => {
      const q = request.query as ScopeQuery & { from?: string; to?: string; by?: Breakdown[] }
      const now = Date.now()
      const scope = resolveScope(q, app.zones, request.principal)
      const window = parseWindow(q, now, tz)
      const asked: readonly Breakdown[] = q.by ?? SPEC_BREAKDOWNS
      const { kpis, breakdowns } = await computeKpis(app.clickhouse, scope, window, opts.config, now, asked)
      const byDim = Object.fromEntries(asked.map((dim) => [`by_${dim}`, breakdowns[dim]]))
      return { scope: scope.json, window: windowJson(window, tz), kpis, ...byDim }
    },
  })
}
