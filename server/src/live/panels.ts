// The panels a live dashboard receives for its scope, each computed by the same code as its REST endpoint,
// over today so far.
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.ts'
import { heatmapJsonFrom } from '../heatmap/response.ts'
import { keywordsJsonFor } from '../keywords/keywords.ts'
import { businessDay, dayStart } from '../kpi/business-time.ts'
import { computeKpisFor, SPEC_BREAKDOWNS } from '../kpi/kpis.ts'
import { countRows } from '../kpi/cells.ts'
import { loadRiskBoard } from '../kpi/zone-risk.ts'
import { PLATFORM_SCOPE } from '../kpi/scope.ts'
import { windowJson, type Window } from '../kpi/window.ts'
import { urgently } from '../../../sql/urgency.ts'
import type { Panel } from './hub.ts'

/** How many words the wall's keyword cloud shows. */
const CLOUD_WORDS = 40

export function livePanels(app: FastifyInstance, config: Config): Panel[] {
  const tz = config.TZ_BUSINESS
  const today = (now: number): Window => ({ from: dayStart(businessDay(now, tz), tz), to: now })
  return [
    {
      // GET /api/v1/kpis with no window, for every due scope in one set of queries
      name: 'kpis',
      refreshMs: 5_000,
      minGapMs: 500,
      // what a wall shows first and what push latency is about: ahead of every other statement waiting
      compute: (scopes, now) => urgently(async () => {
        const window = today(now)
        const results = await computeKpisFor(app.clickhouse, scopes, window, config, now, SPEC_BREAKDOWNS)
        return results.map(({ kpis, breakdowns }) => ({ window: windowJson(window, tz), kpis, by_channel: breakdowns.channel, by_category: breakdowns.category }))
      }),
    },
    {
      // GET /api/v1/heatmap?metric=complaint_rate&x=hour&y=zone
      name: 'heatmap',
      refreshMs: 15_000,
      minGapMs: 5_000,
      compute: async (scopes, now) => {
        // The platform's zone × hour counts of today, once: the zones' risk levels and every scope's matrix
        // are folded from them, rather than counted again per scope.
        const request = { window: today(now), metric: 'complaint_rate', x: 'hour', y: 'zone', settings: config, now } as const
        const rows = await countRows(app.clickhouse, { ...request, scope: PLATFORM_SCOPE })
        const board = await loadRiskBoard(app.clickhouse, app.zones, config, now, app.alerts.store.open(), rows)
        return scopes.map((scope) => heatmapJsonFrom(rows, board, app.zones, { ...request, scope }))
      },
    },
    {
      // GET /api/v1/keywords?limit=40, for every due scope from one read of the texts; segmenting texts makes
      // it the heaviest panel, so it moves slowest.
      name: 'keywords',
      refreshMs: 30_000,
      minGapMs: 10_000,
      compute: (scopes, now) => keywordsJsonFor(app.clickhouse, scopes, today(now), CLOUD_WORDS, tz),
    },
  ]
}
