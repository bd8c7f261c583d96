import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  ACTORS,
  AGENT_STATUSES,
  CATEGORIES,
  CHANNELS,
  EVENT_TYPES,
  PRIORITIES,
  SEGMENTS,
  SERVICES,
  type IncomingEvent,
} from '../../../ingest/events.ts'
import { generateEvents, hotEpisodes, loadDefaultZones, runSimulator } from '../../../ingest/simulator/index.ts'

// A fixed "today" (a Wednesday, no promotion) keeps every figure here independent of the wall clock.
const NOW = new Date('2026-11-25T12:00:00+08:00')
const DAY_MS = 86_400_000
const zones = loadDefaultZones()

const tsOf = (e: IncomingEvent) => (typeof e.ts === 'number' ? e.ts : Date.parse(e.ts))
/** Business hour (Asia/Shanghai, UTC+8) and day of an epoch ms. */
const hourOf = (ms: number) => new Date(ms + 8 * 3_600_000).getUTCHours()
const dayOf = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)
const ordersIn = (e: IncomingEvent) => (e.type === 'orders.count' ? e.count : e.type === 'order.created' ? 1 : 0)

// SPEC §4.2, field by field; strict, so a stray or misspelt field fails too.
const ts = z.union([z.number().int().positive(), z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/)])
const id = z.string().min(1)
const head = { event_id: id, ts }
const eventSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...head, type: z.literal('order.created'), order_id: id, zone: id, service: z.enum(SERVICES).optional() }),
  z.strictObject({ ...head, type: z.literal('orders.count'), zone: id, count: z.number().int().min(0) }),
  z.strictObject({
    ...head,
    type: z.literal('ticket.created'),
    ticket_id: id,
    zone: id,
    channel: z.enum(CHANNELS),
    category: z.enum(CATEGORIES),
    priority: z.enum(PRIORITIES).optional(),
    segment: z.enum(SEGMENTS).optional(),
    order_id: id.optional(),
    text: z.string().optional(),
  }),
  z.strictObject({ ...head, type: z.literal('ticket.responded'), ticket_id: id, responder: z.enum(ACTORS), agent_id: id.optional() }),
  z.strictObject({ ...head, type: z.literal('ticket.transferred'), ticket_id: id, agent_id: id.optional(), to_team: id.optional() }),
  z.strictObject({ ...head, type: z.literal('ticket.escalated'), ticket_id: id, reason: z.string().optional() }),
  z.strictObject({
    ...head,
    type: z.literal('ticket.resolved'),
    ticket_id: id,
    resolved_by: z.enum(ACTORS),
    agent_id: id.optional(),
    compensation_cny: z.number().min(0).optional(),
  }),
  z.strictObject({ ...head, type: z.literal('ticket.reopened'), ticket_id: id }),
  z.strictObject({ ...head, type: z.literal('ticket.rated'), ticket_id: id, csat: z.number().int().min(1).max(5) }),
  z.strictObject({ ...head, type: z.literal('ticket.followed_up'), ticket_id: id }),
  z.strictObject({ ...head, type: z.literal('agent.status'), agent_id: id, status: z.enum(AGENT_STATUSES), region: id.optional() }),
])

