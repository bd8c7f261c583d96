// Numbers, rates, money, durations and times as people read them in each locale, through Intl. Times are in
// business time (SPEC §3: every day and hour is Asia/Shanghai), whatever the zone of the screen showing them.
// API numbers are unrounded (SPEC §5); rounding happens here and only here.
import type { KpiChange, KpiKind } from './kpis.ts'

/** The server's default TZ_BUSINESS; the API does not announce the zone it runs in. */
export const BUSINESS_TZ = 'Asia/Shanghai'
/** What an unknown value (a rate with no denominator) looks like. */
export const EMPTY = '—'

const numberFormats = new Map<string, Intl.NumberFormat>()
const dateFormats = new Map<string, Intl.DateTimeFormat>()

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let f = numberFormats.get(key)
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, options)))
  return f
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let f = dateFormats.get(key)
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone: BUSINESS_TZ, ...options })))
  return f
}

export function formatNumber(locale: string, n: number | null, digits = 0): string {
  return n === null ? EMPTY : numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n)
}

/** 0.76429 → "76.4%". Complaint rates are fractions of a percent, so views ask for two digits there. */
export function formatPercent(locale: string, rate: number | null, digits = 1): string {
  return rate === null ? EMPTY : numberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(rate)
}

/** orders_per_agent N as the industry writes it: 1:N (SPEC §5, standard 1:1500). */
export function formatRatio(locale: string, n: number | null): string {
  return n === null ? EMPTY : `1:${formatNumber(locale, Math.round(n))}`
}

export function formatCny(locale: string, amount: number | null): string {
  if (amount === null) return EMPTY
  return numberFormat(locale, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0 }).format(amount)
}

/** 1166 → "19分钟26秒" / "19m 26s": the two largest non-zero units, the smaller rounded. */
export function formatDuration(locale: string, seconds: number | null): string {
  if (seconds === null) return EMPTY
  const total = Math.round(seconds)
  const parts: Array<[number, 'hour' | 'minute' | 'second']> = [
    [Math.floor(total / 3600), 'hour'],
    [Math.floor((total % 3600) / 60), 'minute'],
    [total % 60, 'second'],
  ]
  const first = parts.findIndex(([v]) => v > 0)
  const shown = first === -1 ? [parts[2]!] : parts.slice(first, first + 2).filter(([v], i) => i === 0 || v > 0)
  const joiner = locale.startsWith('zh') ? '' : ' '
  return shown.map(([v, unit]) => numberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow' }).format(v)).join(joiner)
}

/** A list as the locale writes one: 12315、曝光和律师 / 12315, 曝光, & 律师. */
export function formatList(locale: string, items: readonly string[]): string {
  return new Intl.ListFormat(locale, { type: 'conjunction', style: 'short' }).format(items)
}

/** A KPI value in the format of its kind (lib/kpis.ts). */
export function formatKpi(locale: string, kind: KpiKind, value: number | null, rateDigits = 1): string {
  switch (kind) {
    case 'count':
      return formatNumber(locale, value)
    case 'rate':
      return formatPercent(locale, value, rateDigits)
    case 'seconds':
      return formatDuration(locale, value)
    case 'score':
      return formatNumber(locale, value, 2)
    case 'cny':
      return formatCny(locale, value)
    case 'ratio':
      return formatRatio(locale, value)
  }
}

/** A change with its sign: "+3.1%" (relative), "+1.2" percentage points of a rate, "−0.05" of a score. */
export function formatChange(locale: string, kind: KpiKind, change: KpiChange): string {
  const signed = (n: number, digits: number, style: 'percent' | 'decimal') =>
    numberFormat(locale, { style, signDisplay: 'exceptZero', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n)
  if (change.relative) return signed(change.value, 1, 'percent')
  return kind === 'rate' ? signed(change.value * 100, 2, 'decimal') : signed(change.value, 2, 'decimal')
}

/** "15:50:17" in business time. */
export function formatClock(locale: string, at: number | string): string {
  return dateFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(at))
}

/** "11月25日星期三" / "Wednesday, November 25". */
export function formatDate(locale: string, at: number | string): string {
  return dateFormat(locale, { month: 'long', day: 'numeric', weekday: 'long' }).format(new Date(at))
}

/** "15:50" today, "11/24 15:50" on another business day. */
export function formatWhen(locale: string, at: number | string, now: number): string {
  const sameDay = businessDay(new Date(at).getTime()) === businessDay(now)
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
  return dateFormat(locale, sameDay ? options : { ...options, month: '2-digit', day: '2-digit' }).format(new Date(at))
}

/** The business day of an instant, YYYY-MM-DD (the API's day format). */
export function businessDay(ms: number): string {
  return dateFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms)
}

/** The hour of the business day an instant falls in, 0–23. */
export function businessHour(at: number | string): number {
  return Number(dateFormat('en-GB', { hour: '2-digit', hourCycle: 'h23' }).format(new Date(at)))
}
