// What happens to a ticket after it is created: first response, hand-overs, escalation, resolution,
// reopening, rating and the 24-hour callback — each step timed from the one before, so the KPIs of SPEC §5
// (即时响应率, 首次解决率, 投诉二次率, CSAT…) come out near the seeds' figures.

import type { Category, Channel, IncomingEvent } from '../events.ts'
import { HUMAN_CLOSE_HOUR, HUMAN_OPEN_HOUR, isStaffed, queueFactor } from './demand.ts'
import type { Rng } from './random.ts'
import { HOUR, MINUTE, SECOND, nextOpenTime } from './time.ts'
import type { World } from './world.ts'
import { compensation, csat } from './outcomes.ts'

export interface TicketFacts {
  ticketId: string
  created: number
  channel: Channel
  category: Category
  urgent: boolean
  threatens: boolean
  region: string
}

type TicketEvent = Extract<IncomingEvent, { ticket_id: string }>
type Body<E> = E extends unknown ? Omit<E, 'event_id' | 'ts' | 'ticket_id'> : never

/** Share of tickets answered first by the bot while people are on shift; apps and DMs have one, calls do not. */
const BOT_SHARE: Record<Channel, number> = { app: 0.5, social: 0.55, phone: 0, third_party: 0 }
/** After 22:00 only the bot answers (seed 000: 22点后仅机器人应答), and it catches most of the night. */
const BOT_SHARE_NIGHT = 0.7
/** Median human queue wait at an ordinary off-peak hour; peaks stretch it through demand.queueFactor. */
const HUMAN_WAIT_MEDIAN_S = 14
/** Public posts and complaint sites are worked in batches: hours, not seconds (seed 003: 留言处理周期超过48小时). */
const SLOW_CHANNEL_WAIT_H: Partial<Record<Channel, number>> = { social: 3, third_party: 6 }
/** Tickets lost in the queue for hours (排队30分钟才接入人工 and worse), and the few never answered at all. */
const STUCK_SHARE = 0.015
const NEVER_ANSWERED_SHARE = 0.003
/** Questions a bot can close on its own (运费计算、催单); seed 000: 74% of simple questions end satisfied. */
const BOT_SOLVABLE = new Set<Category>(['delay', 'fee', 'other'])
const BOT_RESOLVES = 0.55
const TEAMS = ['物流调度组', '售后赔付组', '商家对接组', '技术支持组', '隐私安全组', '主管通道'] as const
/** Median handling time after pick-up (seed 000: 在线文字客服22分钟, 电话客服15分钟, 社交媒体48小时+). */
const RESOLVE_MEDIAN_MIN: Record<Channel, number> = { app: 17, phone: 12, social: 36 * 60, third_party: 12 * 60 }
const RESOLVED_SHARE = 0.93
/** Resolved tickets that get rated, and that get the callback within 24 h (seed 002 §3.1: 24小时内回访). */
const RATED_SHARE = 0.4
const FOLLOWED_UP_SHARE = 0.7

interface Reply {
  at: number
  by: 'bot' | 'human'
  agent?: string
}

interface Handling extends Reply {
  transfers: number
  escalated: boolean
}

type Emit = (suffix: string, at: number, body: Body<TicketEvent>) => void

export function lifecycleEvents(world: World, t: TicketFacts, rng: Rng): IncomingEvent[] {
  const out: IncomingEvent[] = []
  const emit: Emit = (suffix, at, body) =>
    out.push({ ...body, event_id: `${t.ticketId}:${suffix}`, ts: Math.round(at), ticket_id: t.ticketId })
  const reply = firstResponse(world, t, rng)
  if (reply === undefined) return out
  emit('responded', reply.at, { type: 'ticket.responded', responder: reply.by, ...agentField(reply.agent) })
  const handling = handOver(world, t, rng, reply, emit)
  const closed = close(world, t, rng, handling, emit)
  if (closed === undefined) return out
  if (rng.chance(RATED_SHARE)) {
    const score = csat(rng, { channel: t.channel, firstResponseMs: reply.at - t.created, ...handling, ...closed })
    emit('rated', closed.at + MINUTE + rng.exponential(40 * MINUTE), { type: 'ticket.rated', csat: score })
  }
  if (rng.chance(FOLLOWED_UP_SHARE)) {
    emit('followed_up', closed.at + rng.uniform(1, 23.5) * HOUR, { type: 'ticket.followed_up' })
  }
  return out
}

/** Resolves the ticket — twice if the customer reopens it; compensation goes with the final resolution. */
function close(
  world: World,
  t: TicketFacts,
  rng: Rng,
  h: Handling,
  emit: Emit,
): { at: number; reopened: boolean } | undefined {
  const first = resolve(world, t, rng, h)
  if (first === undefined) return undefined
  const payout = compensation(rng, t.category, h, first.by)
  const reopened = rng.chance(reopenShare(t, h))
  const resolution = (reply: Reply, cny: number | undefined) =>
    ({ type: 'ticket.resolved', resolved_by: reply.by, ...agentField(reply.agent), ...amount(cny) }) as const
  emit('resolved:1', first.at, resolution(first, reopened ? undefined : payout))
  if (!reopened) return { at: first.at, reopened }
  const reopenedAt = first.at + rng.lognormal(5, 0.8) * HOUR
  emit('reopened:1', reopenedAt, { type: 'ticket.reopened' })
  const at = staffed(reopenedAt + rng.lognormal(2, 0.7) * HOUR, rng)
  const second: Reply = { at, by: 'human', agent: world.dispatcher.pick(t.region, at, rng) }
  emit('resolved:2', at, resolution(second, compensation(rng, t.category, h, 'human')))
  return { at, reopened }
}

