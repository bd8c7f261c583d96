// The time window [from, to) of a read request (SPEC §7): RFC 3339, or YYYY-MM-DD for the start of that
// business day; by default today so far.
import { parseTimestamp } from '../../../ingest/timestamp.ts'
import { badRequest } from '../errors.ts'
import { businessDay, dayStart, formatBusiness } from './business-time.ts'

export interface Window {
  from: number
  to: number
}

const DAY = /^\d{4}-\d{2}-\d{2}$/
/** The longest window a request may ask for; longer ones are a mistake and would scan all history. */
const MAX_WINDOW_MS = 400 * 86_400_000

export function parseWindow(query: { from?: string | undefined; to?: string | undefined }, now: number, tz: string): Window {
  const to = query.to === undefined ? now : instant('to', query.to, tz)
  const from = query.from === undefined ? dayStart(businessDay(now, tz), tz) : instant('from', query.from, tz)
  if (from >= to) throw badRequest(`from: ${formatBusiness(from, tz)} is not before to (${formatBusiness(to, tz)})`)
  if (to - from > MAX_WINDOW_MS) throw badRequest('from/to: the window is longer than 400 days')
  return { from, to }
}

function instant(field: string, value: string, tz: string): number {
  if (DAY.test(value)) {
    const parsed = parseTimestamp(`${value}T00:00:00Z`)
    if (!parsed.ok) throw badRequest(`${field}: ${value} is not a calendar day`)
    return dayStart(value, tz)
  }
  const parsed = parseTimestamp(value)
  if (!parsed.ok) {
    throw badRequest(`${field}: must be RFC 3339 with an offset or YYYY-MM-DD (got ${JSON.stringify(value.slice(0, 40))})`)
  }
  return parsed.ms
}

export function windowJson(w: Window, tz: string): { from: string; to: string } {
  return { from: formatBusiness(w.from, tz), to: formatBusiness(w.to, tz) }
}
