// Several chDB sessions at one data path behind one @clickhouse/client Connection. A chDB session runs one
// statement at a time; sessions at the same path share the engine and run side by side. chdb-node still
// runs statements with query parameters one at a time across the process (its parameter binding is not
// safe under concurrency yet, see node_modules/chdb/index.js), so what the pool buys is inserts and other
// unparameterized statements running next to the reads: the writer no longer holds up a live KPI pass.
// The pool sends parameterized statements on one at a time itself, urgent ones first (sql/urgency.ts).
import type { Readable } from 'node:stream'
import { drainPending } from 'chdb'
import { createChdbConnection, type ChdbConnection, type Connection } from 'chdb/connection'
import { isUrgent } from './urgency.ts'

interface Member {
  connection: ChdbConnection
  running: number
}

/** One at a time, urgent first, then in the order they came. */
class ParameterizedTurns {
  #busy = false
  readonly #urgent: Array<() => void> = []
  readonly #others: Array<() => void> = []

  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.#busy) await new Promise<void>((go) => (isUrgent() ? this.#urgent : this.#others).push(go))
    this.#busy = true
    try {
      return await call()
    } finally {
      const next = this.#urgent.shift() ?? this.#others.shift()
      if (next) next()
      else this.#busy = false
    }
  }
}

type Params = { query_params?: Record<string, unknown> }
const parameterized = (p: Params) => p.query_params !== undefined && Object.keys(p.query_params).length > 0

/**
 * A Connection over `size` sessions at `path`: each call goes to the session with the fewest running,
 * parameterized ones in their turn. Closing lets running statements finish (chDB defers a session's
 * teardown until they drain).
 */
export function createChdbPool(path: string, size: number): Connection<Readable> {
  const members: Member[] = Array.from({ length: size }, () => ({ connection: createChdbConnection({ path }), running: 0 }))
  const turns = new ParameterizedTurns()

  function send<T>(p: Params, call: (c: ChdbConnection) => Promise<T>): Promise<T> {
    return parameterized(p) ? turns.run(() => onLeastBusy(call)) : onLeastBusy(call)
  }

  async function onLeastBusy<T>(call: (c: ChdbConnection) => Promise<T>): Promise<T> {
    const member = members.reduce((a, b) => (b.running < a.running ? b : a))
    member.running += 1
    try {
      return await call(member.connection)
    } finally {
      member.running -= 1
    }
  }

  async function close(): Promise<void> {
    for (const m of members) await m.connection.close()
    await drainPending()
  }

  return {
    query: (p) => send(p, (c) => c.query(p)),
    exec: (p) => send(p, (c) => c.exec(p)),
    command: (p) => send(p, (c) => c.command(p)),
    insert: (p) => send(p, (c) => c.insert(p)),
    ping: (p) => send({}, (c) => c.ping(p)),
    close,
  }
}
