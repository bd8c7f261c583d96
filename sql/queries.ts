// Named queries: sql/queries/<name>.sql, with ClickHouse query parameters ({name:Type}) bound by the
// server. Loaded once and cached; a missing file is a programming error and throws at first use.
// A definition several queries share lives in sql/fragments/<name>.sql, and a query takes it in with a line
// `-- include: <name>` inside parentheses, where a subquery goes. Fragments are written out in place rather
// than kept as parameterized views: ClickHouse analyses and plans a parameterized view's text again at every
// read, at about twice the cost of the same text in the query itself, and planning is most of the time of
// the KPI queries. A query can also be loaded with a fragment swapped for another that yields the same
// columns (a read that needs less of the definition, planned faster).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ClickHouseClient } from '@clickhouse/client'

const queriesDir = join(import.meta.dirname, 'queries')
const fragmentsDir = join(import.meta.dirname, 'fragments')
const cache = new Map<string, string>()
const names = new Map<string, string>()
const INCLUDE = /^[ \t]*-- include: ([a-z0-9_]+)[ \t]*$/gm

/** A named query's text; `swap` names fragments to include in place of others (`{ included: instead }`). */
export function namedQuery(name: string, swap: Readonly<Record<string, string>> = {}): string {
  const key = JSON.stringify([name, swap])
  let text = cache.get(key)
  if (text === undefined) {
    text = withFragments(readFileSync(join(queriesDir, `${name}.sql`), 'utf8'), [name], swap)
    cache.set(key, text)
    names.set(text, name)
  }
  return text
}

/** The name of a named query from its text, if this process has loaded it (for measuring where time goes). */
export function queryName(text: string): string | undefined {
  return names.get(text)
}

/** The text with every `-- include: <fragment>` line replaced by that fragment, itself with its includes. */
function withFragments(text: string, path: string[], swap: Readonly<Record<string, string>>): string {
  return text.replace(INCLUDE, (_, included: string) => {
    const fragment = swap[included] ?? included
    if (path.includes(fragment)) throw new Error(`sql/fragments/${fragment}.sql includes itself (${[...path, fragment].join(' → ')})`)
    const body = readFileSync(join(fragmentsDir, `${fragment}.sql`), 'utf8').trimEnd()
    return withFragments(body, [...path, fragment], swap)
  })
}

/** Runs a named query and returns its rows. */
export async function runQuery<T>(
  client: ClickHouseClient,
  name: string,
  params: Record<string, unknown> = {},
  swap: Readonly<Record<string, string>> = {},
): Promise<T[]> {
  const result = await client.query({ query: namedQuery(name, swap), query_params: params, format: 'JSONEachRow' })
  return result.json<T>()
}

/**
 * A DateTime64(3) query parameter for an instant in epoch ms. Spelled as seconds with a fraction because
 * ClickHouse reads a bare integer parameter as seconds or milliseconds depending on how many digits it has.
 */
export function sqlTime(ms: number): string {
  return (ms / 1000).toFixed(3)
}
