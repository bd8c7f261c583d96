// An independent reading of SPEC §5, computed in plain JavaScript from the events a test sent. It shares no
// code with the server, so a KPI test compares two implementations of the same text.

export interface SentEvent {
  event_id: string
  type: string
  ts: number
  [field: string]: unknown
}

export interface OracleScope {
  inScope(zone: string): boolean
  /** Agent regions counted; undefined = all agents. */
  agentRegions?: string[]
}

export interface OracleSettings {
  tz: string
  peaks: Array<[number, number]>
  promoDays: string[]
  coupon: number
}

interface TicketFacts {
  created: number
  zone: string
  channel: string
  category: string
  priority: string
  segment: string
  firstResponse?: number
  resolutions: Array<{ ts: number; by: string; comp: number }>
  transfers: number
  escalations: number
  reopens: number
  ratings: Array<{ ts: number; csat: number }>
  followedUp: boolean
}

/** quantileExact: the element at floor(p·n) of the sorted values. */
export function quantileExact(values: number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? null
}

const rate = (n: number, d: number) => (d === 0 ? null : n / d)

export function uniqueEvents(events: SentEvent[]): SentEvent[] {
  const seen = new Set<string>()
  return events.filter((e) => !seen.has(e.event_id) && seen.add(e.event_id))
}

function ticketsOf(events: SentEvent[]): Map<string, TicketFacts> {
  const tickets = new Map<string, TicketFacts>()
  for (const e of events.filter((e) => e.type === 'ticket.created')) {
    const id = e.ticket_id as string
    const prev = tickets.get(id)
    if (prev && prev.created <= e.ts) continue
    tickets.set(id, {
      created: e.ts,
      zone: e.zone as string,
      channel: e.channel as string,
      category: e.category as string,
      priority: (e.priority as string | undefined) ?? 'normal',
      segment: (e.segment as string | undefined) ?? 'regular',
      resolutions: [],
      transfers: 0,
      escalations: 0,
      reopens: 0,
      ratings: [],
      followedUp: false,
    })
  }
  for (const e of events) {
    const t = tickets.get(e.ticket_id as string)
    if (!t) continue
    if (e.type === 'ticket.responded') t.firstResponse = Math.min(t.firstResponse ?? Infinity, e.ts)
    if (e.type === 'ticket.resolved') t.resolutions.push({ ts: e.ts, by: e.resolved_by as string, comp: (e.compensation_cny as number | undefined) ?? 0 })
    if (e.type === 'ticket.transferred') t.transfers++
    if (e.type === 'ticket.escalated') t.escalations++
    if (e.type === 'ticket.reopened') t.reopens++
    if (e.type === 'ticket.rated') t.ratings.push({ ts: e.ts, csat: e.csat as number })
    if (e.type === 'ticket.followed_up') t.followedUp = true
  }
  return tickets
}

function localParts(ms: number, tz: string): { mmdd: string; minuteOfDay: number } {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: tz, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]))
  return { mmdd: `${p.month}-${p.day}`, minuteOfDay: Number(p.hour) * 60 + Number(p.minute) }
}

