// POST /api/v1/events and GET /api/v1/rejected on the embedded engine: row-by-row acceptance, the three
// body formats, whole-request errors with their SPEC §4.1 status codes, masking before storage.
import { tableToIPC, tableFromArrays } from 'apache-arrow'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auth, postEvents, removeDataDir, startTestApp, type TestApp } from '../../helpers/app.ts'

let t: TestApp
const now = Date.now()
let seq = 0
const ticket = (extra: Record<string, unknown> = {}) => ({
  event_id: `api-${seq++}`,
  type: 'ticket.created',
  ts: now - 60_000,
  ticket_id: `api-t-${seq}`,
  zone: 'sh-pudong',
  channel: 'app',
  category: 'delay',
  ...extra,
})

async function rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await t.app.clickhouse.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>()
}

beforeAll(async () => {
  t = await startTestApp({ BODY_LIMIT_MB: '0.05' })
})
afterAll(async () => {
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

describe('row-by-row acceptance', () => {
  it('stores the valid rows of a batch and names the field and problem of each invalid one', async () => {
    const batch = [
      ticket(),
      ticket({ channel: 'web' }),
      ticket({ ts: now + 6 * 60_000 }),
      { event_id: 'api-x', type: 'ticket.exploded', ts: now },
      ticket({ ticket_id: undefined }),
      { event_id: 'api-r1', type: 'ticket.rated', ts: now, ticket_id: 'a', csat: 6 },
      { event_id: 'api-c1', type: 'orders.count', ts: now, zone: 'sh-pudong', count: -1 },
      { event_id: 'api-c2', type: 'orders.count', ts: now, zone: 'sh-pudong', count: 2.5 },
      { type: 'order.created', ts: now, order_id: 'o', zone: 'z' },
      ticket({ ts: '2026-02-30T10:00:00+08:00' }),
      ticket({ ts: '2026-11-25 10:00:00' }),
      ticket({ ts: 1_700_000_000 }),
      'not an object',
      ticket({ ts: now + 4 * 60_000 }),
    ]
    const result = await postEvents(t.app, batch)
    expect(result.accepted).toBe(2)
    const errors = Object.fromEntries(result.rejected.map((r) => [r.index, r.error]))
    expect(Object.keys(errors).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(errors[1]).toMatch(/^channel: must be one of app, phone, social, third_party \(got "web"\)/)
    expect(errors[2]).toMatch(/^ts: .* more than 5 minutes ahead/)
    expect(errors[3]).toMatch(/^type: unknown event type "ticket.exploded"/)
    expect(errors[4]).toBe('ticket_id: is required')
    expect(errors[5]).toMatch(/^csat: must be from 1 to 5/)
    expect(errors[6]).toMatch(/^count: must be ≥ 0/)
    expect(errors[7]).toMatch(/^count: must be a whole number/)
    expect(errors[8]).toBe('event_id: is required')
    expect(errors[9]).toMatch(/^ts: must be RFC 3339 with an offset/)
    expect(errors[10]).toMatch(/^ts: must be RFC 3339 with an offset/)
    expect(errors[11]).toMatch(/^ts: .* before 2000-01-01; epoch seconds instead of milliseconds\?/)
    expect(errors[12]).toMatch(/^event must be a JSON object/)
    expect(result.rejected.find((r) => r.index === 1)?.event_id).toBe(batch[1] && (batch[1] as { event_id: string }).event_id)
  })

  it('takes 100 one-event requests sent at once: they wait together for a group commit instead of being refused', async () => {
    const sent = Array.from({ length: 100 }, () => ticket())
    const answers = await Promise.all(sent.map((e) => t.app.inject({ method: 'POST', url: '/api/v1/events', headers: auth('ingest'), payload: [e] })))
    expect(answers.map((a) => a.statusCode)).toEqual(sent.map(() => 200))
    const stored = await rows<{ n: number }>('SELECT count() AS n FROM events WHERE event_id IN {ids:Array(String)}', { ids: sent.map((e) => e.event_id) })
    expect(stored[0]?.n).toBe(100)
  })

  it('keeps each rejected row with its reason for admins, and only admins', async () => {
    await postEvents(t.app, [ticket({ channel: 'fax', text: '打13912345678找我' })])
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/rejected?limit=5', headers: auth('admin') })
    expect(res.statusCode).toBe(200)
    const [latest] = res.json().rejected
    expect(latest.error).toMatch(/^channel:/)
    expect(latest.raw).toContain('139****5678')
    expect(latest.raw).not.toContain('13912345678')
    expect(latest.principal).toBe('test-ingest')
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/rejected', headers: auth('ops') })).statusCode).toBe(403)
  })

  it('masks phone numbers, ID numbers and e-mail addresses before storage', async () => {
    const e = ticket({ text: '我的电话 138-1234-5678，身份证 11010119900307123X，邮箱 li.lei@example.com' })
    await postEvents(t.app, [e])
    const [row] = await rows<{ text: string }>('SELECT text FROM events WHERE event_id = {id:String}', { id: e.event_id })
    expect(row?.text).toBe('我的电话 138****5678，身份证 1101**********123X，邮箱 l***@example.com')
  })

  it('accepts NDJSON and rejects only the broken line, saying which', async () => {
    const a = ticket()
    const b = ticket()
    const body = `${JSON.stringify(a)}\n{"event_id": "broken",\n${JSON.stringify(b)}\n`
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/events', headers: { ...auth('ingest'), 'content-type': 'application/x-ndjson' }, payload: body })
    expect(res.statusCode).toBe(200)
    expect(res.json().accepted).toBe(2)
    expect(res.json().rejected).toEqual([{ index: 1, event_id: '', error: expect.stringMatching(/^line 2 is not valid JSON/) }])
  })

  it('accepts an Arrow IPC stream with columns named as the fields', async () => {
    const table = tableFromArrays({
      event_id: ['arrow-1', 'arrow-2', 'arrow-3'],
      type: ['orders.count', 'orders.count', 'orders.count'],
      ts: Float64Array.from([now - 120_000, now - 60_000, now - 60_000]),
      zone: ['sh-xuhui', 'sh-xuhui', 'sh-xuhui'],
      count: Int32Array.from([7, 5, -3]),
    })
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { ...auth('ingest'), 'content-type': 'application/vnd.apache.arrow.stream' },
      payload: Buffer.from(tableToIPC(table, 'stream')),
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ accepted: 2, duplicates: 0, rejected: [{ index: 2, event_id: 'arrow-3' }] })
    const [sum] = await rows<{ n: number }>("SELECT sum(count) AS n FROM events WHERE event_id LIKE 'arrow-%'")
    expect(sum?.n).toBe(12)
  })

  it('treats a repeated event_id as a duplicate, inside one batch and across batches', async () => {
    const e = ticket()
    expect(await postEvents(t.app, [e, e])).toEqual({ accepted: 1, duplicates: 1, rejected: [] })
    expect(await postEvents(t.app, [e, ticket()])).toEqual({ accepted: 1, duplicates: 1, rejected: [] })
    const [n] = await rows<{ n: number }>('SELECT count() AS n FROM events WHERE event_id = {id:String}', { id: e.event_id })
    expect(n?.n).toBe(1)
  })
})

describe('whole-request errors', () => {
  const post = (headers: Record<string, string>, payload: string | Buffer) => t.app.inject({ method: 'POST', url: '/api/v1/events', headers, payload })

  it('answers 400 with the line and column of an unparseable JSON body', async () => {
    const res = await post({ ...auth('ingest'), 'content-type': 'application/json' }, '[\n  {"event_id": "a"},\n  {"event_id" "b"}\n]')
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/line 3, column \d+/)
  })

  it('answers 400 to a body that is not an Arrow stream', async () => {
    const res = await post({ ...auth('ingest'), 'content-type': 'application/vnd.apache.arrow.stream' }, Buffer.from('definitely not arrow'))
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/Arrow/)
  })

  it('answers 401 without a token or with a wrong one, and 403 to a role that may not ingest', async () => {
    const body = JSON.stringify([ticket()])
    expect((await post({ 'content-type': 'application/json' }, body)).statusCode).toBe(401)
    expect((await post({ authorization: 'Bearer nope', 'content-type': 'application/json' }, body)).statusCode).toBe(401)
    expect((await post({ ...auth('wall'), 'content-type': 'application/json' }, body)).statusCode).toBe(403)
    expect((await post({ ...auth('admin'), 'content-type': 'application/json' }, body)).statusCode).toBe(200)
  })

  it('answers 415 to an unknown media type and 413 to a body over the limit', async () => {
    expect((await post({ ...auth('ingest'), 'content-type': 'text/csv' }, 'a,b')).statusCode).toBe(415)
    const big = JSON.stringify(Array.from({ length: 400 }, () => ticket({ text: '配送太慢了'.repeat(10) })))
    expect(big.length).toBeGreaterThan(0.05 * 1024 * 1024)
    expect((await post({ ...auth('ingest'), 'content-type': 'application/json' }, big)).statusCode).toBe(413)
  })
})
