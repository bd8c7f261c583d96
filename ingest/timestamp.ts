// Event timestamps (SPEC §4.1): RFC 3339 with an offset (Z or ±hh:mm), or epoch milliseconds. Parsed by hand
// rather than with Date.parse, which accepts many other spellings and silently rolls 02-30 into March.
import { describe } from './describe.ts'

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/

/** Earliest accepted event time: anything before 2000 is a unit mistake (seconds for ms), not an event. */
export const MIN_TS_MS = Date.UTC(2000, 0, 1)

export type ParsedTs = { ok: true; ms: number } | { ok: false; error: string }

export function parseTimestamp(value: unknown): ParsedTs {
  if (value === undefined || value === null) return { ok: false, error: 'is required' }
  const ms = typeof value === 'number' ? fromEpoch(value) : typeof value === 'string' ? fromRfc3339(value) : undefined
  if (ms === undefined) {
    return { ok: false, error: `must be RFC 3339 with an offset (2026-11-25T08:30:00+08:00) or epoch milliseconds (got ${describe(value)})` }
  }
  if (ms < MIN_TS_MS) return { ok: false, error: `${isoOrNumber(ms)} is before 2000-01-01; epoch seconds instead of milliseconds?` }
  return { ok: true, ms }
}

/** An instant for an error message; beyond the Date range it stays a number. */
export function isoOrNumber(ms: number): string {
  return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms)
}

function fromEpoch(n: number): number | undefined {
  return Number.isSafeInteger(n) ? n : undefined
}

function fromRfc3339(s: string): number | undefined {
  const m = RFC3339.exec(s)
  if (!m) return undefined
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  const frac = m[7] ?? ''
  const offset = m[8] ?? 'Z'
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return undefined
  const offsetMin = /[Zz]/.test(offset) ? 0 : Number(offset.slice(0, 1) + '1') * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)))
  const millis = Number(frac.padEnd(3, '0').slice(0, 3))
  return Date.UTC(y, mo - 1, d, h, mi, sec, millis) - offsetMin * 60_000
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}
