// Open alerts as the dashboard keeps them: the live snapshot's list, updated by `alerts` frames that carry
// only what changed (SPEC §7), newest first; and the words that say what an alert is about.
import { formatDuration, formatKpi, formatList } from './format.ts'
import type { MessageKey, Params } from './i18n.ts'
import type { Alert, Zone } from './types.ts'

/** Applies changed alerts: new and updated ones replace their old selves, resolved ones leave. */
export function mergeAlerts(current: readonly Alert[], changed: readonly Alert[]): Alert[] {
  const byId = new Map(current.map((a) => [a.id, a]))
  for (const a of changed) {
    if (a.status === 'resolved') byId.delete(a.id)
    else byId.set(a.id, a)
  }
  return newestFirst([...byId.values()])
}

/** Newest first; among alerts opened at the same instant critical first, then by id so the order is stable. */
export function newestFirst(alerts: Alert[]): Alert[] {
  const rank = (a: Alert) => (a.severity === 'critical' ? 0 : 1)
  return alerts.sort((a, b) => Date.parse(b.opened_at) - Date.parse(a.opened_at) || rank(a) - rank(b) || (a.id < b.id ? -1 : 1))
}

export type Translate = (key: MessageKey, params?: Params) => string

/** Where an alert is: the zone's name and city, the region, or the whole platform. */
export function alertPlace(a: Alert, zones: ReadonlyMap<string, Zone>, t: Translate): string {
  if (a.zone) {
    const z = zones.get(a.zone)
    return z ? `${z.city} · ${z.name}` : a.zone
  }
  return a.region ?? t('scope.platform')
}

/** One line on what an alert found, e.g. 工单 T1-… 提及“起诉”. */
export function alertDetail(a: Alert, locale: string, t: Translate): string {
  switch (a.rule) {
    case 'zone_complaint_streak':
      return t('alert.detail.zone_complaint_streak', { since: a.first_day ?? '', ratio: formatKpi(locale, 'score', a.value) })
    case 'agent_order_ratio':
      return t('alert.detail.agent_order_ratio', { value: formatKpi(locale, 'ratio', a.value), threshold: formatKpi(locale, 'ratio', a.threshold) })
    case 'peak_response_rate':
      return t('alert.detail.peak_response_rate', { value: formatKpi(locale, 'rate', a.value), threshold: formatKpi(locale, 'rate', a.threshold, 0) })
    case 'urgent_unanswered':
      return t('alert.detail.urgent_unanswered', { ticket: a.subject, threshold: formatDuration(locale, a.threshold) })
    case 'escalation_risk':
      return t('alert.detail.escalation_risk', { ticket: a.subject, terms: formatList(locale, a.details?.terms ?? []) })
  }
}
