// Demand and staffing curves in business time: how many orders a zone gets in a minute, which shifts put
// human agents on duty, and how loaded those agents are — the load drives the response delays in lifecycle.ts.

import { businessDay, businessHour, dayLabel, isoWeekday } from './time.ts'

/**
 * Relative order volume by business hour: a lunch peak [11:00, 13:00) and a dinner peak [17:00, 20:00) —
 * the SPEC §5 default peak windows — on top of a daytime plateau and a quiet night.
 */
const HOURLY_ORDER_WEIGHT = [
  0.35, 0.2, 0.12, 0.08, 0.07, 0.1, 0.25, 0.55, 0.8, 0.9, 1.2, 2.3, // 00–11
  2.5, 1.4, 0.95, 0.9, 1.05, 1.9, 2.4, 2.1, 1.3, 1.0, 0.75, 0.5, // 12–23
] as const
const WEIGHT_SUM = HOURLY_ORDER_WEIGHT.reduce((a, b) => a + b, 0)

/** Weekend days run a bit busier than weekdays. */
const WEEKEND_FACTOR = 1.12
/**
 * Promotion days (SPEC §5 defaults 06-18 and 11-11). With staffing unchanged, the queue model then drops
 * the day's instant response rate by about 20 points — seed 001: 大促期即时响应率较日常下降18个百分点.
 */
const PROMOTION_DAYS = new Set(['06-18', '11-11'])
const PROMOTION_FACTOR = 1.8

/** Volume multiplier of a business day; memoised for the last day asked, as the hot loop asks per zone-minute. */
const dayFactor = (() => {
  let lastDay = NaN
  let lastFactor = 1
  return (day: number): number => {
    if (day !== lastDay) {
      lastDay = day
      lastFactor = PROMOTION_DAYS.has(dayLabel(day).slice(5)) ? PROMOTION_FACTOR : isoWeekday(day) >= 6 ? WEEKEND_FACTOR : 1
    }
    return lastFactor
  }
})()

function hourWeight(ms: number): number {
  return HOURLY_ORDER_WEIGHT[Math.floor(businessHour(ms))] ?? 0
}

/** Expected orders in the minute starting at `ms` for a zone whose ordinary weekday total is `dailyMean`. */
export function expectedOrdersPerMinute(dailyMean: number, ms: number): number {
  return (dailyMean * dayFactor(businessDay(ms)) * hourWeight(ms)) / WEIGHT_SUM / 60
}

export interface Shift {
  readonly name: string
  readonly start: number
  readonly end: number
  /** Share of a region's roster working this shift. */
  readonly share: number
}

/**
 * Human shifts, planned around office hours rather than around demand: the overlap lands on the afternoon
 * lull while both meal peaks run thin — orders per on-duty agent at peak come out about twice the off-peak
 * level, the seed's 1:3000 at peak against the 1:1500 standard (seed 000). Nobody works after 22:00:
 * "22点后仅机器人应答" (seed 000).
 */
export const SHIFTS: readonly Shift[] = [
  { name: 'early', start: 8, end: 16, share: 0.4 },
  { name: 'middle', start: 10, end: 19, share: 0.15 },
  { name: 'late', start: 14, end: 22, share: 0.45 },
]
export const HUMAN_OPEN_HOUR = Math.min(...SHIFTS.map((s) => s.start))
export const HUMAN_CLOSE_HOUR = Math.max(...SHIFTS.map((s) => s.end))
/** Whole hours inside the SPEC §5 default peak windows [11:00, 13:00) and [17:00, 20:00). */
const PEAK_HOURS = new Set([11, 12, 17, 18, 19])

function staffShare(hour: number): number {
  return SHIFTS.filter((s) => hour >= s.start && hour < s.end).reduce((sum, s) => sum + s.share, 0)
}

/** Orders per unit of staff by whole hour, only for staffed hours. */
function loadByHour(): Map<number, number> {
  const load = new Map<number, number>()
  for (let h = HUMAN_OPEN_HOUR; h < HUMAN_CLOSE_HOUR; h++) load.set(h, (HOURLY_ORDER_WEIGHT[h] ?? 0) / staffShare(h))
  return load
}
const LOAD_BY_HOUR = loadByHour()
/** The average off-peak load, where agents run at OFF_PEAK_UTILISATION on an ordinary day. */
const OFF_PEAK_LOAD = mean([...LOAD_BY_HOUR].filter(([h]) => !PEAK_HOURS.has(h)).map(([, load]) => load))
const OFF_PEAK_UTILISATION = 0.25
const MAX_UTILISATION = 0.95

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length
}

/**
 * Agent utilisation ρ in [0, 0.95] at `ms`, or 0 outside staffed hours. Queueing delay grows like ρ/(1−ρ),
 * which is why a peak with twice the load per agent is about three times as slow.
 */
function utilisation(ms: number): number {
  const load = LOAD_BY_HOUR.get(Math.floor(businessHour(ms)))
  if (load === undefined) return 0
  const rho = (OFF_PEAK_UTILISATION * load * dayFactor(businessDay(ms))) / OFF_PEAK_LOAD
  return Math.min(rho, MAX_UTILISATION)
}

/** Waiting-time multiplier relative to an ordinary off-peak hour (1 at ρ = OFF_PEAK_UTILISATION). */
export function queueFactor(ms: number): number {
  const rho = utilisation(ms)
  const reference = OFF_PEAK_UTILISATION / (1 - OFF_PEAK_UTILISATION)
  return rho / (1 - rho) / reference
}

export function isStaffed(ms: number): boolean {
  const hour = businessHour(ms)
  return hour >= HUMAN_OPEN_HOUR && hour < HUMAN_CLOSE_HOUR
}
