// SPEC §6 zone risk levels computed independently in the test: the zone's complaint rate today ÷ the
// platform's (from the sent events, via kpi-oracle.ts) and the zone's open alerts as stored in ClickHouse.
import type { FastifyInstance } from 'fastify'
import { expectedKpis, type OracleSettings, type SentEvent } from './kpi-oracle.ts'

export interface StoredOpenAlert {
  rule: string
  zone: string
  region: string
}

/** The alerts that are open now, read straight from the table (latest version of each). */
export async function openAlerts(app: FastifyInstance): Promise<StoredOpenAlert[]> {
  const rs = await app.clickhouse.query({ query: "SELECT rule, zone, region FROM alerts FINAL WHERE status != 'resolved'", format: 'JSONEachRow' })
  return rs.json<StoredOpenAlert>()
}

export function expectedRisk(sent: SentEvent[], zone: string, alerts: StoredOpenAlert[], todayStart: number, now: number, s: OracleSettings): string {
  const rateOf = (inScope: (z: string) => boolean) => expectedKpis(sent, { inScope }, todayStart, now, now, s).complaint_rate
  const platform = rateOf(() => true)
  const own = rateOf((z) => z === zone)
  const r = own === null || !platform ? 0 : own / platform
  const open = (rule: string) => alerts.some((a) => a.rule === rule && a.zone === zone)
  if (r >= 2 || open('urgent_unanswered')) return 'red'
  if (r >= 1.5 || open('zone_complaint_streak')) return 'orange'
  if (r >= 1.2) return 'yellow'
  if (r >= 1) return 'blue'
  return 'normal'
}
