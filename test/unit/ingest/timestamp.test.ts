import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseTimestamp } from '../../../ingest/timestamp.ts'

describe('parseTimestamp', () => {
  it('reads the three spellings of the same instant alike', () => {
    const ms = Date.UTC(2026, 10, 24, 15, 59, 59, 999)
    for (const v of [ms, '2026-11-24T15:59:59.999Z', '2026-11-24T23:59:59.999+08:00', '2026-11-24T10:59:59.999-05:00']) {
      expect(parseTimestamp(v)).toEqual({ ok: true, ms })
    }
  })

  it('round-trips any instant in range through RFC 3339 with any whole-minute offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2200, 0, 1) }), fc.integer({ min: -14 * 60, max: 14 * 60 }), (ms, off) => {
        const local = new Date(ms + off * 60_000).toISOString().slice(0, 23)
        const sign = off < 0 ? '-' : '+'
        const a = Math.abs(off)
        const text = `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`
        expect(parseTimestamp(text)).toEqual({ ok: true, ms })
      }),
      { numRuns: 3000 },
    )
  })

  it('rejects impossible dates, missing offsets, fractions of a millisecond-epoch, seconds and non-values', () => {
    for (const v of ['2026-02-30T10:00:00Z', '2026-11-25T10:00:00', '2026-11-25', 'yesterday', 1.5, 1_700_000_000, Number.NaN, Infinity, 2 ** 60, true, {}, []]) {
      expect(parseTimestamp(v).ok, String(v)).toBe(false)
    }
    expect(parseTimestamp(undefined)).toEqual({ ok: false, error: 'is required' })
  })

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.anything(), (v) => void parseTimestamp(v)), { numRuns: 3000 })
  })
})
