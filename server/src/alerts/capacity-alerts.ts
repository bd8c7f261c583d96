// The rules about the present state of the platform and each region (SPEC §6): agent_order_ratio
// (orders_per_agent above the standard) and peak_response_rate (inside a peak window, instant response
// over the last 30 minutes' tickets below target). Both reuse the KPI definitions of server/src/kpi/kpis.ts.
import type { ClickHouseClient } from '@clickhouse/client'
import type { Principal } from '../auth/principals.ts'
import { ordersPerAgent, overallTicketKpis, ticketKpiRows, type KpiSettings } from '../kpi/kpis.ts'
import { resolveScope, type Scope } from '../kpi/scope.ts'
import { isPeak } from '../kpi/peak.ts'
import type { ZoneRegistry } from '../zones/registry.ts'
import type { AlertStore } from './store.ts'
import type { Alert, AlertRule, Finding } from './types.ts'

export interface CapacitySettings extends KpiSettings {
  ratioMax: number
  peakRateMin: number
  peakMinTickets: number
}

const LOOKBACK_MS = 30 * 60_000
const ENGINE: Principal = { name: 'alert-engine', role: 'admin' }
export const PLATFORM = 'platform'

export class CapacityAlerts {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly store: AlertStore,
    private readonly zones: ZoneRegistry,
    private readonly settings: CapacitySettings,
  ) {}

  async evaluate(now: number): Promise<Alert[]> {
    const subjects = [PLATFORM, ...this.zones.regions()]
    const results = await Promise.all(subjects.map((s) => this.#evaluateSubject(s, now)))
    const changed = results.flat()
    await this.store.save(changed)
    return changed
  }

  async #evaluateSubject(subject: string, now: number): Promise<Alert[]> {
    const scope: Scope = resolveScope(subject === PLATFORM ? {} : { region: subject }, this.zones, ENGINE)
    const region = subject === PLATFORM ? '' : subject
    const s = this.settings
    const ratio = await ordersPerAgent(this.client, scope, now)
    const changed = [
      this.#apply('agent_order_ratio', ratio.value !== null && ratio.value > s.ratioMax, ratio.value !== null && ratio.value <= s.ratioMax, {
        subject, zone: '', region, value: ratio.value ?? 0, threshold: s.ratioMax,
      }, now),
    ]
    const inPeak = isPeak(now, s)
    if (inPeak || this.store.findOpen('peak_response_rate', subject)) {
      const peak = overallTicketKpis(await ticketKpiRows(this.client, scope, { from: now - LOOKBACK_MS, to: now }, s, now))
      const rate = peak.instant_response_rate
      const tickets = peak.tickets ?? 0
      const fires = inPeak && rate !== null && rate < s.peakRateMin && tickets >= s.peakMinTickets
      changed.push(this.#apply('peak_response_rate', fires, !inPeak || (rate !== null && rate >= s.peakRateMin), {
        subject, zone: '', region, value: rate ?? 0, threshold: s.peakRateMin, details: { tickets },
      }, now))
    }
    return changed.filter((a): a is Alert => a !== undefined)
  }

  /** Opens, updates the value of, or resolves the one alert of a rule and subject. */
  #apply(rule: AlertRule, fires: boolean, clears: boolean, f: Finding, now: number): Alert | undefined {
    const open = this.store.findOpen(rule, f.subject)
    if (!open) return fires ? this.store.newAlert(rule, f, now) : undefined
    if (clears) return { ...open, status: 'resolved', resolved_at: now, value: f.value }
    // Values are re-saved only when they move noticeably, so a steady alert does not write every tick.
    return Math.abs(open.value - f.value) > 0.01 * Math.max(1, Math.abs(open.value)) ? { ...open, value: f.value } : undefined
  }
}
