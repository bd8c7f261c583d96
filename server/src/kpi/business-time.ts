// Business time (TZ_BUSINESS, SPEC §3): every day and hour bucket, and every time in a response, is in this
// zone. Offsets come from Intl, so daylight-saving zones work too.

const formatters = new Map<string, Intl.DateTimeFormat>()

function partsOf(ms: number, tz: string): Record<string, number> {
  let f = formatters.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(tz, f)
  }
  return Object.fromEntries(f.formatToParts(ms).filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]))
}

/** The zone's offset from UTC at instant `ms`, in milliseconds (Asia/Shanghai: +8 h). */
export function offsetAt(ms: number, tz: string): number {
  const p = partsOf(ms, tz)
  const local = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0)
  return local - (ms - (((ms % 1000) + 1000) % 1000))
}

/** The instant a business day ('YYYY-MM-DD') starts. */
export function dayStart(day: string, tz: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const guess = Date.UTC(y, m - 1, d)
  const first = guess - offsetAt(guess, tz)
  // Re-read the offset at the candidate itself in case a DST change lies between the two.
  return guess - offsetAt(first, tz)
}

/** The business day ('YYYY-MM-DD') an instant falls on. */
export function businessDay(ms: number, tz: string): string {
  return new Date(ms + offsetAt(ms, tz)).toISOString().slice(0, 10)
}

/** RFC 3339 in business time: 2026-11-25T08:30:00.000+08:00. */
export function formatBusiness(ms: number, tz: string): string {
  const offset = offsetAt(ms, tz)
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset) / 60_000
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return `${new Date(ms + offset).toISOString().slice(0, 23)}${sign}${hh}:${mm}`
}

/** Adds whole business days to a 'YYYY-MM-DD'. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10)
}