function firstResponse(world: World, t: TicketFacts, rng: Rng): Reply | undefined {
  if (!t.urgent && rng.chance(NEVER_ANSWERED_SHARE)) return undefined
  // Urgent tickets go straight to a person (seed 002 §3.1: 触发15分钟内的人工响应机制).
  const botShare = t.urgent ? 0 : isStaffed(t.created) ? BOT_SHARE[t.channel] : BOT_SHARE_NIGHT
  if (rng.chance(botShare)) return { at: t.created + rng.uniform(2, 20) * SECOND, by: 'bot' }
  const at = rng.chance(STUCK_SHARE)
    ? staffed(t.created + rng.uniform(2, 12) * HOUR, rng)
    : humanPickUp(world, t, staffed(t.created, rng), rng)
  return { at, by: 'human', agent: world.dispatcher.pick(t.region, at, rng) }
}

/** When a person first takes the ticket, queueing from `ready` (already inside staffed hours). */
function humanPickUp(world: World, t: TicketFacts, ready: number, rng: Rng): number {
  const slowHours = SLOW_CHANNEL_WAIT_H[t.channel]
  if (slowHours !== undefined && !t.urgent) return staffed(ready + rng.lognormal(slowHours, 0.8) * HOUR, rng)
  // Understaffed regions queue longer; the square root keeps the regional spread below the peak effect.
  const regional = Math.sqrt(world.regionPressure.get(t.region) ?? 1)
  const median = HUMAN_WAIT_MEDIAN_S * queueFactor(ready) * regional * (t.urgent ? 0.4 : 1)
  return ready + Math.max(3, rng.lognormal(median, 0.8)) * SECOND
}

/** The bot hands over to a person; people pass tickets between teams (反复转接、踢皮球); threats go up. */
function handOver(
  world: World,
  t: TicketFacts,
  rng: Rng,
  reply: Reply,
  emit: Emit,
): Handling {
  const h: Handling = { ...reply, transfers: 0, escalated: false }
  if (reply.by === 'bot' && BOT_SOLVABLE.has(t.category) && rng.chance(BOT_RESOLVES)) return h
  const pickUp = (ready: number) => {
    h.at = humanPickUp(world, t, staffed(ready, rng), rng)
    h.agent = world.dispatcher.pick(t.region, h.at, rng)
    h.by = 'human'
  }
  // The bot hands the conversation to a person (seed 003: 连续三次智能回复失败时自动触发人工介入). That is
  // still the first contact, so no transfer event: transfers are the hand-overs between teams.
  if (reply.by === 'bot') pickUp(reply.at + rng.uniform(1, 5) * MINUTE)
  const transfers = rng.chance(transferShare(t.category)) ? rng.pick([1, 1, 1, 2, 3]) : 0
  for (let i = 0; i < transfers; i++) {
    pickUp(h.at + rng.lognormal(6, 0.6) * MINUTE)
    const team = rng.pick(TEAMS)
    emit(`transferred:${++h.transfers}`, h.at, { type: 'ticket.transferred', to_team: team, ...agentField(h.agent) })
  }
  // Seed 000: 出现"投诉到消协"等关键词时自动升级至主管通道.
  const escalationShare = t.threatens ? 0.7 : t.urgent ? 0.3 : 0.04
  if (rng.chance(escalationShare)) {
    h.at += rng.lognormal(15, 0.7) * MINUTE
    h.escalated = true
    const reason = t.threatens ? '用户威胁外部投诉' : t.urgent ? '紧急事件升级主管' : '一线无法解决'
    emit('escalated', h.at, { type: 'ticket.escalated', reason })
  }
  return h
}

/** Disputes that need the courier, the merchant or a payout are passed on most (seed 001: 跨部门协同低效). */
function transferShare(category: Category): number {
  return category === 'lost' || category === 'damage' || category === 'privacy' ? 0.25 : 0.12
}

function resolve(world: World, t: TicketFacts, rng: Rng, h: Handling): Reply | undefined {
  if (!rng.chance(h.escalated ? 0.85 : RESOLVED_SHARE)) return undefined
  if (h.by === 'bot') return { at: h.at + rng.uniform(1, 8) * MINUTE, by: 'bot' }
  const escalation = h.escalated ? rng.lognormal(2, 0.5) * HOUR : 0
  const at = staffed(h.at + rng.lognormal(RESOLVE_MEDIAN_MIN[t.channel], 0.7) * MINUTE + escalation, rng)
  return { at, by: 'human', agent: h.agent ?? world.dispatcher.pick(t.region, at, rng) }
}

/** Industry 投诉二次率 is 12% (seed 001); this platform sits at ≈ 6%, more after hand-overs and for losses. */
function reopenShare(t: TicketFacts, h: Handling): number {
  return 0.05 + (h.transfers > 0 ? 0.03 : 0) + (t.category === 'lost' || t.category === 'damage' ? 0.03 : 0)
}

/** Human work waits for the next shift when it lands after hours. */
function staffed(ms: number, rng: Rng): number {
  if (isStaffed(ms)) return ms
  return nextOpenTime(ms, HUMAN_OPEN_HOUR, HUMAN_CLOSE_HOUR) + rng.exponential(20 * MINUTE)
}

function agentField(agent: string | undefined): { agent_id?: string } {
  return agent === undefined ? {} : { agent_id: agent }
}

function amount(cny: number | undefined): { compensation_cny?: number } {
  return cny === undefined ? {} : { compensation_cny: cny }
}
