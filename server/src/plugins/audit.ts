// The audit log (issue 5): `app.audit(request, action, subject, detail)` records who did what in ClickHouse
// and in the service log. Writing it must never fail the action it records, so a storage error is logged.
import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

export const AUDIT_ACTIONS = ['alert.ack', 'zones.replace', 'sign-in', 'sign-in.failed', 'faults.set'] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

declare module 'fastify' {
  interface FastifyInstance {
    audit(request: FastifyRequest, action: AuditAction, subject: string, detail?: Record<string, unknown>): Promise<void>
  }
}

export default fp(
  async (app) => {
    app.decorate('audit', async (request: FastifyRequest, action: AuditAction, subject: string, detail: Record<string, unknown> = {}) => {
      const actor = request.principal?.name ?? `anonymous@${request.ip}`
      request.log.info({ audit: action, actor, subject, ...detail }, action)
      try {
        await app.clickhouse.insert({ table: 'audit_log', values: [{ actor, action, subject, detail: JSON.stringify(detail) }], format: 'JSONEachRow' })
      } catch (err) {
        request.log.error({ err, audit: action }, 'audit entry could not be stored')
      }
    })
  },
  { name: 'audit', dependencies: ['storage'] },
)
