// Named queries: sql/queries/<name>.sql, with ClickHouse query parameters ({name:Type}) bound by the
// server. Loaded once and cached; a missing file is a programming error and throws at first use.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ClickHouseClient } from '@clickhouse/client'

const dir = join(import.meta.dirname, 'queries')
const cache = new Map<string, string>()

export function namedQuery(name: string): string {
  let text = cache.get(name)
  if (text === undefined) {
    text = readFileSync(join(dir, `${name}.sql`), 'utf8')
    cache.set(name, text)
  }
  return text
}

/** Runs a named query and returns its rows. */
export async function runQuery<T>(
  client: ClickHouseClient,
  name: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const result = await client.query({ query: namedQuery(name), query_params: params, format: 'JSONEachRow' })
  return result.json<T>()
}

/**
 * A DateTime64(3) query parameter for an instant in epoch ms. Spelled as seconds with a fraction because
 * ClickHouse reads a bare integer parameter as seconds or milliseconds depending on how many digits it has.
 */
export function sqlTime(ms: number): string {
  return (ms / 1000).toFixed(3)
}
