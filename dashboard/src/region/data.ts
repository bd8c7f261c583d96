// Everything the drill-down page shows for one place and range, loaded together (SPEC §7 read API plus
// GET /api/v1/tickets). The server decides what a principal may see: a place outside a regional lead's
// regions answers 403, which the page shows as a refusal with no data at all.
import type { Category, Channel, Priority, Segment } from '../../../ingest/events.ts'
import type { TicketStatus } from '../../../server/src/kpi/ticket-status.ts'
import { api, ApiError } from '../lib/api.ts'
import type { Alert, HeatmapBody, KeywordsBody, KpisBody } from '../lib/types.ts'
import { childQuery, scopeQuery, type Place } from './place.ts'
import { heatmapWindow, rangeWindow, type Range } from './range.ts'
import type { DrillRow } from './table.ts'

/** One row of GET /api/v1/tickets (server/src/routes/tickets.ts). */
export interface Ticket {
  ticket_id: string
  created_at: string
  text: string
  channel: Channel
  category: Category
  priority: Priority
  segment: Segment
  status: TicketStatus
  first_response_s: number | null
  resolution_s: number | null
  csat: number | null
  reopens: number
}

/** A zone_complaint_streak alert, open or resolved: the days of its run (SPEC §6). */
export type Streak = Alert & { resolved_day?: string | null }

export interface RegionData {
  /** The place's KPIs alone: the view shows no breakdown. */
  kpis: KpisBody<never>
  /** The children of the place; undefined for a zone. */
  rows: DrillRow[] | undefined
  heatmap: HeatmapBody
  streaks: Streak[]
  keywords: KeywordsBody
  /** A zone's most recent tickets; undefined above zone level. */
  tickets: Ticket[] | undefined
}

export type Loaded =
  | { state: 'loading' }
  | { state: 'ready'; data: RegionData }
  | { state: 'refused' }
  | { state: 'missing' }
  | { state: 'failed'; message: string }

/** Keywords shown per place: enough for a ranked list without a long tail of single mentions. */
const KEYWORDS = 15
/** Recent tickets of a zone. */
const TICKETS = 20

export async function loadRegion(place: Place, range: Range, now: number): Promise<Loaded> {
  const scope = scopeQuery(place)
  const window = rangeWindow(range, now)
  const children = childQuery(place)
  try {
    const [kpis, drill, heatmap, streaks, keywords, tickets] = await Promise.all([
      api.kpis({ ...scope, ...window }, []),
      children && api.drilldown<DrillRow>({ ...children, ...window }),
      api.heatmap({ ...scope, ...heatmapWindow(range, now), metric: 'complaint_rate', x: 'day', y: 'zone' }),
      api.alerts('all', 'zone_complaint_streak'),
      api.keywords({ ...scope, ...window, limit: KEYWORDS }),
      place.zone === undefined ? undefined : api.tickets<Ticket>({ zone: place.zone, limit: TICKETS }),
    ])
    const zones = new Set(heatmap.ys.map(String))
    return {
      state: 'ready',
      data: { kpis, rows: drill?.rows, heatmap, streaks: streaks.alerts.filter((a) => a.zone !== undefined && zones.has(a.zone)), keywords, tickets: tickets?.tickets },
    }
  } catch (err) {
    return failure(err)
  }
}

function failure(err: unknown): Loaded {
  if (err instanceof ApiError && err.status === 403) return { state: 'refused' }
  if (err instanceof ApiError && err.status === 404) return { state: 'missing' }
  return { state: 'failed', message: err instanceof Error ? err.message : String(err) }
}
