// What the two desk views (/region on a regional lead's laptop, /weekly for an executive) share: who is
// looking and what they may do (SPEC §8: the server enforces it, the page only avoids offering what would be
// refused), business days as the API spells them, and KPIs as cells: the SPEC name, the raw API number
// (data-value, for tests and tools), the number formatted for the locale, and optionally its change.
import { get } from 'svelte/store'
import { CATEGORIES, type Category } from '../../../ingest/events.ts'
import { addDays } from '../../../server/src/kpi/business-time.ts'
import type { Translate } from './alerts.ts'
import { api } from './api.ts'
import { businessDay, formatKpi } from './format.ts'
import { KPI_META, type KpiChange, type KpiName } from './kpis.ts'
import { principal } from './session.ts'
import type { Kpis, Principal } from './types.ts'

// Day arithmetic is the server's own (dependency-free), so a week or a 14-day window starts on the same day
// on both sides.
export { addDays, businessDay }

/** server/src/auth/principals.ts ACKNOWLEDGERS (that module needs Node, so it cannot be bundled here). */
const ACKNOWLEDGERS: ReadonlyArray<Principal['role']> = ['admin', 'ops', 'regional']

export function canAcknowledge(p: Principal | null): boolean {
  return p !== null && ACKNOWLEDGERS.includes(p.role)
}

/**
 * The signed-in principal. A page opened with a session cookie from an earlier visit has not signed in in
 * this tab, so the server is asked once. Without a session this is null, and the view's first data request
 * (whose 401 is not quiet) sends the browser to sign in (lib/api.ts).
 */
export async function whoAmI(): Promise<Principal | null> {
  const known = get(principal)
  if (known) return known
  try {
    const p = (await api.session()).principal
    principal.set(p)
    return p
  } catch {
    return null
  }
}

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

export interface Cell {
  kpi: KpiName
  value: number | null
  text: string
  change: KpiChange | null
  changeText: string | null
}

/** Complaint and repeat rates are fractions of a percent: two digits, as on the wall. */
export function rateDigits(kpi: KpiName): number {
  return kpi === 'complaint_rate' || kpi === 'repeat_rate' ? 2 : 1
}

/** A KPI's name for any window: the table's `kpi.tickets` says "today", which these views often are not. */
export function kpiLabel(kpi: KpiName, t: Translate): string {
  return kpi === 'tickets' ? t('views.tickets') : t(`kpi.${kpi}`)
}

/** A KPI's number formatted, with no change attached. */
export function plainCell(kpi: KpiName, kpis: Kpis | undefined, locale: string): Cell {
  const value = kpis?.[kpi] ?? null
  return { kpi, value, text: formatKpi(locale, KPI_META[kpi].kind, value, rateDigits(kpi)), change: null, changeText: null }
}

/** A complaint category's name (SPEC §4.2); a key the dashboard does not know is shown as sent. */
export function categoryLabel(category: string, t: Translate): string {
  return (CATEGORIES as readonly string[]).includes(category) ? t(`category.${category as Category}`) : category
}
