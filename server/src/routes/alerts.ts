// GET /api/v1/alerts and POST /api/v1/alerts/:id/ack (SPEC §6–7). A regional principal sees and
// acknowledges only alerts inside its regions.
import type { FastifyInstance } from 'fastify'
import { ACKNOWLEDGERS, READERS, type Principal } from '../auth/principals.ts'
import type { Config } from '../config.ts'
import { Conflict, Forbidden, NotFound } from '../errors.ts'
import { ALERT_RULES, type Alert, type AlertRule } from '../alerts/types.ts'
import { formatBusiness } from '../kpi/business-time.ts'

/** An alert as the API shows it: times in business time, optional fields only where they apply. */
export function alertJson(a: Alert, tz: string): Record<string, unknown> {
  return {
    id: a.id,
    rule: a.rule,
    subject: a.subject,
    zone: a.zone || undefined,
    region: a.region || undefined,
    status: a.status,
    severity: a.severity,
    opened_at: formatBusiness(a.opened_at, tz),
    resolved_at: a.resolved_at === null ? null : formatBusiness(a.resolved_at, tz),
    ...(a.rule === 'zone_complaint_streak' ? { first_day: a.first_day, fired_day: a.fired_day, resolved_day: a.resolved_day } : {}),
    value: a.value,
    threshold: a.threshold,
    ...(a.ack_by ? { ack_by: a.ack_by, ack_note: a.ack_note, ack_at: a.ack_at === null ? null : formatBusiness(a.ack_at, tz) } : {}),
    ...(a.details ? { details: JSON.parse(a.details) as unknown } : {}),
  }
}

/** Whether a principal may see an alert: everyone but a regional principal sees all. */
export function visibleTo(p: Principal, a: Alert): boolean {
  return !p.regions || p.regions.includes(a.region)
}

export default async function alertRoutes(app: FastifyInstance, opts: { config: Config }) {
  const tz = opts.config.TZ_BUSINESS

  app.get('/api/v1/alerts', {
    onRequest: app.allow(READERS),
    schema: {
      querystring: {
        type: 'object',
        properties: { status: { type: 'string', enum: ['open', 'all'], default: 'open' }, rule: { type: 'string', enum: [...ALERT_RULES] } },
        additionalProperties: false,
      },
    },
    handler: async (request) => {
      const q = request.query as { status: 'open' | 'all'; rule?: AlertRule }
      const alerts = await app.alerts.store.list(q)
      return { alerts: alerts.filter((a) => visibleTo(request.principal, a)).map((a) => alertJson(a, tz)) }
    },
  })

  app.post('/api/v1/alerts/:id/ack', {
    onRequest: app.allow(ACKNOWLEDGERS),
    schema: {
      params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['id'] },
      body: { anyOf: [{ type: 'null' }, { type: 'object', properties: { note: { type: 'string', maxLength: 1000 } }, additionalProperties: false }] },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string }
      const note = (request.body as { note?: string } | null)?.note ?? ''
      const existing = (await app.alerts.store.list({ status: 'all', id }))[0]
      if (!existing) throw new NotFound(`alert ${id} does not exist`)
      if (!visibleTo(request.principal, existing)) throw new Forbidden(`${request.principal.name} may not acknowledge alerts of region ${existing.region || 'platform'}`)
      const alert = await app.alerts.acknowledge(id, request.principal.name, note)
      if (!alert || alert.status === 'resolved') throw new Conflict(`alert ${id} is already resolved`)
      await app.audit(request, 'alert.ack', id, { rule: alert.rule, subject: alert.subject, note })
      return { alert: alertJson(alert, tz) }
    },
  })
}
