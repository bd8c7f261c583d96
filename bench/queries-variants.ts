// Where sql/queries/kpi_tickets.sql spends its time: variants cut from the query's own text at its CTEs (so
// they follow the query when it changes), each run with the query's own parameters. A variant whose cut
// point is missing (the query changed shape) is left out, not failed.
import type { ClickHouseClient } from '@clickhouse/client'
import { namedQuery } from '../sql/queries.ts'

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
  const perTicket = upTo('\n    t AS (')
  if (perTicket) variants.push({ name: 'tickets in the window with their state, one row each (the `per_ticket` CTE alone)', sql: `${perTicket}\nSELECT count() AS n, sum(handoffs) AS h FROM per_ticket` })
  const breakdowns = /GROUP BY GROUPING SETS \([\s\S]*?\)\)\n/
  if (breakdowns.test(text)) variants.push({ name: 'whole query, overall row only (no breakdowns)', sql: text.replace(breakdowns, 'GROUP BY GROUPING SETS ((scope))\n') })
  variants.push({ name: 'whole query (as the server runs it)', sql: text })
  return variants.filter((v): v is Variant => v !== undefined)
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
