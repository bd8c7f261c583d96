// What the two ingest runs (HTTP and raw-insert ceiling) have in common: the figures each reports and the
// "stored exactly once" count read back from the events table.
import type { ClickHouseClient } from '@clickhouse/client'
import type { Check } from './child.ts'

export interface RunStats {
  events: number
  batches: number
  /** From the first send to the last answer (HTTP) or around the inserts only (ceiling). */
  wallMs: number
  eventsPerSec: number
  /** User + system CPU of the whole process during the timed part, all threads (chDB's included). */
  cpuMs: number
  /** The process's peak so far (a later ceiling mode inherits the earlier ones' peak). */
  peakRssBytes: number
  checks: Check[]
}

/** Rows in `events` and distinct event ids among them. */
export async function countStored(client: ClickHouseClient): Promise<{ rows: number; ids: number }> {
  const rs = await client.query({ query: 'SELECT count() AS rows, uniqExact(event_id) AS ids FROM events', format: 'JSONEachRow' })
  const [row] = await rs.json<{ rows: number | string; ids: number | string }>()
  return { rows: Number(row?.rows ?? 0), ids: Number(row?.ids ?? 0) }
}

/** Lines in an NDJSON buffer (a last line without its newline counts). */
export function lineCount(buf: Buffer): number {
  let n = 0
  for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) n++
  return buf.length > 0 && buf[buf.length - 1] !== 0x0a ? n + 1 : n
}
