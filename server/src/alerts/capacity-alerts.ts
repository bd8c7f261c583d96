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

  /** Every subject (the platform and each region) at once: one query per KPI however many regions. */
  async evaluate(now: number): Promise<Alert[]> {
    const subjects = [PLATFORM, ...this.zones.regions()]
    const scopes: Scope[] = subjects.map((subject) => resolveScope(subject === PLATFORM ? {} : { region: subject }, this.zones, ENGINE))
    const s = this.settings
    const ratios = await ordersPerAgent(this.client, scopes, now)
    const changed = subjects.map((subject, i) => {
      const value = ratios[i]!.value
      return this.#apply('agent_order_ratio', value !== null && value > s.ratioMax, value !== null && value <= s.ratioMax, finding(subject, value ?? 0, s.ratioMax), now)
    })
    const inPeak = isPeak(now, s)
    const watched = subjects.map((subject, i) => ({ subject, scope: scopes[i]! })).filter((x) => inPeak || this.store.findOpen('peak_response_rate', x.subject))
    if (watched.length > 0) {
      const rows = await ticketKpiRows(this.client, watched.map((x) => x.scope), { from: now - LOOKBACK_MS, to: now }, s, now, [])
      watched.forEach(({ subject }, i) => {
        const peak = overallTicketKpis(rows[i]!)
        const rate = peak.instant_response_rate
        const tickets = peak.tickets ?? 0
        const fires = inPeak && rate !== null && rate < s.peakRateMin && tickets >= s.peakMinTickets
        const clears = !inPeak || (rate !== null && rate >= s.peakRateMin)
        changed.push(this.#apply('peak_response_rate', fires, clears, { ...finding(subject, rate ?? 0, s.peakRateMin), details: { tickets } }, now))
      })
    }
    const saved = changed.filter((a): a is Alert => a !== undefined)
    this.store.save(saved)
    return saved
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

function finding(subject: string, value: number, threshold: number): Finding {
  return { subject, zone: '', region: subject === PLATFORM ? '' : subject, value, threshold }
}
