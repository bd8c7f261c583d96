// Business time. Asia/Shanghai (SPEC §3, TZ_BUSINESS default) has kept UTC+8 without daylight saving since
// 1991, so a fixed offset is exact and far cheaper than Intl in the per-minute hot loop.

export const SECOND = 1000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
const OFFSET = 8 * HOUR

/** Business day number: whole days since 1970-01-01 in business time. */
export function businessDay(ms: number): number {
  return Math.floor((ms + OFFSET) / DAY)
}

/** Epoch ms of the business midnight that starts `day`. */
export function dayStart(day: number): number {
  return day * DAY - OFFSET
}

/** Fractional hour of the business day, in [0, 24). */
export function businessHour(ms: number): number {
  return (((ms + OFFSET) % DAY) + DAY) % DAY / HOUR
}

/** ISO weekday of a business day: 1 = Monday … 7 = Sunday (day 0 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((day + 3) % 7) + 1
}

/** `YYYY-MM-DD` of a business day. */
export function dayLabel(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10)
}

/** `YYMMDDHHmm` of the business minute containing `ms`: compact and readable inside ids. */
export function minuteStamp(ms: number): string {
  const iso = new Date(ms + OFFSET).toISOString()
  return iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + iso.slice(14, 16)
}

/** RFC 3339 in business time with an explicit offset, e.g. `2026-11-25T12:30:05.123+08:00`. */
export function rfc3339(ms: number): string {
  return new Date(ms + OFFSET).toISOString().replace('Z', '+08:00')
}

/**
 * The first moment at or after `ms` whose business hour lies in [open, close); used to push human work
 * that arrives outside staffed hours to the next opening.
 */
export function nextOpenTime(ms: number, open: number, close: number): number {
  const hour = businessHour(ms)
  if (hour >= open && hour < close) return ms
  const today = dayStart(businessDay(ms))
  return hour < open ? today + open * HOUR : today + DAY + open * HOUR
}
