// Applies sql/migrations/NNNN_<name>.sql in order at start-up and records each in `schema_migrations`.
// Every statement in a migration is idempotent, so a migration interrupted half-way is simply re-run.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ClickHouseClient } from '@clickhouse/client'

const dir = join(import.meta.dirname, 'migrations')

export interface Migration {
  version: number
  name: string
  statements: string[]
}

export function readMigrations(): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ''),
      statements: splitStatements(readFileSync(join(dir, file), 'utf8')),
    }))
}

/** Splits on the `;` that ends a line; comment lines are dropped. */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.split('\n').filter((line) => !line.trim().startsWith('--')).join('\n').trim())
    .filter(Boolean)
}

/** Applies every pending migration, or those up to version `through` (an upgrade test builds an older schema). */
export async function migrate(client: ClickHouseClient, through = Number.POSITIVE_INFINITY): Promise<string[]> {
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS schema_migrations
            (version UInt32, name String, applied_at DateTime DEFAULT now())
            ENGINE = MergeTree ORDER BY version`,
  })
  const done = await client.query({ query: 'SELECT version FROM schema_migrations', format: 'JSONEachRow' })
  const applied = new Set((await done.json<{ version: number }>()).map((r) => r.version))
  const ran: string[] = []
  for (const m of readMigrations().filter((m) => !applied.has(m.version) && m.version <= through)) {
    for (const query of m.statements) await client.command({ query })
    await client.insert({ table: 'schema_migrations', values: [{ version: m.version, name: m.name }], format: 'JSONEachRow' })
    ran.push(m.name)
  }
  return ran
}