export function ticketKpis(tickets: TicketFacts[], now: number, s: OracleSettings, orders: number) {
  const latest = <T extends { ts: number }>(xs: T[]) => xs.reduce<T | undefined>((a, b) => (a === undefined || b.ts >= a.ts ? b : a), undefined)
  const frt = (t: TicketFacts) => (t.firstResponse === undefined ? undefined : (t.firstResponse - t.created) / 1000)
  const eligible = (t: TicketFacts) => !(t.firstResponse === undefined && now - t.created < 60_000)
  const instant = (t: TicketFacts) => (frt(t) ?? Infinity) <= 60
  const peak = (t: TicketFacts) => {
    const { mmdd, minuteOfDay } = localParts(t.created, s.tz)
    return s.promoDays.includes(mmdd) || s.peaks.some(([a, b]) => minuteOfDay >= a && minuteOfDay < b)
  }
  const breach = (t: TicketFacts, limit: number) => {
    const f = frt(t)
    return f !== undefined ? f > limit : (now - t.created) / 1000 > limit
  }
  const responded = tickets.filter((t) => t.firstResponse !== undefined)
  const resolved = tickets.filter((t) => t.resolutions.length > 0)
  const rated = tickets.map((t) => latest(t.ratings)?.csat).filter((c): c is number => c !== undefined)
  const promise = tickets.filter((t) => breach(t, 180)).length
  const peakTickets = tickets.filter(peak)
  return {
    tickets: tickets.length,
    complaint_rate: rate(tickets.length, orders),
    instant_response_rate: rate(tickets.filter(instant).length, tickets.filter(eligible).length),
    frt_p50_s: quantileExact(responded.map((t) => frt(t) as number), 0.5),
    frt_p90_s: quantileExact(responded.map((t) => frt(t) as number), 0.9),
    resolution_rate: rate(resolved.length, tickets.length),
    fcr_rate: rate(resolved.filter((t) => t.transfers + t.escalations + t.reopens === 0).length, resolved.length),
    repeat_rate: rate(tickets.filter((t) => t.reopens > 0).length, tickets.length),
    mttr_p50_s: quantileExact(resolved.map((t) => ((latest(t.resolutions)?.ts ?? 0) - t.created) / 1000), 0.5),
    csat_avg: rated.length ? rated.reduce((a, b) => a + b, 0) / rated.length : null,
    csat_n: rated.length,
    bad_review_rate: rate(rated.filter((c) => c <= 2).length, rated.length),
    bot_resolution_rate: rate(resolved.filter((t) => latest(t.resolutions)?.by === 'bot').length, resolved.length),
    followup_rate: rate(resolved.filter((t) => t.followedUp).length, resolved.length),
    urgent_sla_breaches: tickets.filter((t) => t.priority === 'urgent' && breach(t, 900)).length,
    promise_breaches: promise,
    coupons_owed_cny: promise * s.coupon,
    compensation_cny: resolved.reduce((sum, t) => sum + (latest(t.resolutions)?.comp ?? 0), 0),
    peak_instant_response_rate: rate(peakTickets.filter(instant).length, peakTickets.filter(eligible).length),
  }
}

function ordersIn(events: SentEvent[], scope: OracleScope, from: number, to: number): number {
  return events
    .filter((e) => e.ts >= from && e.ts < to && scope.inScope(e.zone as string))
    .reduce((n, e) => n + (e.type === 'order.created' ? 1 : e.type === 'orders.count' ? (e.count as number) : 0), 0)
}

function agentsAt(events: SentEvent[], scope: OracleScope, to: number) {
  const byAgent = new Map<string, SentEvent[]>()
  for (const e of events.filter((e) => e.type === 'agent.status' && e.ts < to)) {
    byAgent.set(e.agent_id as string, [...(byAgent.get(e.agent_id as string) ?? []), e])
  }
  let onDuty = 0
  let in24h = 0
  for (const list of byAgent.values()) {
    list.sort((a, b) => a.ts - b.ts)
    const region = [...list].reverse().find((e) => e.region)?.region as string | undefined
    if (scope.agentRegions && !scope.agentRegions.includes(region ?? '')) continue
    if (list.at(-1)?.status === 'online') onDuty++
    const start = to - 86_400_000
    const before = list.filter((e) => e.ts < start).at(-1)
    if (before?.status === 'online' || list.some((e) => e.ts >= start && e.status === 'online')) in24h++
  }
  return { onDuty, in24h }
}

/** Every SPEC §5 KPI for a scope and window. */
export function expectedKpis(sent: SentEvent[], scope: OracleScope, from: number, to: number, now: number, s: OracleSettings) {
  const events = uniqueEvents(sent)
  const tickets = [...ticketsOf(events).values()].filter((t) => t.created >= from && t.created < to && scope.inScope(t.zone))
  const orders = ordersIn(events, scope, from, to)
  const agents = agentsAt(events, scope, to)
  return {
    orders,
    ...ticketKpis(tickets, now, s, orders),
    agents_on_duty: agents.onDuty,
    orders_per_agent: rate(ordersIn(events, scope, to - 86_400_000, to), agents.in24h),
  }
}

/** The tickets of a scope and window, grouped by one dimension, with their KPIs (the `by_*` breakdowns). */
export function expectedBreakdown(sent: SentEvent[], scope: OracleScope, from: number, to: number, now: number, s: OracleSettings, dim: 'channel' | 'category' | 'segment' | 'priority'): Array<Record<string, number | string | null>> {
  const events = uniqueEvents(sent)
  const tickets = [...ticketsOf(events).values()].filter((t) => t.created >= from && t.created < to && scope.inScope(t.zone))
  const orders = ordersIn(events, scope, from, to)
  const keys = [...new Set(tickets.map((t) => t[dim]))].sort()
  return keys.map((k) => ({ [dim]: k, ...ticketKpis(tickets.filter((t) => t[dim] === k), now, s, orders) }))
}
