// The event generator: walks time minute by minute, lets every zone draw its orders and complaints, and
// releases events from a time-ordered heap — so lifecycle steps scheduled hours ahead come out when the
// clock reaches them.

import type { IncomingEvent } from '../events.ts'
import { agentStatusEvents } from './agents.ts'
import { expectedOrdersPerMinute } from './demand.ts'
import { TimeHeap } from './heap.ts'
import { Rng, hashString, mixKey } from './random.ts'
import { ticketedOrder } from './tickets.ts'
import { DAY, MINUTE, businessDay, dayStart, minuteStamp, rfc3339 } from './time.ts'
import { buildWorld, complaintProbability, type World, type WorldZone } from './world.ts'
import type { Zone } from './zones.ts'

export interface GenerateOptions {
  /** Events with ts in [from, to) are yielded. */
  from: Date
  to: Date
  zones: Zone[]
  /** Same seed → same events and ids. */
  seed?: number
  /** Volume scale: 1 is a realistic platform (≈ 450k orders a day on the default zones). */
  rate?: number
  /** "Today" for the hot-zone episodes (one ended days ago, one still running); defaults to `to`. */
  now?: Date
}

export const DEFAULT_SEED = 1
/**
 * No lifecycle event lands later than this after its order. Generation starts this much before `from`, so
 * the window also gets the late steps of tickets created before it — and any window regenerates identically.
 */
const LIFECYCLE_HORIZON = 3 * DAY
/** Share of events whose ts goes out as an RFC 3339 string instead of epoch ms (SPEC §4.1 allows both). */
const RFC3339_SHARE = 0.3

export function* generateEvents(opts: GenerateOptions): Generator<IncomingEvent> {
  const from = opts.from.getTime()
  const to = opts.to.getTime()
  const seed = opts.seed ?? DEFAULT_SEED
  const world = buildWorld({ zones: opts.zones, seed, rate: opts.rate ?? 1, now: (opts.now ?? opts.to).getTime() })
  const heap = new TimeHeap<IncomingEvent>()
  // Run one minute past `to` so the last minute's orders.count (released when its minute closes) gets out.
  for (let minute = dayStart(businessDay(from - LIFECYCLE_HORIZON)); minute < to + MINUTE; minute += MINUTE) {
    if (minute === dayStart(businessDay(minute))) {
      for (const event of agentStatusEvents(world.roster, businessDay(minute), world.seedKey, `s${seed}`)) {
        heap.push(releaseTime(event), event)
      }
    }
    const stamp = minuteStamp(minute)
    for (const zone of world.zones) {
      for (const event of zoneMinute(world, zone, minute, stamp)) heap.push(releaseTime(event), event)
    }
    while (heap.peekTime() < minute + MINUTE) {
      const event = heap.pop() as IncomingEvent
      const ts = event.ts as number
      if (ts >= from && ts < to) yield onTheWire(event)
    }
  }
}

/** The orders of one zone in one minute: ticketed orders individually, the rest as one orders.count. */
function zoneMinute(world: World, zone: WorldZone, minute: number, stamp: string): IncomingEvent[] {
  const rng = new Rng(mixKey(world.seedKey, zone.key, minute))
  const orders = rng.poisson(expectedOrdersPerMinute(zone.dailyOrders, minute))
  const complaintShare = complaintProbability(world, zone, businessDay(minute))
  const events: IncomingEvent[] = []
  let ticketed = 0
  // One draw per order, in order: a higher complaint share only ever adds tickets, never renames them.
  for (let index = 0; index < orders; index++) {
    if (!rng.chance(complaintShare)) continue
    ticketed++
    const lifecycle = ticketedOrder(world, { zone, minute, index, stamp })
    events.push(...lifecycle.filter((e) => (e.ts as number) < minute + LIFECYCLE_HORIZON))
  }
  // SPEC §5 counts orders = order.created + Σ orders.count, so ticketed orders are left out of the count.
  events.push({
    event_id: `s${world.seed}:orders:${zone.id}:${stamp}`,
    type: 'orders.count',
    ts: minute,
    zone: zone.id,
    count: orders - ticketed,
  })
  return events
}

/**
 * When an event may be sent: its ts, except a per-minute aggregate, which is only known once its minute
 * has closed. The generator yields in this order, and the live simulator waits for it.
 */
export function releaseTime(event: IncomingEvent): number {
  const ts = typeof event.ts === 'number' ? event.ts : Date.parse(event.ts)
  return event.type === 'orders.count' ? ts + MINUTE : ts
}

function onTheWire(event: IncomingEvent): IncomingEvent {
  const asString = hashString(event.event_id) / 2 ** 32 < RFC3339_SHARE
  return asString ? { ...event, ts: rfc3339(event.ts as number) } : event
}
