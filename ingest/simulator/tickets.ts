// Turning an order into a complaint ticket: who complains, through which channel, about what, in which words.
// The lifecycle that follows is lifecycle.ts's job.

import type { Category, Channel, IncomingEvent, Segment, Service } from '../events.ts'
import { Rng, hashString, mixKey, weighted } from './random.ts'
import { complaintText } from './texts.ts'
import { MINUTE } from './time.ts'
import { lifecycleEvents, type TicketFacts } from './lifecycle.ts'
import type { World, WorldZone } from './world.ts'

/** Channel shares of complaints (seed 002 §2.2): APP 50%, 电话 30%, 社交媒体 15%, 第三方平台 5%. */
const CHANNEL_SHARE: Record<Channel, number> = { app: 0.5, phone: 0.3, social: 0.15, third_party: 0.05 }
const SEGMENT_SHARE: Record<Segment, number> = { regular: 0.8, elderly: 0.08, enterprise: 0.07, vip: 0.05 }
/** Elderly users call: 电话客服需求占比达65% (seed 000). Enterprise and VIP lean on their account channels. */
const SEGMENT_CHANNELS: Record<Exclude<Segment, 'regular'>, Record<Channel, number>> = {
  elderly: { app: 0.25, phone: 0.65, social: 0.05, third_party: 0.05 },
  enterprise: { app: 0.5, phone: 0.35, social: 0.05, third_party: 0.1 },
  vip: { app: 0.6, phone: 0.3, social: 0.08, third_party: 0.02 },
}
/**
 * Seed 002 names 配送延误、物品损坏、服务态度差 as the main complaints, in that order, with 包装破损
 * recurring; wrong purchases (买错), losses and fee disputes follow; privacy leaks are rare but urgent.
 */
const CATEGORY_SHARE: Record<Category, number> = {
  delay: 0.34,
  damage: 0.18,
  attitude: 0.15,
  lost: 0.09,
  wrong_item: 0.09,
  fee: 0.07,
  privacy: 0.04,
  other: 0.04,
}
const SERVICE_SHARE: Record<Service, number> = {
  food: 0.42,
  fresh: 0.18,
  shopping: 0.14,
  parcel: 0.12,
  medicine: 0.09,
  other: 0.05,
}
/** Minutes from order to complaint: a late delivery is noticed sooner than a privacy leak. */
const COMPLAINT_DELAY_MIN: Record<Category, number> = {
  delay: 45,
  damage: 60,
  attitude: 40,
  lost: 120,
  wrong_item: 60,
  fee: 90,
  privacy: 180,
  other: 120,
}

const pickSegment = weighted(SEGMENT_SHARE)
const pickCategory = weighted(CATEGORY_SHARE)
const pickService = weighted(SERVICE_SHARE)
const CHANNEL_PICKERS: Record<Segment, (rng: Rng) => Channel> = {
  regular: weighted(residualChannelMix()),
  elderly: weighted(SEGMENT_CHANNELS.elderly),
  enterprise: weighted(SEGMENT_CHANNELS.enterprise),
  vip: weighted(SEGMENT_CHANNELS.vip),
}

/** Regular users get whatever mix makes the platform total come out at CHANNEL_SHARE. */
function residualChannelMix(): Record<Channel, number> {
  const mix = { ...CHANNEL_SHARE }
  const others = Object.keys(SEGMENT_CHANNELS) as Exclude<Segment, 'regular'>[]
  for (const channel of Object.keys(mix) as Channel[]) {
    for (const segment of others) mix[channel] -= SEGMENT_SHARE[segment] * SEGMENT_CHANNELS[segment][channel]
    mix[channel] /= SEGMENT_SHARE.regular
  }
  return mix
}

/** Urgent: 涉及药品安全、隐私泄露等问题的投诉会被标记为"紧急" (seed 002 §3.1); ≈ 5% overall. */
function isUrgent(rng: Rng, category: Category, service: Service): boolean {
  if (category === 'privacy') return rng.chance(0.35)
  if (service === 'medicine') return rng.chance(0.3)
  return rng.chance(0.015)
}

export interface OrderSlot {
  zone: WorldZone
  /** Start of the order's minute and the order's index within it: together they name the order. */
  minute: number
  index: number
  stamp: string
}

/** The order.created event of a ticketed order, its ticket.created and the whole ticket lifecycle. */
export function ticketedOrder(world: World, slot: OrderSlot): IncomingEvent[] {
  const suffix = `${slot.zone.id}-${slot.stamp}-${slot.index}`
  const orderId = `O${world.seed}-${suffix}`
  const ticketId = `T${world.seed}-${suffix}`
  const rng = new Rng(mixKey(world.seedKey, hashString(ticketId)))
  const orderTs = slot.minute + Math.floor(rng.uniform(0, MINUTE))
  const service = pickService(rng)
  const order: IncomingEvent = {
    event_id: `${orderId}:created`,
    type: 'order.created',
    ts: orderTs,
    order_id: orderId,
    zone: slot.zone.id,
    // Roughly one order in ten arrives without a service, exercising the optional field.
    ...(rng.chance(0.9) ? { service } : {}),
  }
  const segment = pickSegment(rng)
  const category = pickCategory(rng)
  const channel = CHANNEL_PICKERS[segment](rng)
  const urgent = isUrgent(rng, category, service)
  const created = orderTs + Math.round(rng.lognormal(COMPLAINT_DELAY_MIN[category], 0.6) * MINUTE)
  const { text, threatens } = complaintText(rng, { category, service, segment })
  const ticket: IncomingEvent = {
    event_id: `${ticketId}:created`,
    type: 'ticket.created',
    ts: created,
    ticket_id: ticketId,
    zone: slot.zone.id,
    channel,
    category,
    order_id: orderId,
    text,
    // Defaults (normal, regular) are left out, as most clients would.
    ...(urgent ? { priority: 'urgent' as const } : {}),
    ...(segment !== 'regular' ? { segment } : {}),
  }
  const facts: TicketFacts = { ticketId, created, channel, category, urgent, threatens, region: slot.zone.region }
  return [order, ticket, ...lifecycleEvents(world, facts, rng)]
}
