// The embedded storage's sessions (sql/chdb-pool.ts): an insert is not held up behind a long read, what
// one session writes the others read at once, urgent statements go before those already waiting, and
// closing waits for a running statement.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { openStorage } from '../../../sql/client.ts'
import { urgently } from '../../../sql/urgency.ts'
import { removeDataDir } from '../../helpers/app.ts'

const dir = mkdtempSync(join(tmpdir(), 'radar-pool-'))
afterAll(() => removeDataDir(dir))

/** A parameterized read that keeps a session busy for about a second. */
const SLOW = { query: 'SELECT sum(cityHash64(number)) AS s FROM numbers({n:UInt64}) SETTINGS max_threads = 1', query_params: { n: 1_000_000_000 }, format: 'JSONEachRow' } as const

it('writes alongside a long read, and the write is visible to the next read', async () => {
  const storage = await openStorage({ dataDir: dir, sessions: 2 })
  try {
    await storage.client.command({ query: 'CREATE TABLE t (x UInt32) ENGINE = MergeTree ORDER BY x' })
    const order: string[] = []
    const read = storage.client.query(SLOW).then(() => order.push('read'))
    // the read is under way before the write is sent
    await new Promise((resolve) => setTimeout(resolve, 100))
    const write = storage.client.insert({ table: 't', values: [{ x: 1 }, { x: 2 }], format: 'JSONEachRow' }).then(() => order.push('write'))
    await Promise.all([read, write])
    expect(order).toEqual(['write', 'read'])
    const rs = await storage.client.query({ query: 'SELECT count() AS n FROM t', format: 'JSONEachRow' })
    expect(await rs.json()).toEqual([{ n: 2 }])
  } finally {
    await storage.close()
  }
})

it('sends an urgent parameterized statement before the ones already waiting', async () => {
  const storage = await openStorage({ dataDir: dir, sessions: 2 })
  try {
    const order: string[] = []
    const read = (label: string) => storage.client.query({ query: 'SELECT {n:UInt8} AS n', query_params: { n: 1 }, format: 'JSONEachRow' }).then(() => void order.push(label))
    const busy = storage.client.query(SLOW).then(() => void order.push('slow'))
    const waiting = [read('first'), read('second')]
    const urgent = urgently(() => read('urgent'))
    await Promise.all([busy, ...waiting, urgent])
    expect(order).toEqual(['slow', 'urgent', 'first', 'second'])
  } finally {
    await storage.close()
  }
})

it('closes only once the running statements are done', async () => {
  const storage = await openStorage({ dataDir: dir, sessions: 2 })
  const read = storage.client.query(SLOW).then((rs) => rs.json<{ s: number }>())
  await storage.close()
  const [row] = await read
  expect(row!.s).toBeGreaterThan(0)
})
