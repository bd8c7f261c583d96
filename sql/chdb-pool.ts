// Several chDB sessions at one data path behind one @clickhouse/client Connection. A chDB session runs one
// statement at a time; sessions at the same path share the engine and run side by side.
// chdb-node binds query parameters one statement at a time across the whole process (its binding is not
// safe under concurrency, see node_modules/chdb/index.js), which would leave every read but one waiting.
// So the pool does not use it: it binds a statement's parameters in the session that runs it, with
// `SET param_<name> = '<value>'` (ClickHouse's session query parameters, typed by the statement's
// `{name:Type}` as on the HTTP interface), just before the statement, on a session that runs nothing else
// parameterized meanwhile. Parameterized statements thus run as many at a time as there are sessions,
// urgent ones first (sql/urgency.ts), each with the cores the others running leave it (`max_threads`), so
// that side by side they do not take more threads than the machine has.
import { availableParallelism } from 'node:os'
import type { Readable } from 'node:stream'
import { formatQueryParams } from '@clickhouse/client-common'
import { drainPending } from 'chdb'
import { createChdbConnection, type ChdbConnection, type Connection } from 'chdb/connection'
import { isUrgent } from './urgency.ts'

interface Member {
  connection: ChdbConnection
  /** the session's own settings, applied once before its first statement */
  ready: Promise<unknown>
  /** statements running on it */
  running: number
  /** whether a parameterized statement holds its parameters */
  bound: boolean
}

type Params = { query: string; query_params?: Record<string, unknown>; clickhouse_settings?: Record<string, unknown> }

/** Hands each parameterized statement a session whose parameters are free: urgent first, then in the order they came. */
class BindingTurns {
  readonly #urgent: Array<(m: Member) => void> = []
  readonly #others: Array<(m: Member) => void> = []

  constructor(readonly members: readonly Member[]) {}

  /** `call` gets the session and the threads its statement may take (threadsLeft, as it was handed the session). */
  async run<T>(call: (m: Member, threads: number) => Promise<T>): Promise<T> {
    const free = this.members.filter((m) => !m.bound)
    const member = free.length > 0 ? leastBusy(free) : await new Promise<Member>((go) => (isUrgent() ? this.#urgent : this.#others).push(go))
    const threads = threadsLeft(this.members.filter((m) => m.bound && m !== member).length)
    member.bound = true
    try {
      return await call(member, threads)
    } finally {
      const next = this.#urgent.shift() ?? this.#others.shift()
      if (next) next(member)
      else member.bound = false
    }
  }
}

/**
 * Threads for a statement starting beside `running` parameterized ones: the cores they leave, at least one.
 * Two statements that each took every core ran the clients bench's load with a third more CPU and slower
 * passes; one thread each left a lone week's read 25 % slower.
 */
function threadsLeft(running: number): number {
  return Math.max(1, CORES - running)
}

function leastBusy(members: readonly Member[]): Member {
  return members.reduce((a, b) => (b.running < a.running ? b : a))
}

/**
 * A Connection over `size` sessions at `path`: each call goes to the session with the fewest running,
 * parameterized ones to a session whose parameters are free. Closing lets every statement sent before it
 * finish: a closed session refuses new statements, and one sent may not have reached its session yet
 * (waiting for a session whose parameters are free, or between its binding and itself).
 */
export function createChdbPool(path: string, size: number): Connection<Readable> {
  const members: Member[] = Array.from({ length: size }, () => {
    const connection = createChdbConnection({ path })
    return { connection, ready: connection.command({ query: SESSION_SETTINGS }), running: 0, bound: false }
  })
  const turns = new BindingTurns(members)
  const sent = new Set<Promise<unknown>>()

  function tracked<T>(statement: Promise<T>): Promise<T> {
    sent.add(statement)
    const done = () => sent.delete(statement)
    statement.then(done, done)
    return statement
  }

  async function on<T>(member: Member, call: (c: ChdbConnection) => Promise<T>): Promise<T> {
    member.running += 1
    try {
      await member.ready
      return await call(member.connection)
    } finally {
      member.running -= 1
    }
  }

  async function send<P extends Params, T>(p: P, call: (c: ChdbConnection, p: P) => Promise<T>): Promise<T> {
    const params = p.query_params ?? {}
    unboundPlaceholder(p.query, params)
    if (Object.keys(params).length === 0) {
      const settings = { max_threads: threadsLeft(members.filter((m) => m.bound).length), ...p.clickhouse_settings }
      return on(leastBusy(members), (c) => call(c, { ...p, clickhouse_settings: settings }))
    }
    return turns.run(async (member, threads) => {
      await on(member, (c) => c.command({ query: bindStatement(params, threads) }))
      return on(member, (c) => call(c, { ...p, query_params: undefined }))
    })
  }

  async function close(): Promise<void> {
    while (sent.size > 0) await Promise.allSettled([...sent])
    for (const m of members) await m.connection.close()
    await drainPending()
  }

  return {
    query: (p) => tracked(send(p, (c, q) => c.query(q))),
    exec: (p) => tracked(send(p, (c, q) => c.exec(q))),
    command: (p) => tracked(send(p, (c, q) => c.command(q))),
    insert: (p) => tracked(on(leastBusy(members), (c) => c.insert(p))),
    ping: (p) => tracked(on(leastBusy(members), (c) => c.ping(p))),
    close,
  }
}

/**
 * A statement binding a batch's 10,000 event ids is about 400 kB, past ClickHouse's default limit of a
 * statement's text (256 KiB), which chdb-node's own binding, outside the text, never met. Every statement
 * here is the server's own, none a client's.
 */
const SESSION_SETTINGS = `SET max_query_size = ${256 * 1024 * 1024}`

/** The engine's threads at most, as ClickHouse's own `max_threads` default takes them. */
const CORES = availableParallelism()

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * `SET max_threads = n, param_a = '…', param_b = '…'`: each value formatted as the HTTP interface sends a
 * `param_<name>` (formatQueryParams, the client's own), then quoted as a string literal.
 */
function bindStatement(params: Record<string, unknown>, threads: number): string {
  const assignments = Object.entries(params).map(([name, value]) => {
    if (!PARAM_NAME.test(name)) throw new Error(`query parameter name ${JSON.stringify(name)} is not an identifier`)
    return `param_${name} = ${stringLiteral(formatQueryParams({ value }))}`
  })
  return `SET ${[`max_threads = ${threads}`, ...assignments].join(', ')}`
}

/** A ClickHouse string literal: only the backslash and the quote can end one early. */
function stringLiteral(s: string): string {
  return `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`
}

/** A `{name:Type}` placeholder, as ClickHouse parses one. */
const PLACEHOLDER = /\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*:/g
/** A statement that creates something: a parameterized view keeps its placeholders as its parameters. */
const DEFINITION = /^(\s*--[^\n]*\n)*\s*CREATE\b/i

/**
 * Throws when a statement uses a placeholder without a value: a session keeps the parameters of its earlier
 * statements, and one of those must not stand in for a missing value.
 */
function unboundPlaceholder(query: string, params: Record<string, unknown>): void {
  if (DEFINITION.test(query)) return
  for (const [, name] of query.matchAll(PLACEHOLDER)) {
    if (!(name! in params)) throw new Error(`query parameter ${name} has no value: pass it in query_params`)
  }
}
