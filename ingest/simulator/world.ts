// The simulated world: zone sizes, regional staffing and the "hot" zones whose complaint rate runs high for
// days at a time. Everything here is a pure function of (zones, seed, rate, today).

import type { Zone } from './zones.ts'
import { Dispatcher, buildRoster, planStaffing, staffingPressure, type Agent } from './agents.ts'
import { Rng, hashString, mixKey } from './random.ts'
import { businessDay, dayLabel } from './time.ts'

export interface WorldZone extends Zone {
  key: number
  /** Expected orders on an ordinary weekday, already scaled by `rate`. */
  dailyOrders: number
  /** The zone's own complaint propensity around the platform's (0.9–1.1). */
  complaintFactor: number
}

export interface HotEpisode {
  zone: string
  /** Business days (`YYYY-MM-DD`), both inclusive. */
  firstDay: string
  lastDay: string
  /** Multiplier on the zone's complaint rate during the episode. */
  factor: number
}

export interface World {
  seed: number
  seedKey: number
  zones: WorldZone[]
  roster: Agent[]
  dispatcher: Dispatcher
  /** Per region, how understaffed it is against the platform average (1 = average). */
  regionPressure: Map<string, number>
  /** Hot spells by zone id. */
  hot: Map<string, HotSpell[]>
}

/** A hot episode in business day numbers. */
interface HotSpell {
  zone: string
  first: number
  last: number
  factor: number
}

/** Mean weekday orders of a zone before size factors: 49 default zones give ≈ 450k orders a day. */
const BASE_ZONE_DAILY_ORDERS = 9000
/** First-tier cities' districts are busier than those of other cities. */
const FIRST_TIER = new Set(['北京', '上海', '广州', '深圳'])
/** Complaints per order, mid-way in the 0.5–1% usual for delivery platforms: ≈ 3.4k tickets a default day. */
const BASE_COMPLAINT_RATE = 0.0075
/** A hot zone complains at about twice the platform's rate — far above the 1.2× streak threshold. */
const HOT_FACTOR = 2.2
/**
 * Episodes relative to today: one ended four days ago, one is still running (three complete days already,
 * so the 3-day streak has fired), and a two-day blip that must not fire.
 */
const EPISODES = [
  { startOffset: -9, days: 5 },
  { startOffset: -3, days: 4 },
  { startOffset: -12, days: 2 },
] as const

export function buildWorld(opts: { zones: Zone[]; seed: number; rate: number; now: number }): World {
  const seedKey = mixKey(opts.seed)
  const zones = opts.zones.map((zone) => sizeZone(zone, seedKey, opts.rate))
  const regionOrders = new Map<string, number>()
  for (const z of zones) regionOrders.set(z.region, (regionOrders.get(z.region) ?? 0) + z.dailyOrders)
  const staffing = planStaffing(regionOrders)
  const roster = buildRoster(staffing, seedKey)
  const hot = new Map<string, HotSpell[]>()
  for (const spell of pickEpisodes(zones, seedKey, businessDay(opts.now))) {
    hot.set(spell.zone, [...(hot.get(spell.zone) ?? []), spell])
  }
  return {
    seed: opts.seed,
    seedKey,
    zones,
    roster,
    dispatcher: new Dispatcher(roster, seedKey),
    regionPressure: staffingPressure(staffing),
    hot,
  }
}

function sizeZone(zone: Zone, seedKey: number, rate: number): WorldZone {
  const key = mixKey(seedKey, hashString(zone.id))
  const rng = new Rng(key)
  const tier = FIRST_TIER.has(zone.city) ? 1.25 : 0.85
  const dailyOrders = BASE_ZONE_DAILY_ORDERS * tier * rng.uniform(0.6, 1.5) * rate
  return { ...zone, key, dailyOrders, complaintFactor: rng.uniform(0.9, 1.1) }
}

/** Hot zones are drawn from the busier half so an episode is plainly visible, one zone per episode. */
function pickEpisodes(zones: WorldZone[], seedKey: number, today: number): HotSpell[] {
  const candidates = [...zones].sort((a, b) => b.dailyOrders - a.dailyOrders).slice(0, Math.ceil(zones.length / 2))
  const rng = new Rng(mixKey(seedKey, hashString('hot-zones')))
  return EPISODES.slice(0, candidates.length).map((episode) => {
    const [zone] = candidates.splice(rng.int(0, candidates.length - 1), 1) as [WorldZone]
    const first = today + episode.startOffset
    return { zone: zone.id, first, last: first + episode.days - 1, factor: HOT_FACTOR }
  })
}

/** Probability that an order in `zone` on business `day` turns into a complaint ticket. */
export function complaintProbability(world: World, zone: WorldZone, day: number): number {
  const episode = world.hot.get(zone.id)?.find((e) => day >= e.first && day <= e.last)
  return BASE_COMPLAINT_RATE * zone.complaintFactor * (episode?.factor ?? 1)
}

/** The hot-zone episodes a generator anchored at `now` contains (for tests, docs and demo scripts). */
export function hotEpisodes(zones: Zone[], now: Date, seed: number): HotEpisode[] {
  const world = buildWorld({ zones, seed, rate: 1, now: now.getTime() })
  return [...world.hot.values()].flat().map((spell) => ({
    zone: spell.zone,
    firstDay: dayLabel(spell.first),
    lastDay: dayLabel(spell.last),
    factor: spell.factor,
  }))
}
