// The storage connection: embedded chDB by default, a ClickHouse server when CLICKHOUSE_URL is set. Both
// are the same @clickhouse/client API, so every query runs unchanged on either.
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { createClient, type ClickHouseClient } from '@clickhouse/client'
import { createChdbPool } from './chdb-pool.ts'

// chdb/connection is typed against its own copy of @clickhouse/client-common; the shapes are identical.
type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>

export interface StorageOptions {
  dataDir: string
  url?: string | undefined
  user?: string
  password?: string
  database?: string
  /** Embedded only: chDB sessions at the data path, which run statements side by side (chdb-pool.ts). */
  sessions?: number
}

export interface Storage {
  client: ClickHouseClient
  kind: 'embedded' | 'server'
  close(): Promise<void>
}

// Counts come back as JSON numbers, not the quoted strings ClickHouse uses for 64-bit integers by default.
const clickhouse_settings = { output_format_json_quote_64bit_integers: 0 } as const

export async function openStorage(opts: StorageOptions): Promise<Storage> {
  if (opts.url) return openServer(opts.url, opts)
  const path = resolve(opts.dataDir, 'clickhouse')
  mkdirSync(path, { recursive: true })
  // chDB binds one data directory per process; the embedded engine uses its `default` database.
  const connection = createChdbPool(path, opts.sessions ?? DEFAULT_SESSIONS)
  const client = createClient({ connection: connection as unknown as ClientConnection, clickhouse_settings })
  return {
    client,
    kind: 'embedded',
    close: async () => {
      await mutationsDone(client, CLOSE_WAIT_MS)
      await client.close()
    },
  }
}

async function openServer(url: string, opts: StorageOptions): Promise<Storage> {
  const auth = { username: opts.user ?? 'default', password: opts.password ?? '' }
  const database = opts.database ?? 'radar'
  // The database must exist before a client can name it as its default.
  const bootstrap = createClient({ url, ...auth })
  try {
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` })
  } finally {
    await bootstrap.close()
  }
  const client = createClient({ url, ...auth, database, clickhouse_settings })
  return { client, kind: 'server', close: () => client.close() }
}

/** One session per core of the machine this was tuned on: a third only time-slices the same two cores. */
const DEFAULT_SESSIONS = 2

/** How long closing the embedded engine waits for its background mutations. */
const CLOSE_WAIT_MS = 10_000

/**
 * Waits until no mutation is running (the writer's background deletes of early lifecycles, which also
 * rebuild ticket_summary's projection), at most `limitMs`: the embedded engine is torn down with the process
 * and must not be in the middle of rewriting a part.
 */
function mutationsDone(client: ClickHouseClient, limitMs: number): Promise<void> {
  return untilNone(client, 'SELECT count() AS n FROM system.mutations WHERE NOT is_done', limitMs, 100)
}

/** Polls a `SELECT count() AS n` every `everyMs` until it counts 0, at most `limitMs`. */
export async function untilNone(client: ClickHouseClient, countQuery: string, limitMs: number, everyMs: number): Promise<void> {
  const until = Date.now() + limitMs
  while (Date.now() < until) {
    const rs = await client.query({ query: countQuery, format: 'JSONEachRow' })
    if (Number((await rs.json<{ n: number }>())[0]?.n ?? 0) === 0) return
    await new Promise((r) => setTimeout(r, everyMs))
  }
}
