// Customer-service agents: a roster per region sized from that region's orders, fixed shifts and rest days,
// and the agent.status events that put them online and offline. Regions are staffed unevenly so the
// agent_order_ratio alert (> 1500 orders per agent, SPEC §6) fires in some regions and not in others.

import type { IncomingEvent } from '../events.ts'
import { HOUR, MINUTE, businessDay, businessHour, dayStart, isoWeekday } from './time.ts'
import { SHIFTS, type Shift } from './demand.ts'
import { Rng, hashString, mixKey } from './random.ts'

export interface Agent {
  id: string
  key: number
  region: string
  shift: Shift
  /** ISO weekday of the first of two consecutive rest days. */
  restWeekday: number
}

export interface RegionStaffing {
  region: string
  /** Expected orders per ordinary day in the region, already scaled by `rate`. */
  dailyOrders: number
  /** Orders per distinct agent per day the roster is sized for (the 1:N of SPEC §5). */
  ordersPerAgent: number
}

/** The industry standard of one agent per 1500 orders (seed 000: 行业建议标准1:1500). */
const STANDARD_ORDERS_PER_AGENT = 1500
/**
 * Best- to worst-staffed region, as multiples of the standard: the worst at the seed's 1:3000, the best
 * under 1:1500 so at least one region is healthy.
 */
const STAFFING_SPREAD = [0.85, 2] as const
/** With two rest days a week, the agents online within any 24 h are 5/7 (a calendar day) to 6/7 of the roster. */
const ONLINE_SHARE_OF_ROSTER = 0.75
/** Unplanned absences (sick days) per agent-day. */
const ABSENCE = 0.03

const REGION_CODES: Record<string, string> = { 华东: 'hd', 华北: 'hb', 华南: 'hn', 西南: 'xn', 华中: 'hz', 东北: 'db', 西北: 'xb' }

/** Staffing per region: the busiest region is the best staffed, the smallest the worst. */
export function planStaffing(regionOrders: Map<string, number>): RegionStaffing[] {
  const regions = [...regionOrders.entries()].sort((a, b) => b[1] - a[1])
  const [best, worst] = STAFFING_SPREAD
  return regions.map(([region, dailyOrders], i) => {
    const position = regions.length === 1 ? 0.5 : i / (regions.length - 1)
    return { region, dailyOrders, ordersPerAgent: STANDARD_ORDERS_PER_AGENT * (best + (worst - best) * position) }
  })
}

/** Relative understaffing of a region (1 = platform average); slows its human queue. */
export function staffingPressure(staffing: RegionStaffing[]): Map<string, number> {
  const mean = staffing.reduce((sum, s) => sum + s.ordersPerAgent, 0) / staffing.length
  return new Map(staffing.map((s) => [s.region, s.ordersPerAgent / mean]))
}

export function buildRoster(staffing: RegionStaffing[], seedKey: number): Agent[] {
  return staffing.flatMap(({ region, dailyOrders, ordersPerAgent }) => {
    const size = Math.max(SHIFTS.length, Math.round(dailyOrders / ordersPerAgent / ONLINE_SHARE_OF_ROSTER))
    const code = REGION_CODES[region] ?? `r${hashString(region).toString(36).slice(0, 4)}`
    return Array.from({ length: size }, (_, i) => {
      const id = `agent-${code}-${String(i + 1).padStart(3, '0')}`
      const key = mixKey(seedKey, hashString(id))
      // Rest days rotate through the week so every weekday has the same headcount.
      return { id, key, region, shift: shiftAt(i / size), restWeekday: (i % 7) + 1 }
    })
  })
}

/** Shifts are dealt out in proportion to their share. */
function shiftAt(position: number): Shift {
  let acc = 0
  for (const shift of SHIFTS) if (position < (acc += shift.share)) return shift
  return SHIFTS[SHIFTS.length - 1] as Shift
}

function worksOn(agent: Agent, day: number, seedKey: number): boolean {
  const weekday = isoWeekday(day)
  if (weekday === agent.restWeekday || weekday === (agent.restWeekday % 7) + 1) return false
  return !new Rng(mixKey(seedKey, agent.key, day)).chance(ABSENCE)
}

/** The online/offline events of every agent working on business `day`; people log in a little early. */
export function agentStatusEvents(roster: Agent[], day: number, seedKey: number, tag: string): IncomingEvent[] {
  return roster
    .filter((agent) => worksOn(agent, day, seedKey))
    .flatMap((agent) => {
      const rng = new Rng(mixKey(seedKey, agent.key, day, 1))
      const online = dayStart(day) + agent.shift.start * HOUR - Math.floor(rng.uniform(0, 10) * MINUTE)
      const offline = dayStart(day) + agent.shift.end * HOUR + Math.floor(rng.uniform(0, 15) * MINUTE)
      const base = { type: 'agent.status', agent_id: agent.id, region: agent.region } as const
      return [
        { ...base, event_id: `${tag}:agent:${agent.id}:${day}:online`, ts: online, status: 'online' },
        { ...base, event_id: `${tag}:agent:${agent.id}:${day}:offline`, ts: offline, status: 'offline' },
      ] satisfies IncomingEvent[]
    })
}

/** Finds who picks up human work in a region at a moment, caching each region-day's working agents by shift. */
export class Dispatcher {
  private readonly cache = new Map<string, Map<Shift, Agent[]>>()

  constructor(
    private readonly roster: Agent[],
    private readonly seedKey: number,
  ) {}

  /** A random agent of `region` on shift at `ms`; failing that (after hours), anyone working that day. */
  pick(region: string, ms: number, rng: Rng): string | undefined {
    const byShift = this.working(region, businessDay(ms))
    const hour = businessHour(ms)
    const onShift = [...byShift].filter(([shift]) => hour >= shift.start && hour < shift.end).map(([, agents]) => agents)
    const pool = onShift.some((agents) => agents.length > 0) ? onShift : [...byShift.values()]
    let index = Math.floor(rng.next() * pool.reduce((n, agents) => n + agents.length, 0))
    for (const agents of pool) {
      if (index < agents.length) return agents[index]?.id
      index -= agents.length
    }
    return undefined
  }

  private working(region: string, day: number): Map<Shift, Agent[]> {
    const key = `${region}|${day}`
    let byShift = this.cache.get(key)
    if (byShift === undefined) {
      // A live run lasts for weeks; keep only a few days of region-days.
      if (this.cache.size > 64) this.cache.clear()
      byShift = new Map(SHIFTS.map((shift) => [shift, [] as Agent[]]))
      for (const a of this.roster) if (a.region === region && worksOn(a, day, this.seedKey)) byShift.get(a.shift)?.push(a)
      this.cache.set(key, byShift)
    }
    return byShift
  }
}
