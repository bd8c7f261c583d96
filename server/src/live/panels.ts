// The panels a live dashboard receives for its scope, each computed by the same code as its REST endpoint.
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.ts'
import { businessDay, dayStart } from '../kpi/business-time.ts'
import { computeKpis } from '../kpi/kpis.ts'
import { windowJson } from '../kpi/window.ts'
import type { Panel } from './hub.ts'

/** Today's KPIs as on GET /api/v1/kpis with no window: today so far. */
export function kpiPanel(app: FastifyInstance, config: Config): Panel {
  const tz = config.TZ_BUSINESS
  return {
    name: 'kpis',
    refreshMs: 5_000,
    minGapMs: 250,
    compute: async (scope, now) => {
      const window = { from: dayStart(businessDay(now, tz), tz), to: now }
      const { kpis, breakdowns } = await computeKpis(app.clickhouse, scope, window, config, now)
      return { window: windowJson(window, tz), kpis, by_channel: breakdowns.channel, by_category: breakdowns.category }
    },
  }
}
