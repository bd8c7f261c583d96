// GET /api/v1/audit (issue 5): the audit log for admins, newest first.
import type { FastifyInstance } from 'fastify'
import { runQuery } from '../../../sql/queries.ts'
import type { Config } from '../config.ts'
import { formatBusiness } from '../kpi/business-time.ts'
import { AUDIT_ACTIONS } from '../plugins/audit.ts'

export default async function auditRoutes(app: FastifyInstance, opts: { config: Config }) {
  app.get('/api/v1/audit', {
    onRequest: app.allow(['admin']),
    schema: {
      querystring: {
        type: 'object',
        properties: { action: { type: 'string', enum: [...AUDIT_ACTIONS] }, limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 200 } },
        additionalProperties: false,
      },
    },
    handler: async (request) => {
      const q = request.query as { action?: string; limit: number }
      const rows = await runQuery<{ at_ms: number; actor: string; action: string; subject: string; detail: string }>(app.clickhouse, 'audit_recent', { action: q.action ?? '', limit: q.limit })
      return { entries: rows.map(({ at_ms, detail, ...r }) => ({ at: formatBusiness(at_ms, opts.config.TZ_BUSINESS), ...r, detail: JSON.parse(detail) as unknown })) }
    },
  })
}
