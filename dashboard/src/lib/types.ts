// The wire shapes of the read API and the live feed (SPEC §5–7) as the dashboard sees them. Alert enums come
// from the server's dependency-free alerts/types.ts; KPI names from lib/kpis.ts (its list is compared with
// the server's by test/integration/server/series.test.ts, because the server module cannot be bundled).
import type { AlertRule, AlertStatus, Severity } from '../../../server/src/alerts/types.ts'
import type { KpiName } from './kpis.ts'

export type { AlertRule, KpiName, Severity }

export type Kpis = Record<KpiName, number | null>

export interface WindowJson {
  from: string
  to: string
}

export interface ScopeQuery {
  region?: string
  city?: string
  zone?: string
}

export interface ScopeJson extends ScopeQuery {
  level: 'platform' | 'regions' | 'region' | 'city' | 'zone'
  name?: string
  regions?: string[]
}

export const CHANNELS = ['app', 'phone', 'social', 'third_party'] as const
export type Channel = (typeof CHANNELS)[number]

/** One row of a breakdown: the dimension's key (e.g. `channel: 'app'`) and that slice's ticket KPIs. */
export type BreakdownRow = Record<string, string | number | null>

/** The breakdowns GET /api/v1/kpis can compute (`?by=`). */
export type Breakdown = 'channel' | 'category' | 'segment' | 'priority'

/** GET /api/v1/kpis with the breakdowns `B` asked for (SPEC §7's channel and category unless told). */
export type KpisBody<B extends Breakdown = 'channel' | 'category'> = {
  scope: ScopeJson
  window: WindowJson
  kpis: Kpis
} & { [K in B as `by_${K}`]: BreakdownRow[] }

export interface SeriesBody {
  scope: ScopeJson
  window: WindowJson
  interval: 'hour' | 'day'
  points: Array<WindowJson & { kpis: Kpis }>
}

export const RISKS = ['red', 'orange', 'yellow', 'blue', 'normal'] as const
export type Risk = (typeof RISKS)[number]

export interface Zone {
  id: string
  name: string
  city: string
  region: string
}

export interface HeatmapBody {
  metric: string
  x: string
  y: string
  window: WindowJson
  xs: Array<string | number>
  ys: Array<string | number>
  /** [x index, y index, value] for every cell; null where the denominator is 0. */
  cells: Array<[number, number, number | null]>
  /** Present when an axis is `zone`: each zone of that axis in axis order, with its risk level now. */
  zones?: Array<Zone & { risk: Risk; risk_ratio: number | null }>
}

export interface Keyword {
  word: string
  count: number
  previous: number
  change: number
  change_ratio: number | null
}

export interface KeywordsBody {
  window: WindowJson
  tickets: number
  previous_tickets: number
  keywords: Keyword[]
}

export interface Alert {
  id: string
  rule: AlertRule
  subject: string
  zone?: string
  region?: string
  status: AlertStatus
  severity: Severity
  opened_at: string
  resolved_at: string | null
  value: number
  threshold: number
  first_day?: string
  fired_day?: string
  ack_by?: string
  ack_note?: string
  details?: { terms?: string[] } & Record<string, unknown>
}

export interface Principal {
  name: string
  role: 'admin' | 'ops' | 'regional' | 'executive' | 'wall'
  regions: string[] | null
}

/** The panels of a live snapshot and of `panel` frames. */
export interface LivePanels {
  kpis: KpisBody
  heatmap: HeatmapBody
  keywords: KeywordsBody
}
export type PanelName = keyof LivePanels

export type LiveFrame =
  | { type: 'snapshot'; at: string; scope: ScopeJson; panels: LivePanels; alerts: Alert[] }
  | { [N in PanelName]: { type: 'panel'; at: string; scope: ScopeJson; name: N; data: LivePanels[N] } }[PanelName]
  | { type: 'alerts'; at: string; scope: ScopeJson; changed: Alert[] }
  | { type: 'heartbeat'; at: string }
  | { type: 'error'; at: string; message: string }
