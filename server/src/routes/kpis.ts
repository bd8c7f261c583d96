// GET /api/v1/kpis (SPEC §7): every §5 KPI for a scope and window, with breakdowns: by_channel and
// by_category as SPEC §7 shows them, or those named by `by` (repeated: ?by=segment&by=priority), or none
// with ?by=none (a view that shows the scope's KPIs alone). Each breakdown costs a read about as long as the
// whole scope's (kpis.ts), so only those asked for are computed.
import type { FastifyInstance } from 'fastify'
import { READERS } from '../auth/principals.ts'
import type { Config } from '../config.ts'
import { badRequest } from '../errors.ts'
import { BREAKDOWNS, computeKpis, SPEC_BREAKDOWNS, type Breakdown } from '../kpi/kpis.ts'
import { resolveScope, type ScopeQuery } from '../kpi/scope.ts'
import { parseWindow, windowJson } from '../kpi/window.ts'

/** `?by=none`: no breakdown. */
const NONE = 'none'

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
        properties: { ...scopeWindowQuery, by: { type: 'array', items: { type: 'string', enum: [...BREAKDOWNS, NONE] }, uniqueItems: true } },
        additionalProperties: false,
      },
    },
    handler: async (request) => {
      const q = request.query as ScopeQuery & { from?: string; to?: string; by?: Array<Breakdown | typeof NONE> }
      const asked = breakdownsAsked(q.by)
      const now = Date.now()
      const scope = resolveScope(q, app.zones, request.principal)
      const window = parseWindow(q, now, tz)
      const { kpis, breakdowns } = await computeKpis(app.clickhouse, scope, window, opts.config, now, asked)
      const byDim = Object.fromEntries(asked.map((dim) => [`by_${dim}`, breakdowns[dim]]))
      return { scope: scope.json, window: windowJson(window, tz), kpis, ...byDim }
    },
  })
}

/** The breakdowns `?by=` names: SPEC §7's when absent, none for `none` (which stands alone). */
function breakdownsAsked(by: ReadonlyArray<Breakdown | typeof NONE> | undefined): readonly Breakdown[] {
  if (by === undefined) return SPEC_BREAKDOWNS
  if (!by.includes(NONE)) return by as readonly Breakdown[]
  if (by.length > 1) throw badRequest(`querystring/by: '${NONE}' asks for no breakdown and cannot be given with others (${by.join(', ')})`)
  return []
}
