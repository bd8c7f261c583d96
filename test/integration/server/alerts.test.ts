// The alert engine end to end on the embedded engine: events in through the ingest API, alerts out through
// GET /api/v1/alerts, acknowledgement by role, and survival across a restart.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { addDays, businessDay, dayStart } from '../../../server/src/kpi/business-time.ts'
import { auth, getJson, postEvents, removeDataDir, startTestApp, TEST_ZONES, type TestApp } from '../../helpers/app.ts'

const TZ = 'Asia/Shanghai'
const now = Date.now()
const today = businessDay(now, TZ)
let t: TestApp
let seq = 0
const id = (p: string) => `${p}-${seq++}`

type AlertJson = { id: string; rule: string; subject: string; status: string; first_day?: string; fired_day?: string; resolved_day?: string | null; value: number; ack_by?: string; ack_note?: string; region?: string }

const alerts = async (query = 'status=all', role: Parameters<typeof getJson>[2] = 'ops') => (await getJson<{ alerts: AlertJson[] }>(t.app, `/api/v1/alerts?${query}`, role)).alerts
const ticket = (ts: number, zone: string, extra: Record<string, unknown> = {}) => ({ event_id: id('e'), type: 'ticket.created', ts, ticket_id: id('t'), zone, channel: 'app', category: 'delay', ...extra })

