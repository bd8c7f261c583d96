// Business days as the API spells them (YYYY-MM-DD, SPEC §7) for the laptop views: the arithmetic is the
// server's own (dependency-free), so a week or a 14-day window starts on the same day on both sides.
import { addDays } from '../../../server/src/kpi/business-time.ts'
import { businessDay } from './format.ts'

export { addDays, businessDay }

const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** "2026-11-16" → "11/16" (zh-CN and en alike): a calendar day, so no time zone can shift it. */
export function formatDay(locale: string, day: string): string {
  let f = dayFormats.get(locale)
  if (!f) dayFormats.set(locale, (f = new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', timeZone: 'UTC' })))
  return f.format(Date.parse(`${day}T00:00:00Z`))
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}
