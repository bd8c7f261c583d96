import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../../server/src/config.ts'

describe('loadConfig', () => {
  it('applies the SPEC §3 defaults', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({ PORT: 8080, HOST: '127.0.0.1', DATA_DIR: './data', SIMULATOR: 'on', TZ_BUSINESS: 'Asia/Shanghai', COUPON_CNY: 5 })
    expect(c.PEAK_WINDOWS).toEqual([[660, 780], [1020, 1200]])
    expect(c.PROMOTION_DAYS).toEqual(['06-18', '11-11'])
    expect(c.CLICKHOUSE_URL).toBeUndefined()
    expect(Object.isFrozen(c)).toBe(true)
  })

  it('stops with a message naming every bad key and what it needs', () => {
    const bad = () => loadConfig({ PORT: 'eighty', TZ_BUSINESS: 'Mars/Olympus', PEAK_WINDOWS: '13:00-11:00', SIMULATOR: 'maybe', INGEST_GROUP_MS: '9000' })
    expect(bad).toThrow(ConfigError)
    const message = (() => {
      try {
        bad()
      } catch (e) {
        return (e as Error).message
      }
    })()
    expect(message).toMatch(/PORT="eighty"/)
    expect(message).toMatch(/TZ_BUSINESS="Mars\/Olympus": must be an IANA time zone/)
    expect(message).toMatch(/PEAK_WINDOWS="13:00-11:00": "13:00-11:00" is not a window/)
    expect(message).toMatch(/SIMULATOR="maybe"/)
    // above what an ingest timeout allows for
    expect(message).toMatch(/INGEST_GROUP_MS="9000"/)
  })

  it('reads peak windows and promotion days', () => {
    const c = loadConfig({ PEAK_WINDOWS: '07:30-09:00, 18:00-21:30', PROMOTION_DAYS: '12-12' })
    expect(c.PEAK_WINDOWS).toEqual([[450, 540], [1080, 1290]])
    expect(c.PROMOTION_DAYS).toEqual(['12-12'])
  })

  it('accepts business time zones offset by whole hours only (stored KPIs are kept per UTC hour)', () => {
    expect(loadConfig({ TZ_BUSINESS: 'Europe/Berlin' }).TZ_BUSINESS).toBe('Europe/Berlin')
    expect(() => loadConfig({ TZ_BUSINESS: 'Asia/Kolkata' })).toThrow(/TZ_BUSINESS="Asia\/Kolkata": must be offset from UTC by whole hours/)
  })
})