beforeAll(async () => {
  // Today is a promotion day here, so peak_response_rate is judged whenever the test runs.
  t = await startTestApp({ PROMOTION_DAYS: today.slice(5) })
  await t.app.ready()
  // A region of its own for the peak_response_rate test.
  await t.app.zones.replace([...TEST_ZONES, { id: 'cd-wuhou', name: '武侯区', city: '成都', region: '西南' }])
})
afterAll(async () => {
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

describe('zone_complaint_streak over a backfill', () => {
  it('yields the episodes the history holds, resolved ones with their days', async () => {
    // Ten business days ending today. Platform: filler zones at 1 %. sh-pudong hot on days 0–3 (resolves on
    // day 4), bj-chaoyang hot on days 1, 2, 4, 5 with day 3 under 30 orders (no episode), hz-xihu hot from
    // day 7 through today (open).
    const days = Array.from({ length: 10 }, (_, i) => addDays(today, i - 9))
    const hot: Record<string, number[]> = { 'sh-pudong': [0, 1, 2, 3], 'bj-chaoyang': [1, 2, 4, 5], 'hz-xihu': [7, 8, 9] }
    const events: unknown[] = []
    days.forEach((day, i) => {
      const noon = Math.min(dayStart(day, TZ) + 12 * 3_600_000, now - 60_000)
      for (const zone of ['sh-pudong', 'sh-xuhui', 'hz-xihu', 'bj-chaoyang', 'bj-haidian']) {
        const orders = zone === 'bj-chaoyang' && i === 3 ? 29 : 1000
        events.push({ event_id: id('o'), type: 'orders.count', ts: noon - (noon % 60_000), zone, count: orders })
        const tickets = hot[zone]?.includes(i) ? 30 : 10
        for (let k = 0; k < tickets; k++) events.push(ticket(noon, zone))
      }
    })
    expect((await postEvents(t.app, events)).accepted).toBe(events.length)
    await t.app.alerts.evaluate()
    const streaks = (await alerts('status=all&rule=zone_complaint_streak')).map(({ subject, status, first_day, fired_day, resolved_day }) => ({ subject, status, first_day, fired_day, resolved_day }))
    expect(streaks.sort((a, b) => a.subject.localeCompare(b.subject))).toEqual([
      { subject: 'hz-xihu', status: 'firing', first_day: days[7], fired_day: days[9], resolved_day: null },
      { subject: 'sh-pudong', status: 'resolved', first_day: days[0], fired_day: days[2], resolved_day: days[4] },
    ])
  })
})

describe('live rules', () => {
  it('opens urgent_unanswered after 15 minutes without a response and resolves it on the response', async () => {
    const urgent = ticket(now - 16 * 60_000, 'bj-haidian', { priority: 'urgent' })
    const young = ticket(now - 5 * 60_000, 'bj-haidian', { priority: 'urgent' })
    const answered = ticket(now - 20 * 60_000, 'bj-haidian', { priority: 'urgent' })
    await postEvents(t.app, [urgent, young, answered, { event_id: id('r'), type: 'ticket.responded', ts: now - 19 * 60_000, ticket_id: answered.ticket_id, responder: 'human' }])
    await t.app.alerts.evaluate()
    const open = (await alerts('status=open&rule=urgent_unanswered')).map((a) => a.subject)
    expect(open).toEqual([urgent.ticket_id])
    await postEvents(t.app, [{ event_id: id('r'), type: 'ticket.responded', ts: Date.now(), ticket_id: urgent.ticket_id, responder: 'bot' }])
    await t.app.alerts.evaluate()
    expect(await alerts('status=open&rule=urgent_unanswered')).toEqual([])
    expect((await alerts('status=all&rule=urgent_unanswered')).map((a) => [a.subject, a.status])).toEqual([[urgent.ticket_id, 'resolved']])
    // the young one, still unanswered when its 15 minutes are up, opens then
    const later = now + 11 * 60_000
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => later)
    await t.app.alerts.evaluate()
    clock.mockRestore()
    expect((await alerts('status=open&rule=urgent_unanswered')).map((a) => a.subject)).toEqual([young.ticket_id])
    await postEvents(t.app, [{ event_id: id('r'), type: 'ticket.responded', ts: Date.now(), ticket_id: young.ticket_id, responder: 'human' }])
    await t.app.alerts.evaluate()
    expect(await alerts('status=open&rule=urgent_unanswered')).toEqual([])
  })

  it('opens escalation_risk for an unresolved threatening complaint, not for one resolved long ago, and resolves it on resolution', async () => {
    const threat = ticket(now - 3 * 86_400_000, 'sh-xuhui', { text: '再不处理我就打12315投诉，还要找媒体曝光' })
    const old = ticket(now - 3 * 86_400_000, 'sh-xuhui', { text: '我要报警' })
    await postEvents(t.app, [old, { event_id: id('x'), type: 'ticket.resolved', ts: now - 2 * 86_400_000, ticket_id: old.ticket_id, resolved_by: 'human' }, threat])
    await t.app.alerts.evaluate()
    // A backfilled ticket is judged after a grace period, so its resolution in a later batch can land first.
    expect(await alerts('status=open&rule=escalation_risk')).toEqual([])
    const later = Date.now() + 11_000
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => later)
    await t.app.alerts.evaluate()
    clock.mockRestore()
    const [open] = await alerts('status=open&rule=escalation_risk')
    expect(open?.subject).toBe(threat.ticket_id)
    expect(open?.value).toBe(3)
    await postEvents(t.app, [{ event_id: id('x'), type: 'ticket.resolved', ts: Date.now(), ticket_id: threat.ticket_id, resolved_by: 'human' }])
    await t.app.alerts.evaluate()
    expect(await alerts('status=open&rule=escalation_risk')).toEqual([])
  })

  it('fires agent_order_ratio above 1:1500 for the platform and a region, and resolves when agents come online', async () => {
    const minute = now - (now % 60_000) - 3_600_000
    await postEvents(t.app, [
      { event_id: id('o'), type: 'orders.count', ts: minute, zone: 'bj-haidian', count: 4000 },
      { event_id: id('a'), type: 'agent.status', ts: now - 7_200_000, agent_id: 'north-1', status: 'online', region: '华北' },
      { event_id: id('a'), type: 'agent.status', ts: now - 7_200_000, agent_id: 'north-2', status: 'online', region: '华北' },
    ])
    await new Promise((r) => setTimeout(r, 1_100))
    await t.app.alerts.evaluate()
    const subjects = (await alerts('status=open&rule=agent_order_ratio')).map((a) => a.subject).sort()
    expect(subjects).toContain('华北')
    expect(subjects).toContain('platform')
    const north = (await alerts('status=open&rule=agent_order_ratio')).find((a) => a.subject === '华北')
    const { kpis } = await getJson<{ kpis: { orders_per_agent: number } }>(t.app, '/api/v1/kpis?region=华北')
    expect(north?.value).toBeCloseTo(kpis.orders_per_agent, 6)
    await postEvents(t.app, [1, 2, 3, 4].map((n) => ({ event_id: id('a'), type: 'agent.status', ts: Date.now() - 1000, agent_id: `north-x${n}`, status: 'online', region: '华北' })))
    await new Promise((r) => setTimeout(r, 1_100))
    await t.app.alerts.evaluate()
    expect((await alerts('status=open&rule=agent_order_ratio')).map((a) => a.subject)).not.toContain('华北')
  })

  it('fires peak_response_rate when under 80 % of the last 30 minutes\' tickets got an instant answer, and resolves above it', async () => {
    // 西南, which no other test here touches: the streak test's tickets for today land in the last 30 minutes
    // when it runs before noon in business time, unanswered, and would hold 华东's rate under 80 %.
    const recent = Array.from({ length: 20 }, (_, i) => ticket(now - 20 * 60_000 + i * 1000, 'cd-wuhou'))
    const responses = recent.map((tk, i) => ({ event_id: id('r'), type: 'ticket.responded', ts: tk.ts + (i < 14 ? 30_000 : 300_000), ticket_id: tk.ticket_id, responder: 'human' }))
    await postEvents(t.app, [...recent, ...responses])
    await new Promise((r) => setTimeout(r, 1_100))
    await t.app.alerts.evaluate()
    const southwest = (await alerts('status=open&rule=peak_response_rate')).find((a) => a.subject === '西南')
    expect(southwest?.value).toBeLessThan(0.8)
    const more = Array.from({ length: 40 }, (_, i) => ticket(now - 10 * 60_000 + i * 1000, 'cd-wuhou'))
    await postEvents(t.app, [...more, ...more.map((tk) => ({ event_id: id('r'), type: 'ticket.responded', ts: tk.ts + 5_000, ticket_id: tk.ticket_id, responder: 'bot' }))])
    await new Promise((r) => setTimeout(r, 1_100))
    await t.app.alerts.evaluate()
    expect((await alerts('status=open&rule=peak_response_rate')).map((a) => a.subject)).not.toContain('西南')
  })
})

