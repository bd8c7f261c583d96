// Where sql/queries/kpi_tickets.sql spends its time: variants cut from the query's own text at its CTEs (so
// they follow the query when it changes), each run with the query's own parameters. A variant whose cut
// point is missing (the query changed shape) is left out, not failed.
import type { ClickHouseClient } from '@clickhouse/client'
import { namedQuery, sqlTime } from '../sql/queries.ts'
import { zoneParams, type KpiSettings } from '../server/src/kpi/kpis.ts'
import type { Scope } from '../server/src/kpi/scope.ts'
import type { Window } from '../server/src/kpi/window.ts'

export interface Variant {
  name: string
  sql: string
}

/** Variants of kpi_tickets.sql, cheapest first; all take the query's own parameters. The whole query is always there. */
export function kpiTicketVariants(): Variant[] {
  const text = namedQuery('kpi_tickets')
  const upTo = (marker: string) => {
    const at = text.indexOf(marker)
    return at < 0 ? undefined : text.slice(0, at).trimEnd().replace(/,$/, '')
  }
  const variants: Array<Variant | undefined> = []
  const created = upTo('\n    life AS (')
  if (created) variants.push({ name: 'tickets in the window, one row each (the `created` CTE alone)', sql: `${created}\nSELECT count() AS n FROM created` })
  const life = upTo('\n    t AS (')
  if (life) variants.push({ name: '+ their lifecycle state (the `life` CTE)', sql: `${life}\nSELECT count() AS n, sum(handoffs) AS h FROM life` })
  const overall = /ARRAY JOIN \[[\s\S]*?\] AS g/
  if (overall.test(text)) variants.push({ name: 'whole query, overall row only (no breakdown ARRAY JOIN)', sql: text.replace(overall, "ARRAY JOIN [('all', '')] AS g") })
  variants.push({ name: 'whole query (as the server runs it)', sql: text })
  return variants.filter((v): v is Variant => v !== undefined)
}

/** The parameters kpi_tickets.sql takes, bound as server/src/kpi/kpis.ts binds them. */
export function kpiTicketParams(scope: Scope, window: Window, settings: KpiSettings, now: number): Record<string, unknown> {
  return {
    ...zoneParams(scope),
    from: sqlTime(window.from),
    to: sqlTime(window.to),
    now: sqlTime(now),
    tz: settings.TZ_BUSINESS,
    peak_starts: settings.PEAK_WINDOWS.map(([s]) => s),
    peak_ends: settings.PEAK_WINDOWS.map(([, e]) => e),
    promo_days: settings.PROMOTION_DAYS,
    coupon_cny: settings.COUPON_CNY,
  }
}

export interface VariantRun {
  rows: unknown[]
  /** What ClickHouse read for it (uncompressed). */
  rowsRead: number
  bytesRead: number
}

export async function runVariant(client: ClickHouseClient, sql: string, params: Record<string, unknown>): Promise<VariantRun> {
  const rs = await client.query({ query: sql, query_params: params, format: 'JSON' })
  const body = await rs.json<{ data: unknown[]; statistics?: { rows_read?: number; bytes_read?: number } }>()
  return { rows: body.data, rowsRead: Number(body.statistics?.rows_read ?? Number.NaN), bytesRead: Number(body.statistics?.bytes_read ?? Number.NaN) }
}