describe('one business day at rate 1 on the default zones', () => {
  const from = new Date('2026-11-24T00:00:00+08:00')
  const to = new Date(from.getTime() + DAY_MS)
  let events: IncomingEvent[] = []
  let tickets: Extract<IncomingEvent, { type: 'ticket.created' }>[] = []

  beforeAll(() => {
    events = [...generateEvents({ from, to, zones, seed: 7, now: NOW })]
    tickets = events.filter((e) => e.type === 'ticket.created')
  })

  it('has platform-scale volume: 300k–600k orders, a 0.5–1% complaint rate, at most ~110k events', () => {
    const orders = events.reduce((sum, e) => sum + ordersIn(e), 0)
    expect(orders).toBeGreaterThan(300_000)
    expect(orders).toBeLessThan(600_000)
    expect(tickets.length / orders).toBeGreaterThan(0.005)
    expect(tickets.length / orders).toBeLessThan(0.01)
    // ≤ 1.5 M events for a 14-day backfill.
    expect(events.length).toBeLessThan(110_000)
  })

  it('gives every event a unique id, the fields of its type and ts inside the window', () => {
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length)
    const zoneIds = new Set(zones.map((z) => z.id))
    // Collected rather than asserted one by one: fast over ~90k events, and a failure shows the culprits.
    expect(events.filter((e) => !eventSchema.safeParse(e).success).slice(0, 3)).toEqual([])
    expect(events.filter((e) => tsOf(e) < from.getTime() || tsOf(e) >= to.getTime()).slice(0, 3)).toEqual([])
    expect(events.filter((e) => 'zone' in e && !zoneIds.has(e.zone)).slice(0, 3)).toEqual([])
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(EVENT_TYPES))
    // Both wire forms of ts occur.
    expect(events.some((e) => typeof e.ts === 'string')).toBe(true)
    expect(events.some((e) => typeof e.ts === 'number')).toBe(true)
  })

  it('sends one orders.count per zone and minute', () => {
    expect(events.filter((e) => e.type === 'orders.count')).toHaveLength(zones.length * 24 * 60)
  })

  it('follows the seed channel mix (app 50%, phone 30%, social 15%, third party 5%)', () => {
    const expected = { app: 0.5, phone: 0.3, social: 0.15, third_party: 0.05 }
    for (const [channel, share] of Object.entries(expected)) {
      // ±0.03 is about three standard deviations for a day's ~3.4k tickets.
      expect(Math.abs(tickets.filter((t) => t.channel === channel).length / tickets.length - share)).toBeLessThan(0.03)
    }
  })

  it('makes delay the largest category, ~5% urgent, ~2% threatening, some texts with personal data', () => {
    const count = (c: string) => tickets.filter((t) => t.category === c).length
    for (const other of CATEGORIES.filter((c) => c !== 'delay')) expect(count('delay')).toBeGreaterThan(count(other))
    const share = (f: (t: (typeof tickets)[number]) => boolean) => tickets.filter(f).length / tickets.length
    expect(share((t) => t.priority === 'urgent')).toBeGreaterThan(0.03)
    expect(share((t) => t.priority === 'urgent')).toBeLessThan(0.08)
    expect(share((t) => /消协|12315|曝光|媒体|律师|起诉|报警/.test(t.text ?? ''))).toBeGreaterThan(0.01)
    expect(share((t) => /消协|12315|曝光|媒体|律师|起诉|报警/.test(t.text ?? ''))).toBeLessThan(0.03)
    expect(share((t) => /1[3-9]\d{9}|@|\d{17}[\dX]/.test(t.text ?? ''))).toBeGreaterThan(0.05)
    expect(tickets.every((t) => /[\u4e00-\u9fff]/.test(t.text ?? ''))).toBe(true)
  })

  it('puts far more orders in the meal peaks than at 03:00', () => {
    const byHour = new Array<number>(24).fill(0)
    for (const e of events) byHour[hourOf(tsOf(e))]! += ordersIn(e)
    for (const peak of [11, 12, 17, 18, 19]) expect(byHour[peak]).toBeGreaterThan(5 * byHour[3]!)
  })

  it('answers slower at peak: instant response rate about 60–75% at peak, higher off-peak', () => {
    const firstResponse = new Map<string, number>()
    for (const e of events) {
      if (e.type === 'ticket.responded' && !firstResponse.has(e.ticket_id)) firstResponse.set(e.ticket_id, tsOf(e))
    }
    const instantRate = (hours: number[]) => {
      const set = tickets.filter((t) => hours.includes(hourOf(tsOf(t))))
      return set.filter((t) => (firstResponse.get(t.ticket_id) ?? Infinity) - tsOf(t) <= 60_000).length / set.length
    }
    const peak = instantRate([11, 12, 17, 18, 19])
    expect(peak).toBeGreaterThan(0.55)
    expect(peak).toBeLessThan(0.78)
    expect(instantRate([8, 9, 10, 13, 14, 15, 16, 20, 21])).toBeGreaterThan(peak + 0.1)
  })

  it('staffs around 1:1500–1:2500 for the platform, with some regions above 1:1500', () => {
    // Over one business day, as orders_per_agent counts them: orders ÷ distinct agents online (SPEC §5).
    const agents = new Map<string, Set<string>>()
    const orders = new Map<string, number>()
    const regionOf = new Map(zones.map((z) => [z.id, z.region]))
    for (const e of events) {
      if (e.type === 'agent.status') agents.set(e.region!, (agents.get(e.region!) ?? new Set()).add(e.agent_id))
      if ('zone' in e) orders.set(regionOf.get(e.zone)!, (orders.get(regionOf.get(e.zone)!) ?? 0) + ordersIn(e))
    }
    const ratio = (region: string) => orders.get(region)! / agents.get(region)!.size
    const total = [...orders.values()].reduce((a, b) => a + b, 0) / [...agents.values()].reduce((a, s) => a + s.size, 0)
    expect(total).toBeGreaterThan(1200)
    expect(total).toBeLessThan(2500)
    const regions = [...agents.keys()]
    expect(regions.some((r) => ratio(r) > 1500)).toBe(true)
    expect(regions.some((r) => ratio(r) <= 1500)).toBe(true)
  })

  it('keeps each ticket lifecycle in order: created first, rating and callback after a resolution', () => {
    const created = new Map(tickets.map((t) => [t.ticket_id, tsOf(t)]))
    const resolvedAt = new Map<string, number>()
    for (const e of events) {
      if (!('ticket_id' in e) || e.type === 'ticket.created' || !created.has(e.ticket_id)) continue
      expect(tsOf(e)).toBeGreaterThan(created.get(e.ticket_id)!)
      if (e.type === 'ticket.resolved') resolvedAt.set(e.ticket_id, tsOf(e))
      if (e.type === 'ticket.reopened') resolvedAt.delete(e.ticket_id)
      if (e.type === 'ticket.rated' || e.type === 'ticket.followed_up') expect(resolvedAt.has(e.ticket_id)).toBe(true)
    }
  })
})

