// GET /api/v1/drilldown (SPEC §7): one row per region, per city of a region or per zone of a city, with
// its KPIs over the window, risk level and open alerts (server/src/kpi/drilldown.ts).
import type { FastifyInstance } from 'fastify'
import { READERS } from '../auth/principals.ts'
import type { Config } from '../config.ts'
import { drilldown, LEVELS, type Level } from '../kpi/drilldown.ts'
import { parseWindow, windowJson } from '../kpi/window.ts'
import { scopeWindowQuery } from './kpis.ts'

export default async function drilldownRoutes(app: FastifyInstance, opts: { config: Config }) {
  const tz = opts.config.TZ_BUSINESS
  app.get('/api/v1/drilldown', {
    onRequest: app.allow(READERS),
    schema: {
      querystring: {
        type: 'object',
        properties: {
          level: { type: 'string', enum: LEVELS },
          parent: { type: 'string', minLength: 1, maxLength: 128 },
          from: scopeWindowQuery.from,
          to: scopeWindowQuery.to,
        },
        required: ['level'],
        additionalProperties: false,
      },
    },
    handler: async (request) => {
      const q = request.query as { level: Level; parent?: string; from?: string; to?: string }
      const now = Date.now()
      const window = parseWindow(q, now, tz)
      const rows = await drilldown(
        { client: app.clickhouse, registry: app.zones, settings: opts.config, openAlerts: () => app.alerts.store.open() },
        { level: q.level, parent: q.parent, principal: request.principal, window, now },
      )
      return { level: q.level, parent: q.parent ?? null, window: windowJson(window, tz), rows }
    },
  })
}
