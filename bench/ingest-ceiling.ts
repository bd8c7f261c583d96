// Ingest benchmark, ceiling run (a child process: it owns a chDB engine). Migrates the real schema on a fresh
// data directory and inserts the already-validated rows straight into `events` — same table, same
// materialized views, so the storage work is identical to the HTTP run — with no HTTP, validation or
// de-duplication. Three ways, each on emptied tables:
//   raw     chDB raw `INSERT INTO events FORMAT JSONEachRow` of each 5,000-row batch, in turn (the ceiling)
//   single  the same, all rows in one INSERT
//   client  @clickhouse/client `insert({values: rows})` per batch: the call the app's writer makes
// Usage: tsx bench/ingest-ceiling.ts <rows.ndjson> <dataDir> <batchSize>
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createClient, type ClickHouseClient } from '@clickhouse/client'
import { createChdbConnection, type ChdbConnection } from 'chdb/connection'
import { migrate } from '../sql/migrate.ts'
import { childMain, reportResult } from './child.ts'
import { readBatches } from './ingest-events.ts'
import { countStored, lineCount, type RunStats } from './ingest-shared.ts'
import { equalCheck } from './report.ts'

// As in sql/client.ts: chdb/connection is typed against its own copy of @clickhouse/client-common.
type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>

const CEILING_MODES = ['raw', 'single', 'client'] as const
export type CeilingMode = (typeof CEILING_MODES)[number]

export interface CeilingResult {
  engineVersion: string
  runs: Record<CeilingMode, RunStats>
}

childMain(async () => {
  const [rowsPath = '', dataDir = '', batchArg = '5000'] = process.argv.slice(2)
  const batches = readBatches(rowsPath, Number(batchArg))
  const path = join(dataDir, 'clickhouse')
  mkdirSync(path, { recursive: true })
  const connection = createChdbConnection({ path })
  const client = createClient({
    connection: connection as unknown as ClientConnection,
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  })
  await migrate(client)
  const engineVersion = String((await (await client.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' })).json<{ v: string }>())[0]?.v)

  const runs = {} as Record<CeilingMode, RunStats>
  for (const mode of CEILING_MODES) {
    await emptyTables(client)
    runs[mode] = await measure(batches, insertsFor(mode, connection, client, batches), client)
  }
  await client.close()
  await reportResult<CeilingResult>({ engineVersion, runs })
})

/** The timed work of one mode; anything prepared outside the returned function is not timed. */
function insertsFor(mode: CeilingMode, connection: ChdbConnection, client: ClickHouseClient, batches: Buffer[]): () => Promise<void> {
  const raw = (values: Buffer) => connection.chdb.rawInsert({ table: 'events', format: 'JSONEachRow', values })
  if (mode === 'single') {
    const all = Buffer.concat(batches)
    return async () => void (await raw(all))
  }
  if (mode === 'client') {
    // Parsed up front: the writer receives rows as objects too.
    const rows = batches.map((b) => b.toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>))
    return async () => {
      for (const values of rows) await client.insert({ table: 'events', values, format: 'JSONEachRow' })
    }
  }
  return async () => {
    for (const batch of batches) await raw(batch)
  }
}

async function measure(batches: Buffer[], inserts: () => Promise<void>, client: ClickHouseClient): Promise<RunStats> {
  const events = batches.reduce((n, b) => n + lineCount(b), 0)
  const cpuBefore = process.cpuUsage()
  const start = performance.now()
  await inserts()
  const wallMs = performance.now() - start
  const cpu = process.cpuUsage(cpuBefore)
  const stored = await countStored(client)
  return {
    events,
    batches: batches.length,
    wallMs,
    eventsPerSec: events / (wallMs / 1000),
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    checks: [equalCheck('rows in events', stored.rows, events), equalCheck('distinct event_id in events', stored.ids, events)],
  }
}

/** Empties every table (materialized-view targets included) so each mode starts from the same state. */
async function emptyTables(client: ClickHouseClient): Promise<void> {
  const rs = await client.query({
    query: `SELECT name FROM system.tables
            WHERE database = currentDatabase() AND engine LIKE '%MergeTree' AND name != 'schema_migrations'`,
    format: 'JSONEachRow',
  })
  for (const { name } of await rs.json<{ name: string }>()) await client.command({ query: `TRUNCATE TABLE ${name}` })
}
