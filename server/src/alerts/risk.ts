// Zone risk level (SPEC §6), from r = the zone's complaint rate today ÷ the platform's, and the zone's
// open alerts. Shown as colour on maps, heatmaps and tables.

export const RISK_LEVELS = ['red', 'orange', 'yellow', 'blue', 'normal'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]

export interface ZoneAlertFlags {
  /** The zone has an open `urgent_unanswered` alert. */
  urgentUnanswered: boolean
  /** The zone has an open `zone_complaint_streak` alert. */
  complaintStreak: boolean
}

export function riskLevel(ratio: number | null, open: ZoneAlertFlags): RiskLevel {
  const r = ratio ?? 0
  if (r >= 2.0 || open.urgentUnanswered) return 'red'
  if (r >= 1.5 || open.complaintStreak) return 'orange'
  if (r >= 1.2) return 'yellow'
  if (r >= 1.0) return 'blue'
  return 'normal'
}
