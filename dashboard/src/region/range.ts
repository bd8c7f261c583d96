// The drill-down's time range (issue 4): today so far, the last 7 or 30 business days (today included), or
// a custom span of whole days. Windows are sent as YYYY-MM-DD, which the API reads as the start of that
// business day (SPEC §7); an open end means "now", so today's numbers keep moving.
import { writable } from 'svelte/store'
import { addDays, businessDay, daysBetween } from '../lib/desk.ts'

export const RANGE_KINDS = ['today', '7d', '30d', 'custom'] as const
export type RangeKind = (typeof RANGE_KINDS)[number]

export type Range = { kind: Exclude<RangeKind, 'custom'> } | { kind: 'custom'; from: string; to: string }

export interface DayWindow {
  from: string
  /** Undefined: up to now. */
  to?: string
}

/** Days of the preset ranges, today included. */
const PRESET_DAYS = { today: 1, '7d': 7, '30d': 30 } as const
/** The zone × day heatmap needs enough days for a 3-day streak to stand out against normal days. */
export const HEATMAP_MIN_DAYS = 14
/** The server refuses windows over 400 days (server/src/kpi/window.ts). */
export const MAX_CUSTOM_DAYS = 400

/** The range a person picked, kept while they drill from region to zone and back. */
export const range = writable<Range>({ kind: 'today' })

/** The request window of a range; a custom range includes its last day. */
export function rangeWindow(r: Range, now: number): DayWindow {
  if (r.kind === 'custom') return { from: r.from, to: addDays(r.to, 1) }
  return { from: addDays(businessDay(now), 1 - PRESET_DAYS[r.kind]) }
}

/** The heatmap's window: the range's, widened backwards to at least HEATMAP_MIN_DAYS days. */
export function heatmapWindow(r: Range, now: number): DayWindow {
  const w = rangeWindow(r, now)
  const end = w.to ?? addDays(businessDay(now), 1)
  const earliest = addDays(end, -HEATMAP_MIN_DAYS)
  return { ...w, from: w.from < earliest ? w.from : earliest }
}

/** Whether a custom span can be asked for: from ≤ to, neither in the future, at most MAX_CUSTOM_DAYS long. */
export function validCustom(from: string, to: string, now: number): boolean {
  const today = businessDay(now)
  const span = daysBetween(from, to)
  return /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && span >= 0 && span < MAX_CUSTOM_DAYS && to <= today
}
