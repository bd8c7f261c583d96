// Where sql/queries/kpi_tickets.sql spends its time: variants taken from the query's own text (so they
// follow the query when it changes), each run with the query's own parameters.
import type { ClickHouseClient } from '@clickhouse/client'
import { namedQuery } from '../sql/queries.ts'

export interface Variant {
  name: string
  sql: string
}

/**
 * Variants of kpi_tickets.sql as a read runs it (with its fragment `swap`), cheapest first; all take the
 * query's own parameters. The whole query is always there.
 */
export function kpiTicketVariants(swap: Readonly<Record<string, string>>): Variant[] {
  const text = namedQuery('kpi_tickets', swap)
  const variants: Variant[] = []
  // ClickHouse's analysis and planning of the query alone: most of its time once the data it reads is small
  variants.push({ name: 'planning alone (EXPLAIN PLAN of the whole query)', sql: `EXPLAIN PLAN ${text}` })
  variants.push({ name: 'whole query (as the server runs it)', sql: text })
  return variants
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
