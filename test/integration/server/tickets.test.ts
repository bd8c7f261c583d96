// GET /api/v1/tickets against the embedded engine: a zone's most recent tickets, newest first, each once
// at its earliest creation, with masked text, status, and first response and resolution times computed
// here from the events sent; the limit; roles and a regional principal's regions; bad parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auth, getJson, postEvents, removeDataDir, startTestApp, type TestApp } from '../../helpers/app.ts'

interface Ticket {
  ticket_id: string
  created_at: string
  text: string
  channel: string
  category: string
  priority: string
  segment: string
  status: string
  first_response_s: number | null
  resolution_s: number | null
  csat: number | null
  reopens: number
}

/** A ticket of the test: when it was created (minutes ago) and what happened to it, seconds after creation. */
interface Plan {
  id: string
  zone: string
  minutesAgo: number
  text: string
  respondedAfter?: number
  resolvedAfter?: number
  escalatedAfter?: number
  csat?: number
}

const PHONE = '13812345678'
const EMAIL = 'zhang.san@example.com'
const ID_CARD = '110105199001011234'
const PLANS: Plan[] = [
  { id: 'tk-resolved', zone: 'bj-haidian', minutesAgo: 300, text: `骑手迟到一小时，电话${PHONE}`, respondedAfter: 45, resolvedAfter: 3_600, csat: 2 },
  { id: 'tk-escalated', zone: 'bj-haidian', minutesAgo: 200, text: `包装破损，邮箱${EMAIL}`, respondedAfter: 200, escalatedAfter: 900 },
  { id: 'tk-responded', zone: 'bj-haidian', minutesAgo: 100, text: `身份证${ID_CARD}被泄露`, respondedAfter: 60 },
  { id: 'tk-waiting', zone: 'bj-haidian', minutesAgo: 10, text: '客服一直没人回复' },
  { id: 'tk-east', zone: 'sh-pudong', minutesAgo: 5, text: '上海的工单' },
]

let t: TestApp
const now = Date.now()
const createdAt = (p: Plan) => now - p.minutesAgo * 60_000

function eventsOf(p: Plan): Array<Record<string, unknown>> {
  const at = createdAt(p)
  const base = { ticket_id: p.id }
  const events: Array<Record<string, unknown>> = [
    { event_id: `${p.id}-c`, type: 'ticket.created', ts: at, zone: p.zone, channel: 'phone', category: 'delay', priority: 'urgent', segment: 'vip', text: p.text, ...base },
  ]
  if (p.respondedAfter !== undefined) events.push({ event_id: `${p.id}-r`, type: 'ticket.responded', ts: at + p.respondedAfter * 1000, responder: 'human', ...base })
  if (p.escalatedAfter !== undefined) events.push({ event_id: `${p.id}-e`, type: 'ticket.escalated', ts: at + p.escalatedAfter * 1000, ...base })
  if (p.resolvedAfter !== undefined) events.push({ event_id: `${p.id}-s`, type: 'ticket.resolved', ts: at + p.resolvedAfter * 1000, resolved_by: 'human', ...base })
  if (p.csat !== undefined) events.push({ event_id: `${p.id}-k`, type: 'ticket.rated', ts: at + 4_000_000, csat: p.csat, ...base })
  return events
}

function expectedStatus(p: Plan): string {
  if (p.resolvedAfter !== undefined) return 'resolved'
  if (p.escalatedAfter !== undefined) return 'escalated'
  return p.respondedAfter !== undefined ? 'responded' : 'waiting'
}

const ticketsOf = async (query: string, role: 'ops' | 'regional' = 'ops') => (await getJson<{ tickets: Ticket[] }>(t.app, `/api/v1/tickets?${query}`, role)).tickets

beforeAll(async () => {
  t = await startTestApp()
  const events = PLANS.flatMap(eventsOf)
  // The same ticket created again later under another event_id is still one ticket, at its first creation.
  const again = events[0] as Record<string, unknown>
  events.push({ ...again, event_id: 'tk-resolved-again', ts: now - 60_000, text: '重复提交' })
  await postEvents(t.app, events.reverse())
})

afterAll(async () => {
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

describe('GET /api/v1/tickets', () => {
  it("lists a zone's tickets newest first with status and times computed from their events", async () => {
    const tickets = await ticketsOf('zone=bj-haidian')
    const plans = PLANS.filter((p) => p.zone === 'bj-haidian').sort((a, b) => a.minutesAgo - b.minutesAgo)
    expect(tickets.map((k) => k.ticket_id)).toEqual(plans.map((p) => p.id))
    for (const [i, p] of plans.entries()) {
      const k = tickets[i] as Ticket
      expect(Date.parse(k.created_at), p.id).toBe(createdAt(p))
      expect(k.created_at, p.id).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/)
      expect(k, p.id).toMatchObject({
        channel: 'phone',
        category: 'delay',
        priority: 'urgent',
        segment: 'vip',
        status: expectedStatus(p),
        first_response_s: p.respondedAfter ?? null,
        resolution_s: p.resolvedAfter ?? null,
        csat: p.csat ?? null,
        reopens: 0,
      })
    }
  })

  it('shows complaint texts with personal data masked', async () => {
    const texts = (await ticketsOf('zone=bj-haidian')).map((k) => k.text).join('\n')
    expect(texts).toContain('138****5678')
    expect(texts).toContain('z***@example.com')
    expect(texts).toContain('1101**********1234')
    for (const raw of [PHONE, EMAIL, ID_CARD]) expect(texts).not.toContain(raw)
    expect(texts).not.toContain('重复提交')
  })

  it('keeps to the limit, newest first', async () => {
    const all = await ticketsOf('zone=bj-haidian')
    expect(await ticketsOf('zone=bj-haidian&limit=2')).toEqual(all.slice(0, 2))
  })

  it('lets a regional principal read zones of its regions only', async () => {
    expect((await ticketsOf('zone=bj-haidian', 'regional')).length).toBe(4)
    const east = await t.app.inject({ method: 'GET', url: '/api/v1/tickets?zone=sh-pudong', headers: auth('regional') })
    expect(east.statusCode).toBe(403)
    expect(east.body).not.toContain('上海的工单')
    expect((await ticketsOf('zone=sh-pudong')).map((k) => k.ticket_id)).toEqual(['tk-east'])
  })

  it('answers readers only', async () => {
    for (const role of ['admin', 'executive', 'wall'] as const) {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/tickets?zone=bj-haidian', headers: auth(role) })).statusCode, role).toBe(200)
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tickets?zone=bj-haidian', headers: auth('ingest') })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tickets?zone=bj-haidian' })).statusCode).toBe(401)
  })

  it('rejects bad parameters with 400 naming the parameter', async () => {
    for (const [query, param] of [['', 'zone'], ['zone=bj-haidian&limit=0', 'limit'], ['zone=bj-haidian&limit=201', 'limit'], ['zone=bj-haidian&region=华北', 'additional properties']]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/tickets?${query}`, headers: auth('ops') })
      expect(res.statusCode, query).toBe(400)
      expect(res.json().message, query).toContain(param)
    }
  })
})
