// Several chDB sessions at one data path behind one @clickhouse/client Connection. A chDB session runs one
// statement at a time; sessions at the same path share the engine and run side by side. chdb-node still
// runs statements with query parameters one at a time across the process (its parameter binding is not
// safe under concurrency yet, see node_modules/chdb/index.js), so what the pool buys is inserts and other
// unparameterized statements running next to the reads: the writer no longer holds up a live KPI pass.
import type { Readable } from 'node:stream'
import { drainPending } from 'chdb'
import { createChdbConnection, type ChdbConnection, type Connection } from 'chdb/connection'

interface Member {
  connection: ChdbConnection
  running: number
}

/**
 * A Connection over `size` sessions at `path`: each call goes to the session with the fewest running.
 * Closing lets running statements finish (chDB defers a session's teardown until they drain).
 */
export function createChdbPool(path: string, size: number): Connection<Readable> {
  const members: Member[] = Array.from({ length: size }, () => ({ connection: createChdbConnection({ path }), running: 0 }))

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
    query: (p) => onLeastBusy((c) => c.query(p)),
    exec: (p) => onLeastBusy((c) => c.exec(p)),
    command: (p) => onLeastBusy((c) => c.command(p)),
    insert: (p) => onLeastBusy((c) => c.insert(p)),
    ping: (p) => onLeastBusy((c) => c.ping(p)),
    close,
  }
}
