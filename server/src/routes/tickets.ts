// GET /api/v1/tickets?zone=&limit= (issue 4): a zone's most recent tickets for the regional drill-down, with
// the masked complaint text, category, channel, status, and first response and resolution times. A
// regional principal may ask only for zones of its regions (403 otherwise, like every scoped endpoint).
import type { FastifyInstance } from 'fastify'
import { runQuery, sqlTime } from '../../../sql/queries.ts'
import { READERS } from '../auth/principals.ts'
import type { Config } from '../config.ts'
import { formatBusiness } from '../kpi/business-time.ts'
import { resolveScope } from '../kpi/scope.ts'
import type { TicketStatus } from '../kpi/ticket-status.ts'
import { scopeWindowQuery } from './kpis.ts'

/** How far back "recent" reaches: a month keeps the scan to one or two monthly partitions. */
const LOOKBACK_MS = 30 * 86_400_000

interface TicketRow {
  ticket_id: string
  created_ms: number
  text: string
  channel: string
  category: string
  priority: string
  segment: string
  status: TicketStatus
  first_response_s: number | null
  resolution_s: number | null
  csat: number | null
  reopens: number
}

export default async function ticketRoutes(app: FastifyInstance, opts: { config: Config }) {
  const tz = opts.config.TZ_BUSINESS
  app.get('/api/v1/tickets', {
    onRequest: app.allow(READERS),
    schema: {
      querystring: {
        type: 'object',
        // 20 fills the drill-down's table; 200 bounds a careless request.
        properties: { zone: scopeWindowQuery.zone, limit: { type: 'integer', minimum: 1, maximum: 200, default: 20 } },
        required: ['zone'],
        additionalProperties: false,
      },
    },
    handler: async (request) => {
      const q = request.query as { zone: string; limit: number }
      const scope = resolveScope({ zone: q.zone }, app.zones, request.principal)
      const rows = await runQuery<TicketRow>(app.clickhouse, 'recent_tickets', { zone: q.zone, limit: q.limit, since: sqlTime(Date.now() - LOOKBACK_MS) })
      return { scope: scope.json, tickets: rows.map(({ created_ms, ...row }) => ({ ...row, created_at: formatBusiness(created_ms, tz) })) }
    },
  })
}
