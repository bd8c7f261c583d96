// Wraps a ClickHouse client's `insert` and `query` to add up the wall time spent in each kind of call, so a
// benchmark can say where a request's time went without touching the server code. Calls may overlap (the
// alert engine queries while the writer inserts), so the sums can exceed the run's wall time.
import type { ClickHouseClient } from '@clickhouse/client'
import { queryName } from '../sql/queries.ts'

export interface CallTotals {
  label: string
  calls: number
  ms: number
}

export class StorageTimer {
  readonly #totals = new Map<string, CallTotals>()

  /** Instruments `client` in place; call before the client is handed to the app. */
  constructor(client: ClickHouseClient) {
    const insert = client.insert.bind(client)
    const query = client.query.bind(client)
    client.insert = ((params: Parameters<typeof insert>[0]) => this.#time(`insert ${params.table}`, () => insert(params))) as typeof client.insert
    client.query = ((params: Parameters<typeof query>[0]) => this.#time(`query ${queryLabel(params.query)}`, () => query(params))) as typeof client.query
  }

  /** Forgets what was recorded so far (start-up work such as migrations). */
  reset(): void {
    this.#totals.clear()
  }

  /** Totals, largest first. */
  totals(): CallTotals[] {
    return [...this.#totals.values()].sort((a, b) => b.ms - a.ms)
  }

  async #time<T>(label: string, call: () => Promise<T>): Promise<T> {
    const start = performance.now()
    try {
      return await call()
    } finally {
      const t = this.#totals.get(label) ?? { label, calls: 0, ms: 0 }
      t.calls++
      t.ms += performance.now() - start
      this.#totals.set(label, t)
    }
  }
}

/** A named query's name (sql/queries/<name>.sql), else the first table it reads, e.g. "FROM event_ids". */
function queryLabel(sql: string): string {
  const name = queryName(sql)
  if (name) return name
  const code = sql.replace(/--.*$/gm, '')
  const from = /\bFROM\s+([A-Za-z_][A-Za-z0-9_.]*)/i.exec(code)
  return from ? `FROM ${from[1]}` : code.replace(/\s+/g, ' ').trim().slice(0, 40)
}
