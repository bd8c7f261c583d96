// POST /api/v1/events (SPEC §4.1) and GET /api/v1/rejected. Bodies are taken as raw buffers so each
// format's decoder can report where a body broke and keep valid rows around a bad one.
import type { FastifyInstance } from 'fastify'
import { ingestBatch } from '../../../ingest/pipeline.ts'
import { BodyError, decodeBody, formatOf, MEDIA_TYPES } from '../../../ingest/parse.ts'
import { runQuery } from '../../../sql/queries.ts'
import { SpoolFullError } from '../../../ingest/durable.ts'
import { BadBody, StorageUnavailable, UnsupportedMedia } from '../errors.ts'
import { InflightLimit } from '../ingest-limits.ts'
import { formatBusiness } from '../kpi/business-time.ts'
import type { Config } from '../config.ts'
import { ingestCounter } from '../metrics.ts'

const resultSchema = {
  type: 'object',
  required: ['accepted', 'duplicates', 'rejected'],
  properties: {
    accepted: { type: 'integer' },
    duplicates: { type: 'integer' },
    rejected: {
      type: 'array',
      items: {
        type: 'object',
        properties: { index: { type: 'integer' }, event_id: { type: 'string' }, error: { type: 'string' } },
      },
    },
  },
} as const

/** Per principal; far above what a healthy sender needs (5,000-event batches), low enough to stop a runaway loop. */
const INGEST_REQUESTS_PER_MINUTE = 6_000
/** Storage outages last minutes, not seconds. */
const SPOOL_RETRY_AFTER_S = 30

export default async function eventRoutes(app: FastifyInstance, opts: { config: Config }) {
  // Every supported media type arrives as a Buffer; anything else is answered 415 by Fastify itself.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(Object.values(MEDIA_TYPES), { parseAs: 'buffer' }, (_req, body, done) => done(null, body))

  const bodyLimit = Math.floor(opts.config.BODY_LIMIT_MB * 1024 * 1024)
  const limit = new InflightLimit(opts.config.INGEST_MAX_INFLIGHT, opts.config.INGEST_MAX_INFLIGHT_MB * 1024 * 1024, bodyLimit)
  app.post('/api/v1/events', {
    onRequest: [app.allow(['ingest', 'admin']), limit.admit],
    config: { rateLimit: { max: INGEST_REQUESTS_PER_MINUTE, timeWindow: '1 minute', keyGenerator: (request) => request.principal?.name ?? request.ip } },
    bodyLimit,
    schema: { response: { 200: resultSchema } },
    handler: async (request, reply) => {
      const format = formatOf(request.headers['content-type'])
      if (!format) throw new UnsupportedMedia(`Content-Type must be one of ${Object.values(MEDIA_TYPES).join(', ')}`)
      const body = request.body
      if (!Buffer.isBuffer(body)) throw new BadBody('the body is empty')
      let candidates
      try {
        candidates = decodeBody(format, body)
      } catch (err) {
        if (err instanceof BodyError) throw new BadBody(err.message)
        throw err
      }
      let result
      try {
        result = await ingestBatch(candidates, app.ingest, request.principal.name)
      } catch (err) {
        if (!(err instanceof SpoolFullError)) throw err
        reply.header('retry-after', String(SPOOL_RETRY_AFTER_S))
        throw new StorageUnavailable(`storage is unavailable and ${err.message}; nothing in this request was stored`)
      }
      if (result.spooled) reply.header('x-radar-spooled', '1')
      ingestCounter.inc({ outcome: 'accepted' }, result.accepted)
      ingestCounter.inc({ outcome: 'duplicate' }, result.duplicates)
      ingestCounter.inc({ outcome: 'rejected' }, result.rejected.length)
      return result
    },
  })

  app.get('/api/v1/rejected', {
    onRequest: app.allow(['admin']),
    schema: {
      querystring: {
        type: 'object',
        properties: { limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 100 } },
        additionalProperties: false,
      },
    },
    handler: async (request) => {
      const { limit } = request.query as { limit: number }
      const rows = await runQuery<{ received_ms: number } & Record<string, unknown>>(app.clickhouse, 'rejected_recent', { limit })
      return {
        rejected: rows.map(({ received_ms, ...r }) => ({ received_at: formatBusiness(received_ms, opts.config.TZ_BUSINESS), ...r })),
      }
    },
  })
}
