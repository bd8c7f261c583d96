// A seeded, messy event history for KPI tests: several zones (one unknown), three business days, every
// lifecycle event type, exact threshold values, duplicates, out-of-order delivery, the three timestamp
// spellings, orders.count at minute starts and mid-minute, and tickets on both sides of midnight.
import type { SentEvent } from './kpi-oracle.ts'

export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CHANNELS = ['app', 'phone', 'social', 'third_party']
const CATEGORIES = ['delay', 'damage', 'lost', 'wrong_item', 'attitude', 'privacy', 'fee', 'other']
const SEGMENTS = ['regular', 'elderly', 'enterprise', 'vip']
// Exact thresholds appear on purpose: 60 s is instant, 180 s keeps the promise, 900 s meets the urgent SLA.
const RESPONSE_DELAYS_S = [0, 5, 30, 59.999, 60, 60.001, 120, 179.999, 180, 180.001, 600, 899.999, 900, 900.001, 1500, 3600]

export interface HistoryOptions {
  zones: string[]
  dayStarts: number[]
  now: number
  seed: number
  ticketsPerZoneDay: number
}

/** Spells a timestamp one of the three accepted ways. */
export function spell(ms: number, pick: number): string | number {
  if (pick < 1 / 3) return ms
  if (pick < 2 / 3) return new Date(ms).toISOString()
  return new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00')
}

export function buildHistory(o: HistoryOptions): SentEvent[] {
  const r = prng(o.seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T
  const events: SentEvent[] = []
  let n = 0
  const add = (type: string, ts: number, fields: Record<string, unknown>) => {
    if (ts <= o.now) events.push({ event_id: `e-${o.seed}-${n++}`, type, ts, ...fields })
  }
  for (const day of o.dayStarts) {
    const end = Math.min(day + 86_400_000, o.now - 20 * 60_000)
    const at = () => day + Math.floor(r() * (end - day))
    for (const zone of o.zones) {
      for (let i = 0; i < 40; i++) {
        const t = at()
        add('orders.count', i % 4 === 0 ? t : t - (t % 60_000), { zone, count: Math.floor(r() * 50) })
      }
      for (let i = 0; i < 30; i++) add('order.created', at(), { zone, order_id: `o-${n}` })
      for (let i = 0; i < o.ticketsPerZoneDay; i++) addTicket(at(), zone)
    }
  }
  // Both sides of a business midnight, spelled in UTC.
  const midnight = o.dayStarts.at(-1) as number
  addTicket(midnight - 1, o.zones[0] as string)
  addTicket(midnight, o.zones[0] as string)
  // Created 5 s ago with no answer yet: not counted against instant response.
  add('ticket.created', o.now - 5_000, { ticket_id: 'fresh-1', zone: o.zones[0], channel: 'app', category: 'delay' })
  for (let a = 0; a < 12; a++) {
    const region = a % 3 === 0 ? '华东' : a % 3 === 1 ? '华北' : undefined
    let t = (o.dayStarts[0] as number) - 3_600_000
    while (t < o.now) {
      add('agent.status', t, { agent_id: `agent-${a}`, status: r() < 0.6 ? 'online' : 'offline', ...(region ? { region } : {}) })
      t += Math.floor(r() * 20 * 3_600_000)
    }
  }
  return events

  function addTicket(created: number, zone: string) {
    const id = `t-${o.seed}-${n}`
    const base: Record<string, unknown> = { ticket_id: id, zone, channel: pick(CHANNELS), category: pick(CATEGORIES), text: '配送员迟到了，电话13812345678' }
    if (r() < 0.8) base.priority = r() < 0.15 ? 'urgent' : 'normal'
    if (r() < 0.7) base.segment = pick(SEGMENTS)
    add('ticket.created', created, base)
    if (r() < 0.75) {
      const first = created + pick(RESPONSE_DELAYS_S) * 1000
      add('ticket.responded', first + Math.floor(r() * 60_000), { ticket_id: id, responder: 'human' })
      add('ticket.responded', first, { ticket_id: id, responder: pick(['bot', 'human']) })
    }
    if (r() < 0.1) add('ticket.transferred', created + 90_000, { ticket_id: id, to_team: 'L2' })
    if (r() < 0.05) add('ticket.escalated', created + 95_000, { ticket_id: id, reason: '用户要求找主管' })
    if (r() < 0.7) {
      const done = created + Math.floor(r() * 7_200_000)
      add('ticket.resolved', done, { ticket_id: id, resolved_by: pick(['bot', 'human']), ...(r() < 0.3 ? { compensation_cny: pick([5, 10, 20.5]) } : {}) })
      if (r() < 0.2) add('ticket.resolved', done + 600_000, { ticket_id: id, resolved_by: 'human', compensation_cny: 50 })
      if (r() < 0.1) add('ticket.reopened', done + 300_000, { ticket_id: id })
      if (r() < 0.5) add('ticket.followed_up', done + 3_600_000, { ticket_id: id })
      if (r() < 0.4) add('ticket.rated', done + 60_000, { ticket_id: id, csat: 1 + Math.floor(r() * 5) })
      if (r() < 0.1) add('ticket.rated', done + 120_000, { ticket_id: id, csat: 1 + Math.floor(r() * 5) })
    }
  }
}

/** Shuffles in place (seeded), so lifecycle events often arrive before their ticket.created. */
export function shuffle<T>(xs: T[], seed: number): T[] {
  const r = prng(seed)
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[xs[i], xs[j]] = [xs[j] as T, xs[i] as T]
  }
  return xs
}