describe('acknowledgement', () => {
  const ack = (alertId: string, role: Parameters<typeof auth>[0], note?: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/alerts/${alertId}/ack`, headers: auth(role), payload: note === undefined ? {} : { note } })

  it('lets ops and a regional lead of the region acknowledge with a note; not executives, walls or other regions', async () => {
    const north = ticket(now - 30 * 60_000, 'bj-chaoyang', { priority: 'urgent' })
    const east = ticket(now - 30 * 60_000, 'sh-xuhui', { priority: 'urgent' })
    await postEvents(t.app, [north, east])
    await t.app.alerts.evaluate()
    const open = await alerts('status=open&rule=urgent_unanswered')
    const northAlert = open.find((a) => a.subject === north.ticket_id) as AlertJson
    const eastAlert = open.find((a) => a.subject === east.ticket_id) as AlertJson
    expect((await ack(northAlert.id, 'executive')).statusCode).toBe(403)
    expect((await ack(northAlert.id, 'wall')).statusCode).toBe(403)
    expect((await ack(eastAlert.id, 'regional')).statusCode).toBe(403)
    const res = await ack(northAlert.id, 'regional', '已联系骑手')
    expect(res.statusCode).toBe(200)
    expect(res.json().alert).toMatchObject({ status: 'acknowledged', ack_by: 'test-regional', ack_note: '已联系骑手' })
    expect((await ack(eastAlert.id, 'ops')).statusCode).toBe(200)
    expect((await ack('no-such-alert', 'ops')).statusCode).toBe(404)
    // The regional lead's listing holds only its region.
    const regional = await alerts('status=all', 'regional')
    expect(regional.length).toBeGreaterThan(0)
    expect(regional.every((a) => a.region === '华北')).toBe(true)
  })

  it('answers 409 to acknowledging a resolved alert', async () => {
    const [resolved] = await alerts('status=all&rule=escalation_risk')
    expect(resolved?.status).toBe('resolved')
    expect((await ack(resolved?.id as string, 'ops')).statusCode).toBe(409)
  })

  it('keeps alerts and acknowledgements across a restart', async () => {
    const before = await alerts('status=all')
    await t.close()
    t = await startTestApp({ PROMOTION_DAYS: today.slice(5) }, t.dataDir)
    await t.app.ready()
    const after = await alerts('status=all')
    const key = (a: AlertJson) => `${a.id}/${a.rule}/${a.subject}/${a.status}/${a.ack_by ?? ''}`
    expect(after.map(key).sort()).toEqual(before.map(key).sort())
    expect(after.some((a) => a.status === 'acknowledged' && a.ack_note === '已联系骑手')).toBe(true)
  })
})
