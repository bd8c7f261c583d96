// Zone risk levels as of now (SPEC §6): r = a zone's complaint rate today ÷ the platform's, and the zone's
// open alerts. Loaded once per request that shows colours (heatmap, drill-down); a region or city shows
// the worst level of its zones. The open alerts are the alert engine's own open set
// (server/src/alerts/store.ts), which it keeps in memory and every change passes through, rather than a
// read of every stored alert version (about 200 ms a heatmap pass under the 500-client load).
import type { ClickHouseClient } from '@clickhouse/client'
import { RISK_LEVELS, riskLevel, type RiskLevel } from '../alerts/risk.ts'
import type { ZoneRegistry } from '../zones/registry.ts'
import { businessDay, dayStart } from './business-time.ts'
import { countCells, foldCells, servesEveryScope, type CellCounts, type CellRows } from './cells.ts'
import { ratio, type KpiSettings } from './kpis.ts'
import { PLATFORM_SCOPE } from './scope.ts'

export interface OpenAlert {
  id: string
  rule: string
  subject: string
  /** '' for an alert that is not about one zone (platform, region, ticket of an unknown zone). */
  zone: string
  region: string
}

export interface ZoneRisk {
  risk: RiskLevel
  /** r of SPEC §6; null when the zone or the platform has no orders today. */
  ratio: number | null
}

export class RiskBoard {
  readonly #today: Map<string, CellCounts>
  readonly #platformRate: number | null
  readonly #alerts: readonly OpenAlert[]

  constructor(today: Map<string, CellCounts>, alerts: readonly OpenAlert[]) {
    this.#today = today
    const total = [...today.values()].reduce((a, c) => ({ tickets: a.tickets + c.tickets, orders: a.orders + c.orders }), { tickets: 0, orders: 0 })
    this.#platformRate = ratio(total.tickets, total.orders)
    this.#alerts = alerts
  }

  /** Zone ids with tickets or orders today, in the reference data or not. */
  zonesToday(): string[] {
    return [...this.#today.keys()]
  }

  zone(id: string): ZoneRisk {
    const c = this.#today.get(id)
    const rate = c ? ratio(c.tickets, c.orders) : null
    const r = rate === null || !this.#platformRate ? null : rate / this.#platformRate
    const open = (rule: string) => this.#alerts.some((a) => a.rule === rule && a.zone === id)
    return { risk: riskLevel(r, { urgentUnanswered: open('urgent_unanswered'), complaintStreak: open('zone_complaint_streak') }), ratio: r }
  }

  /** The worst level among zones; `normal` for none. */
  worst(zoneIds: Iterable<string>): RiskLevel {
    let worst = RISK_LEVELS.length - 1
    for (const id of zoneIds) worst = Math.min(worst, RISK_LEVELS.indexOf(this.zone(id).risk))
    return RISK_LEVELS[worst] ?? 'normal'
  }

  /** Open alerts about a zone in scope, plus those about the whole of `region` (e.g. agent_order_ratio). */
  openAlerts(inScope: (zone: string) => boolean, region?: string): number {
    return this.#alerts.filter((a) => (a.zone !== '' ? inScope(a.zone) : region !== undefined && a.region === region)).length
  }
}

/**
 * The risk levels now. `counted`: cells the caller has counted already; when they are the platform's per
 * zone for today so far (the live hub's heatmap pass, a platform heatmap of today), the zones' counts are
 * folded from them instead of counted again.
 */
export async function loadRiskBoard(
  client: ClickHouseClient,
  registry: ZoneRegistry,
  settings: KpiSettings,
  now: number,
  alerts: readonly OpenAlert[],
  counted?: CellRows,
): Promise<RiskBoard> {
  const tz = settings.TZ_BUSINESS
  const window = { from: dayStart(businessDay(now, tz), tz), to: now }
  const view = { scope: PLATFORM_SCOPE, window, x: 'zone', y: null, settings, now } as const
  const today = counted && servesEveryScope(counted) && counted.request.window.from === window.from && counted.request.window.to === window.to
  const cells = today ? foldCells(counted, view, registry) : await countCells(client, registry, view)
  return new RiskBoard(new Map(cells.map((c) => [c.x, c.counts])), alerts)
}
