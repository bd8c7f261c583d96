// Number, rate, money, duration and time formats in both locales, and KPI changes (dashboard/src/lib).
import { describe, expect, it } from 'vitest'
import {
  businessDay,
  businessHour,
  EMPTY,
  formatChange,
  formatClock,
  formatCny,
  formatDuration,
  formatKpi,
  formatList,
  formatNumber,
  formatPercent,
  formatRatio,
  formatWhen,
} from '../../../dashboard/src/lib/format.ts'
import { kpiChange } from '../../../dashboard/src/lib/kpis.ts'

// 2026-11-25 08:30:05 in Shanghai is 00:30:05 UTC.
const AT = Date.UTC(2026, 10, 25, 0, 30, 5)

describe('format', () => {
  it('groups numbers and rounds only for display', () => {
    expect(formatNumber('zh-CN', 1729)).toBe('1,729')
    expect(formatNumber('en', 4.2358, 2)).toBe('4.24')
    expect(formatNumber('en', null)).toBe(EMPTY)
  })

  it('writes rates as percentages with the digits asked for', () => {
    expect(formatPercent('zh-CN', 0.764294)).toBe('76.4%')
    expect(formatPercent('en', 0.0072812, 2)).toBe('0.73%')
    expect(formatPercent('en', null)).toBe(EMPTY)
  })

  it('writes orders_per_agent as 1:N, rounded', () => {
    expect(formatRatio('zh-CN', 1657.0037)).toBe('1:1,657')
    expect(formatRatio('en', 1500)).toBe('1:1,500')
    expect(formatRatio('en', null)).toBe(EMPTY)
  })

  it('writes yuan with the ¥ sign in both locales', () => {
    expect(formatCny('zh-CN', 1470)).toBe('¥1,470')
    expect(formatCny('en', 1470)).toBe('¥1,470')
  })

  it('writes durations with their two largest units', () => {
    expect(formatDuration('en', 14.347)).toBe('14s')
    expect(formatDuration('en', 1166.226)).toBe('19m 26s')
    expect(formatDuration('en', 7200)).toBe('2h')
    expect(formatDuration('en', 0)).toBe('0s')
    expect(formatDuration('zh-CN', 1166)).toMatch(/^19\D+26\D+$/)
    expect(formatDuration('zh-CN', 1166)).not.toContain(' ')
  })

  it('formats each KPI kind', () => {
    expect(formatKpi('en', 'count', 23)).toBe('23')
    expect(formatKpi('en', 'rate', 0.5)).toBe('50.0%')
    expect(formatKpi('en', 'score', 4.2358)).toBe('4.24')
    expect(formatKpi('en', 'ratio', 1657.2)).toBe('1:1,657')
    expect(formatKpi('en', 'seconds', 90)).toBe('1m 30s')
  })

  it('writes lists as each locale does', () => {
    expect(formatList('zh-CN', ['华东', '华北', '华南'])).toBe('华东、华北和华南')
    expect(formatList('en', ['a', 'b'])).toBe('a & b')
  })

  it('shows times in business time whatever the machine zone', () => {
    expect(formatClock('en', AT)).toBe('08:30:05')
    expect(formatClock('zh-CN', '2026-11-25T08:30:05.000+08:00')).toBe('08:30:05')
    expect(businessDay(Date.UTC(2026, 10, 24, 16))).toBe('2026-11-25')
    expect(businessDay(Date.UTC(2026, 10, 24, 15, 59))).toBe('2026-11-24')
    expect(businessHour('2026-11-25T15:00:00.000+08:00')).toBe(15)
    expect(businessHour(Date.UTC(2026, 10, 24, 16))).toBe(0)
  })

  it('adds the date to a time on another business day', () => {
    expect(formatWhen('en', AT, AT + 3_600_000)).toBe('08:30')
    expect(formatWhen('en', AT, AT + 86_400_000)).toMatch(/11\/25.*08:30/)
  })
})

describe('KPI changes', () => {
  it('measures rates in percentage points and colours them by the good direction', () => {
    const c = kpiChange('instant_response_rate', 0.78, 0.8)
    expect(c?.relative).toBe(false)
    expect(c?.value).toBeCloseTo(-0.02)
    expect(c?.tone).toBe('bad')
    expect(formatChange('en', 'rate', c!)).toBe('-2.00')
    expect(kpiChange('complaint_rate', 0.007, 0.008)?.tone).toBe('good')
  })

  it('measures counts, money and ratios relative to yesterday', () => {
    const c = kpiChange('tickets', 1100, 1000)
    expect(c).toEqual({ value: 0.1, relative: true, tone: 'bad' })
    expect(formatChange('zh-CN', 'count', c!)).toBe('+10.0%')
    expect(kpiChange('orders_per_agent', 1400, 1500)?.tone).toBe('good')
  })

  it('has no change without both values, nor a relative change from zero', () => {
    expect(kpiChange('tickets', 5, 0)).toBeNull()
    expect(kpiChange('csat_avg', null, 4.2)).toBeNull()
    expect(kpiChange('csat_avg', 4.2, null)).toBeNull()
  })

  it('calls tiny changes flat', () => {
    expect(kpiChange('tickets', 1001, 1000)?.tone).toBe('flat')
    expect(kpiChange('instant_response_rate', 0.8001, 0.8)?.tone).toBe('flat')
    expect(kpiChange('orders', 2000, 1000)?.tone).toBe('flat')
  })
})