describe('determinism', () => {
  const to = new Date('2026-11-25T00:00:00+08:00')
  const hoursBefore = (hours: number) => new Date(to.getTime() - hours * 3_600_000)
  const generate = (from: Date, seed: number) => [...generateEvents({ from, to, zones: zones.slice(0, 4), seed, rate: 0.5, now: NOW })]

  it('yields the same events for the same seed and different ones for another seed', () => {
    const a = generate(hoursBefore(6), 1)
    expect(generate(hoursBefore(6), 1)).toEqual(a)
    expect(generate(hoursBefore(6), 2).map((e) => e.event_id)).not.toEqual(a.map((e) => e.event_id))
  })

  it('regenerates an overlapping period identically, whatever the window start (restart-safe ids)', () => {
    const long = generate(hoursBefore(30), 5)
    expect(generate(hoursBefore(6), 5)).toEqual(long.filter((e) => tsOf(e) >= hoursBefore(6).getTime()))
  })
})

describe('hot zones', () => {
  it('runs an ended episode at ≥ 1.5× the platform complaint rate on each of its 3+ days', () => {
    const episodes = hotEpisodes(zones, NOW, 1)
    const ended = episodes.find((e) => e.lastDay < dayOf(NOW.getTime()) && e.firstDay <= dayOf(NOW.getTime() - 3 * DAY_MS))!
    expect(episodes.some((e) => e.lastDay === dayOf(NOW.getTime()))).toBe(true)
    const from = new Date(`${ended.firstDay}T00:00:00+08:00`)
    const to = new Date(new Date(`${ended.lastDay}T00:00:00+08:00`).getTime() + DAY_MS)
    const days = Math.round((to.getTime() - from.getTime()) / DAY_MS)
    expect(days).toBeGreaterThanOrEqual(3)
    const stats = new Map<string, { orders: number; tickets: number; zoneOrders: number; zoneTickets: number }>()
    for (const e of generateEvents({ from, to, zones, seed: 1, now: NOW })) {
      const s = stats.get(dayOf(tsOf(e))) ?? { orders: 0, tickets: 0, zoneOrders: 0, zoneTickets: 0 }
      const isTicket = e.type === 'ticket.created' ? 1 : 0
      s.orders += ordersIn(e)
      s.tickets += isTicket
      if ('zone' in e && e.zone === ended.zone) {
        s.zoneOrders += ordersIn(e)
        s.zoneTickets += isTicket
      }
      stats.set(dayOf(tsOf(e)), s)
    }
    expect(stats.size).toBe(days)
    for (const s of stats.values()) expect(s.zoneTickets / s.zoneOrders).toBeGreaterThanOrEqual(1.5 * (s.tickets / s.orders))
  })
})

describe('runSimulator', () => {
  it('backfills, then streams live, never sending an event before its time, retrying a failed send', async () => {
    // A clock running 120× fast from today's lunch peak makes the live phase busy and independent of the wall clock.
    const realStart = Date.now()
    const clock = () => NOW.getTime() + (Date.now() - realStart) * 120
    const from = new Date(NOW.getTime() - 20 * 60_000)
    const controller = new AbortController()
    const sent: { at: number; events: IncomingEvent[] }[] = []
    let failures = 0
    const run = runSimulator({
      zones: zones.slice(0, 3),
      from,
      rate: 2,
      seed: 3,
      batchSize: 50,
      signal: controller.signal,
      clock,
      send: async (events) => {
        if (failures++ === 0) throw new Error('ingest unavailable')
        sent.push({ at: clock(), events })
      },
    })
    const liveBatches = () => sent.filter((b) => b.events.some((e) => tsOf(e) > NOW.getTime())).length
    const deadline = Date.now() + 10_000
    while (liveBatches() < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    controller.abort()
    await run
    expect(liveBatches()).toBeGreaterThanOrEqual(2)
    for (const batch of sent) for (const e of batch.events) expect(tsOf(e)).toBeLessThanOrEqual(batch.at)
    const all = sent.flatMap((b) => b.events)
    expect(Math.min(...all.map(tsOf))).toBeGreaterThanOrEqual(from.getTime())
    expect(new Set(all.map((e) => e.event_id)).size).toBe(all.length)
    // The failed first batch was re-sent: every minute of the backfill has its orders.count for each zone.
    expect(all.filter((e) => e.type === 'orders.count' && tsOf(e) < NOW.getTime())).toHaveLength(3 * 20)
  })
})
