// Alerts (SPEC §6): rules, lifecycle and the shape every API response and live frame uses.

export const ALERT_RULES = ['zone_complaint_streak', 'agent_order_ratio', 'peak_response_rate', 'urgent_unanswered', 'escalation_risk'] as const
export type AlertRule = (typeof ALERT_RULES)[number]

export const ALERT_STATUSES = ['firing', 'acknowledged', 'resolved'] as const
export type AlertStatus = (typeof ALERT_STATUSES)[number]

export const SEVERITIES = ['critical', 'warning'] as const
export type Severity = (typeof SEVERITIES)[number]

/** How loud each rule is on the wall: anything about a waiting customer is critical. */
export const RULE_SEVERITY: Record<AlertRule, Severity> = {
  zone_complaint_streak: 'warning',
  agent_order_ratio: 'warning',
  peak_response_rate: 'critical',
  urgent_unanswered: 'critical',
  escalation_risk: 'critical',
}

/** An alert as stored (times in epoch ms, days as YYYY-MM-DD). */
export interface Alert {
  id: string
  rule: AlertRule
  subject: string
  /** The zone the alert is about ('' for platform and region alerts). */
  zone: string
  /** The region the alert belongs to ('' for platform-wide alerts). */
  region: string
  status: AlertStatus
  severity: Severity
  opened_at: number
  resolved_at: number | null
  first_day: string | null
  fired_day: string | null
  resolved_day: string | null
  value: number
  threshold: number
  ack_by: string
  ack_note: string
  ack_at: number | null
  /** Rule-specific context as JSON, e.g. the matched escalation terms. */
  details: string
}

/** What a rule reports for one subject whose condition holds now. */
export interface Finding {
  subject: string
  zone: string
  region: string
  value: number
  threshold: number
  details?: Record<string, unknown>
}

export const isOpen = (a: Alert): boolean => a.status !== 'resolved'
