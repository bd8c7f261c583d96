// How each SPEC §5 KPI is shown. Its kind picks the number format (lib/format.ts) and how a change is measured;
// `better` says which way is good, so a change can be coloured. Views list the KPIs they show and take the
// rest from here.

export type KpiKind = 'count' | 'rate' | 'seconds' | 'score' | 'cny' | 'ratio'
export type Better = 'up' | 'down' | 'neutral'

export interface KpiMeta {
  kind: KpiKind
  better: Better
}

export const KPI_META = {
  orders: { kind: 'count', better: 'neutral' },
  complaint_rate: { kind: 'rate', better: 'down' },
  tickets: { kind: 'count', better: 'down' },
  instant_response_rate: { kind: 'rate', better: 'up' },
  frt_p50_s: { kind: 'seconds', better: 'down' },
  frt_p90_s: { kind: 'seconds', better: 'down' },
  resolution_rate: { kind: 'rate', better: 'up' },
  fcr_rate: { kind: 'rate', better: 'up' },
  repeat_rate: { kind: 'rate', better: 'down' },
  mttr_p50_s: { kind: 'seconds', better: 'down' },
  csat_avg: { kind: 'score', better: 'up' },
  csat_n: { kind: 'count', better: 'neutral' },
  bad_review_rate: { kind: 'rate', better: 'down' },
  bot_resolution_rate: { kind: 'rate', better: 'neutral' },
  followup_rate: { kind: 'rate', better: 'up' },
  urgent_sla_breaches: { kind: 'count', better: 'down' },
  promise_breaches: { kind: 'count', better: 'down' },
  coupons_owed_cny: { kind: 'cny', better: 'down' },
  compensation_cny: { kind: 'cny', better: 'down' },
  peak_instant_response_rate: { kind: 'rate', better: 'up' },
  agents_on_duty: { kind: 'count', better: 'up' },
  orders_per_agent: { kind: 'ratio', better: 'down' },
} as const satisfies Record<string, KpiMeta>

export type KpiName = keyof typeof KPI_META
export const KPI_NAMES = Object.keys(KPI_META) as KpiName[]

/**
 * A KPI's change against a reference value. Rates and scores change by a difference (a rate's in
 * percentage points); counts, money, durations and ratios by a fraction of the reference.
 */
export interface KpiChange {
  value: number
  relative: boolean
  tone: 'good' | 'bad' | 'flat'
}

/** Changes smaller than these read as "no change": half a percent, or a twentieth of a point. */
const FLAT_RELATIVE = 0.005
const FLAT_ABSOLUTE = { rate: 0.0005, score: 0.005 }

export function kpiChange(name: KpiName, current: number | null, reference: number | null): KpiChange | null {
  if (current === null || reference === null) return null
  const { kind, better } = KPI_META[name]
  if (kind === 'rate' || kind === 'score') {
    const value = current - reference
    return { value, relative: false, tone: toneOf(value, FLAT_ABSOLUTE[kind], better) }
  }
  // A relative change from nothing has no size.
  if (reference === 0) return null
  const value = (current - reference) / reference
  return { value, relative: true, tone: toneOf(value, FLAT_RELATIVE, better) }
}

function toneOf(change: number, flat: number, better: Better): KpiChange['tone'] {
  if (Math.abs(change) < flat || better === 'neutral') return 'flat'
  return (change > 0) === (better === 'up') ? 'good' : 'bad'
}
