import { describe, expect, it } from 'vitest'
import { addDays, businessDay, dayStart, formatBusiness } from '../../../server/src/kpi/business-time.ts'

describe('business time', () => {
  it('starts a Shanghai business day at 16:00 UTC the day before', () => {
    expect(new Date(dayStart('2026-11-25', 'Asia/Shanghai')).toISOString()).toBe('2026-11-24T16:00:00.000Z')
    expect(businessDay(Date.UTC(2026, 10, 24, 15, 59, 59, 999), 'Asia/Shanghai')).toBe('2026-11-24')
    expect(businessDay(Date.UTC(2026, 10, 24, 16), 'Asia/Shanghai')).toBe('2026-11-25')
  })

  it('formats instants as RFC 3339 in business time', () => {
    expect(formatBusiness(Date.UTC(2026, 10, 24, 16, 0, 0, 5), 'Asia/Shanghai')).toBe('2026-11-25T00:00:00.005+08:00')
  })

  it('handles daylight saving zones', () => {
    // New York springs forward on 2026-03-08: that day is 23 hours long.
    const tz = 'America/New_York'
    expect(dayStart('2026-03-09', tz) - dayStart('2026-03-08', tz)).toBe(23 * 3_600_000)
    expect(formatBusiness(dayStart('2026-07-01', tz), tz)).toBe('2026-07-01T00:00:00.000-04:00')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })
})
