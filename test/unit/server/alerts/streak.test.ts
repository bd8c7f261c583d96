// findEpisodes against an independent reading of SPEC §6's zone_complaint_streak, over hand-built
// histories with the edge cases that matter: a run from the first day of data, one broken by a day under
// the order minimum, one a day short, one at the threshold exactly, and one still running today.
import { describe, expect, it } from 'vitest'
import { findEpisodes, type DailyStats } from '../../../../server/src/alerts/streak.ts'
import { addDays } from '../../../../server/src/kpi/business-time.ts'

const rule = { days: 3, minOrders: 30, factor: 1.2 }
const DAYS = Array.from({ length: 10 }, (_, i) => addDays('2026-11-01', i))
const TODAY = DAYS[9] as string

/** Per zone and day: [tickets, orders]. The filler zone keeps the platform rate near 1 %. */
function stats(zones: Record<string, Array<[number, number]>>): DailyStats {
  const s: DailyStats = new Map()
  DAYS.forEach((day, i) => {
    const perZone = new Map(Object.entries(zones).map(([z, counts]) => [z, { tickets: counts[i]?.[0] ?? 0, orders: counts[i]?.[1] ?? 0 }]))
    perZone.set('filler', { tickets: 100, orders: 10_000 })
    const platform = [...perZone.values()].reduce((a, b) => ({ tickets: a.tickets + b.tickets, orders: a.orders + b.orders }), { tickets: 0, orders: 0 })
    s.set(day, { platform, zones: perZone })
  })
  return s
}

/** The reference: exceed flags day by day, then runs of ≥ 3 that end on the first complete non-exceeding day. */
function reference(s: DailyStats, zone: string) {
  const flags = DAYS.map((d) => {
    const day = s.get(d)
    const z = day?.zones.get(zone)
    if (!day || !z || z.orders < 30) return false
    return z.tickets / z.orders > 1.2 * (day.platform.tickets / day.platform.orders)
  })
  const out: Array<{ first_day: string; fired_day: string; resolved_day: string | null }> = []
  let start = -1
  for (let i = 0; i <= DAYS.length; i++) {
    const f = i < DAYS.length && flags[i]
    if (f && start < 0) start = i
    const endsHere = !f && start >= 0 && !(i === DAYS.length - 1 && !flags[i] && DAYS[i] === TODAY)
    if (endsHere || (i === DAYS.length && start >= 0)) {
      const len = i - start
      if (len >= 3) out.push({ first_day: DAYS[start] as string, fired_day: DAYS[start + 2] as string, resolved_day: i < DAYS.length ? (DAYS[i] as string) : null })
      start = -1
    }
  }
  return out
}

const hot: [number, number] = [60, 2000] // 3 % against a platform near 1 %
const calm: [number, number] = [10, 2000]

const cases: Record<string, Array<[number, number]>> = {
  'starts on the first day of data': [hot, hot, hot, hot, calm, calm, calm, calm, calm, calm],
  'broken by a day under the order minimum': [calm, hot, hot, [2, 29], hot, hot, calm, calm, calm, calm],
  'one day short': [calm, calm, hot, hot, calm, hot, hot, calm, calm, calm],
  'still running today': [calm, calm, calm, calm, calm, calm, hot, hot, hot, hot],
  'today partial and quiet so far': [calm, calm, calm, calm, calm, calm, hot, hot, hot, [0, 40]],
}

describe('findEpisodes', () => {
  for (const [name, counts] of Object.entries(cases)) {
    it(name, () => {
      const s = stats({ z: counts })
      const found = findEpisodes(s, TODAY, rule).filter((e) => e.zone === 'z')
      expect(found.map(({ first_day, fired_day, resolved_day }) => ({ first_day, fired_day, resolved_day }))).toEqual(reference(s, 'z'))
    })
  }

  it('finds the expected episodes in the hand-built cases (the reference is not vacuous)', () => {
    const s = stats(cases)
    const byZone = (z: string) => findEpisodes(s, TODAY, rule).filter((e) => e.zone === z)
    expect(byZone('starts on the first day of data')).toMatchObject([{ first_day: '2026-11-01', fired_day: '2026-11-03', resolved_day: '2026-11-05' }])
    expect(byZone('broken by a day under the order minimum')).toEqual([])
    expect(byZone('one day short')).toEqual([])
    expect(byZone('still running today')).toMatchObject([{ first_day: '2026-11-07', fired_day: '2026-11-09', resolved_day: null }])
    expect(byZone('today partial and quiet so far')).toMatchObject([{ first_day: '2026-11-07', resolved_day: null }])
  })

  it('does not count a rate of exactly 1.2 × the platform as exceeding, and counts one just above', () => {
    // Platform of the day: filler 100/10000 plus the zone itself.
    const at = (zoneTickets: number): DailyStats => {
      const s: DailyStats = new Map()
      for (const day of DAYS.slice(0, 3)) {
        const zone = { tickets: zoneTickets, orders: 1000 }
        const filler = { tickets: 100, orders: 10_000 }
        s.set(day, { platform: { tickets: zone.tickets + filler.tickets, orders: 11_000 }, zones: new Map([['z', zone], ['filler', filler]]) })
      }
      return s
    }
    // z/1000 = 1.2 × (z + 100)/11000  ⇔  z = 1.2·(z+100)/11  ⇔  z = 120/9.8
    const exact = 120 / 9.8
    expect(findEpisodes(at(exact), DAYS[2] as string, rule)).toEqual([])
    expect(findEpisodes(at(exact + 0.01), DAYS[2] as string, rule)).toHaveLength(1)
  })
})
