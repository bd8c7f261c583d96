// zone_complaint_streak (SPEC §6): a zone exceeds on day d when it had ≥ STREAK_MIN_ORDERS orders and a
// complaint rate > STREAK_FACTOR × the platform's rate of d; STREAK_DAYS consecutive exceeding days make an
// episode, which resolves on the first complete day the zone does not exceed. Pure functions, so episodes
// are testable without a database.
import { addDays } from '../kpi/business-time.ts'

export interface DayCounts {
  tickets: number
  orders: number
}

/** Per business day: the platform's counts and each zone's. */
export type DailyStats = Map<string, { platform: DayCounts; zones: Map<string, DayCounts> }>

export interface StreakRule {
  days: number
  minOrders: number
  factor: number
}

export interface Episode {
  zone: string
  first_day: string
  fired_day: string
  /** The last exceeding day so far. */
  last_day: string
  /** The first complete day without exceeding; null while the episode is open. */
  resolved_day: string | null
  /** Zone rate ÷ platform rate on last_day. */
  ratio: number
}

/** The zone's rate ÷ the platform's on a day, when the zone exceeds that day; otherwise undefined. */
export function exceedRatio(zone: DayCounts | undefined, platform: DayCounts, rule: StreakRule): number | undefined {
  if (!zone || zone.orders < rule.minOrders || zone.orders === 0 || platform.orders === 0 || platform.tickets === 0) return undefined
  const ratio = zone.tickets / zone.orders / (platform.tickets / platform.orders)
  return ratio > rule.factor ? ratio : undefined
}

/** Every episode of every zone, over the calendar days from the first day with data to `today`. */
export function findEpisodes(stats: DailyStats, today: string, rule: StreakRule): Episode[] {
  const days = [...stats.keys()].sort()
  if (days.length === 0) return []
  const zones = new Set([...stats.values()].flatMap((d) => [...d.zones.keys()]))
  const episodes: Episode[] = []
  for (const zone of zones) {
    let run: { first: string; last: string; length: number; ratio: number } | undefined
    for (let day = days[0] as string; day <= today; day = addDays(day, 1)) {
      const s = stats.get(day)
      const ratio = s && exceedRatio(s.zones.get(zone), s.platform, rule)
      if (ratio !== undefined) {
        run = run ? { ...run, last: day, length: run.length + 1, ratio } : { first: day, last: day, length: 1, ratio }
        continue
      }
      // Today is partial: not exceeding yet does not end a run.
      if (run && day !== today) {
        if (run.length >= rule.days) episodes.push(episode(zone, run, rule, day))
        run = undefined
      }
    }
    if (run && run.length >= rule.days) episodes.push(episode(zone, run, rule, null))
  }
  return episodes
}

function episode(zone: string, run: { first: string; last: string; ratio: number }, rule: StreakRule, resolved: string | null): Episode {
  return { zone, first_day: run.first, fired_day: addDays(run.first, rule.days - 1), last_day: run.last, resolved_day: resolved, ratio: run.ratio }
}
