// What the wall needs besides the live feed, polled over HTTP: yesterday's KPIs up to this time of day (for
// each tile's change), today's hourly series (the sparklines) and zone names (the alert ticker).
import { api } from '../lib/api.ts'
import { businessDay } from '../lib/format.ts'
import { polled } from '../lib/poll.ts'
import type { Zone } from '../lib/types.ts'

const DAY_MS = 86_400_000
/** Yesterday's comparison window moves with the clock; a minute is finer than any tile shows. */
export const CONTEXT_EVERY_MS = 60_000
/**
 * The sparklines are hourly, and a series costs the server a read each of its tickets, orders and agents
 * (150–280 ms at 10 M tickets, `npm run bench -- queries`): every few minutes is fresh enough for a trend
 * line beside a live number, and keeps many walls from keeping the engine busy with them.
 */
const SERIES_EVERY_MS = 5 * 60_000
const ZONES_EVERY_MS = 10 * 60_000

/** The same time yesterday: [yesterday 00:00, now − 24 h) in business time (SPEC §7 window parameters). */
export function yesterdayWindow(now: number): { from: string; to: string } {
  return { from: businessDay(now - DAY_MS), to: new Date(now - DAY_MS).toISOString() }
}

export const yesterdayKpis = polled(async () => (await api.kpis(yesterdayWindow(Date.now()), [])).kpis, CONTEXT_EVERY_MS)

export const todaySeries = polled(() => api.kpiSeries({ interval: 'hour' }), SERIES_EVERY_MS)

export const zoneIndex = polled(async () => new Map<string, Zone>((await api.zones()).zones.map((z) => [z.id, z])), ZONES_EVERY_MS)
