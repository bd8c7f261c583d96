// Hostile input never causes a 5xx, a hang or a crash (issue 5): SQL injection on every parameter of every
// read endpoint, generated query strings, and generated bodies of every media type. Each property prints
// how many cases it tried.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auth, postEvents, removeDataDir, startTestApp, type TestApp } from '../../helpers/app.ts'

let t: TestApp
let serverErrors = 0
let cases = 0

const ENDPOINTS: Record<string, string[]> = {
  '/api/v1/kpis': ['region', 'city', 'zone', 'from', 'to'],
  '/api/v1/alerts': ['status', 'rule'],
  '/api/v1/heatmap': ['metric', 'x', 'y', 'region', 'city', 'zone', 'from', 'to'],
  '/api/v1/keywords': ['limit', 'region', 'city', 'zone', 'from', 'to'],
  '/api/v1/drilldown': ['level', 'parent', 'from', 'to'],
  '/api/v1/trends/weekly': ['weeks', 'region', 'city', 'zone'],
  '/api/v1/tickets': ['zone', 'limit'],
  '/api/v1/rejected': ['limit'],
}

const INJECTIONS = [
  "' OR 1=1 --",
  "华东'; DROP TABLE events; --",
  '{zones:Array(String)}',
  "x') UNION ALL SELECT event_id FROM events --",
  '\\',
  '\u0000',
  '%00',
  '9'.repeat(400),
  "2026-11-25T00:00:00+08:00' OR '1'='1",
  '-1',
  '1e309',
  'NaN',
  '__proto__',
  'constructor',
]

async function request(method: 'GET' | 'POST' | 'PUT', url: string, opts: { payload?: string | Buffer; contentType?: string } = {}) {
  cases++
  const res = await t.app.inject({
    method,
    url,
    headers: { ...auth('admin'), ...(opts.contentType ? { 'content-type': opts.contentType } : {}) },
    ...(opts.payload === undefined ? {} : { payload: opts.payload }),
  })
  if (res.statusCode >= 500) {
    serverErrors++
    throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`)
  }
  return res
}

beforeAll(async () => {
  // Its hundreds of generated bodies go one after another, each waiting for its answer: without the group
  // commit's spacing they do not wait for one another's writes.
  t = await startTestApp({ INGEST_GROUP_MS: '0' })
  await postEvents(t.app, [{ event_id: 'h-1', type: 'ticket.created', ts: Date.now() - 60_000, ticket_id: 'h-t1', zone: 'sh-pudong', channel: 'app', category: 'delay', text: '配送员迟到' }])
})
afterAll(async () => {
  console.log(`hostile input: ${cases} requests, ${serverErrors} server errors`)
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

describe('hostile input', () => {
  it('binds every parameter: injection attempts change nothing and never fail the server', async () => {
    for (const [path, params] of Object.entries(ENDPOINTS)) {
      for (const p of params) {
        for (const value of INJECTIONS) {
          const res = await request('GET', `${path}?${p}=${encodeURIComponent(value)}`)
          expect([200, 400, 403, 404]).toContain(res.statusCode)
        }
      }
    }
    const [row] = await (await t.app.clickhouse.query({ query: 'SELECT count() AS n FROM events', format: 'JSONEachRow' })).json<{ n: number }>()
    expect(row?.n).toBe(1)
  })

  it('answers generated query strings on every read endpoint without a 5xx', async () => {
    const value = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.integer().map(String), fc.constantFrom(...INJECTIONS), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()))
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(ENDPOINTS)), fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('region', 'zone', 'from', 'to', 'metric', 'x', 'y', 'level', 'parent', 'weeks', 'limit', 'status')), value, { maxKeys: 4 }), async (path, params) => {
        const qs = new URLSearchParams(params as Record<string, string>).toString()
        await request('GET', `${path}?${qs}`)
      }),
      { numRuns: 400 },
    )
  })

  it('answers generated ingest bodies of every media type without a 5xx', async () => {
    const body = fc.oneof(
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify([v])),
      fc.array(fc.record({ event_id: fc.string(), type: fc.constantFrom('ticket.created', 'orders.count', 'x'), ts: fc.oneof(fc.integer(), fc.string()), zone: fc.string(), count: fc.oneof(fc.double(), fc.bigInt().map(String)) }, { requiredKeys: [] })).map((a) => JSON.stringify(a)),
      fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b).toString('latin1')),
      fc.integer({ min: 1, max: 5_000 }).map((d) => '['.repeat(d) + ']'.repeat(d)),
      fc.constant('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, "event_id": "p", "type": "ticket.reopened", "ts": 1, "ticket_id": "t"}'),
      fc.constant(`[{"event_id":"big","type":"orders.count","ts":${Date.now()},"zone":"z","count":123456789012345678901234567890}]`),
    )
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('application/json', 'application/x-ndjson', 'application/vnd.apache.arrow.stream', 'text/plain'), async (payload, contentType) => {
        const res = await request('POST', '/api/v1/events', { payload, contentType })
        expect([200, 400, 415]).toContain(res.statusCode)
      }),
      { numRuns: 400 },
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('answers hostile sign-in, zone and acknowledgement bodies without a 5xx', async () => {
    const body = fc.oneof(fc.json(), fc.string(), fc.constant('{"token": {"$ne": null}}'), fc.constant('[]'), fc.constant('null'))
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom<['POST' | 'PUT', string]>(['POST', '/api/v1/session'], ['PUT', '/api/v1/zones'], ['POST', '/api/v1/alerts/nope/ack']), async (payload, [method, url]) => {
        const res = await request(method, url, { payload, contentType: 'application/json' })
        expect(res.statusCode).toBeLessThan(500)
      }),
      { numRuns: 300 },
    )
  })
})
