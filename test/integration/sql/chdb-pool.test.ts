// The embedded storage's sessions (sql/chdb-pool.ts): an insert is not held up behind a long read, what
// one session writes the others read at once, parameterized reads run side by side with their own values
// and the cores the others leave them, urgent statements go before those already waiting, and closing
// waits for the statements sent before it, running or still waiting for a session.
import { mkdtempSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
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

/** A parameterized read that keeps a session busy for about a second per billion numbers. */
const slow = (n: number) => ({ ...SLOW, query_params: { n } })

it('runs parameterized statements side by side, one per session', async () => {
  const storage = await openStorage({ dataDir: dir, sessions: 2 })
  try {
    const order: string[] = []
    const busy = storage.client.query(SLOW).then(() => void order.push('slow'))
    await new Promise((resolve) => setTimeout(resolve, 100))
    // the other session's parameters are free: this read does not wait for the slow one
    const quick = storage.client.query({ query: 'SELECT {n:UInt8} AS n', query_params: { n: 7 }, format: 'JSONEachRow' })
    const rows = await quick.then(async (rs) => (order.push('quick'), rs.json()))
    await busy
    expect(order).toEqual(['quick', 'slow'])
    expect(rows).toEqual([{ n: 7 }])
  } finally {
    await storage.close()
  }
})

it('sends an urgent parameterized statement before the ones already waiting', async () => {
  const storage = await openStorage({ dataDir: dir, sessions: 2 })
  try {
    const order: string[] = []
    const read = (label: string) => storage.client.query({ query: 'SELECT {n:UInt8} AS n', query_params: { n: 1 }, format: 'JSONEachRow' }).then(() => void order.push(label))
    // both sessions busy, the second about a second longer: every quick read runs on the first one freed
    const busy = [storage.client.query(slow(1_000_000_000)).then(() => void order.push('slow')), storage.client.query(slow(4_000_000_000)).then(() => void order.push('slower'))]
    const waiting = [read('first'), read('second')]
    const urgent = urgently(() => read('urgent'))
    await Promise.all([...busy, ...waiting, urgent])
    expect(order).toEqual(['slow', 'urgent', 'first', 'second', 'slower'])
  } finally {
    await storage.close()
  }
})

it('binds every kind of value exactly, in each session, and never reuses an earlier statement\'s', async () => {
  const storage = await openStorage({ dataDir: dir, sessions: 2 })
  try {
    const hostile = ["it's", 'back\\slash \\\'', 'tab\tnew\nline\r', '\\N', '配送员 12315', "'); DROP TABLE t; --", '{x:String}']
    const read = async (s: string) => {
      const rs = await storage.client.query({
        query: 'SELECT {s:String} AS s, {a:Array(String)} AS a, {aa:Array(Array(String))} AS aa, {t:DateTime64(3)} AS t, {f:Float64} AS f, {none:Nullable(String)} AS none',
        query_params: { s, a: [s, ''], aa: [[s], []], t: '2026-12-05 01:02:03.456', f: -1.5, none: null },
        format: 'JSONEachRow',
      })
      return (await rs.json())[0]
    }
    // side by side on both sessions, each bound to its own value
    const rows = await Promise.all(hostile.map(read))
    expect(rows).toEqual(hostile.map((s) => ({ s, a: [s, ''], aa: [[s], []], t: '2026-12-05 01:02:03.456', f: -1.5, none: null })))
    // a value far past ClickHouse's default limit of a statement's text (256 KiB), as a batch's event ids are
    const ids = Array.from({ length: 50_000 }, (_, i) => `evt-${i}-${'x'.repeat(20)}`)
    const big = await storage.client.query({ query: 'SELECT length({ids:Array(String)}) AS n, {ids:Array(String)}[50000] AS last', query_params: { ids }, format: 'JSONEachRow' })
    expect(await big.json()).toEqual([{ n: 50_000, last: ids.at(-1) }])
    // every session now holds {s}; a statement that uses it without a value is refused, not given an old one
    for (let i = 0; i < 2; i++) {
      await expect(storage.client.query({ query: 'SELECT {s:String} AS s', format: 'JSONEachRow' })).rejects.toThrow(/query parameter s has no value/)
      await expect(storage.client.query({ query: 'SELECT {s:String} AS s, {n:UInt8} AS n', query_params: { n: 1 }, format: 'JSONEachRow' })).rejects.toThrow(/query parameter s has no value/)
    }
  } finally {
    await storage.close()
  }
})

it('gives a statement the cores that the parameterized statements running on the other sessions leave', async () => {
  const storage = await openStorage({ dataDir: dir, sessions: 2 })
  try {
    const threads = async (params: Record<string, unknown>) => {
      const rs = await storage.client.query({ query: "SELECT getSetting('max_threads') AS n", query_params: params, format: 'JSONEachRow' })
      return Number((await rs.json<{ n: number }>())[0]!.n)
    }
    const cores = availableParallelism()
    expect(await threads({ x: 1 })).toBe(cores)
    expect(await threads({})).toBe(cores)
    // sent together: the first takes every core, the second what the first leaves
    expect(await Promise.all([threads({ x: 1 }), threads({ x: 2 })])).toEqual([cores, Math.max(1, cores - 1)])
    const busy = storage.client.query(SLOW)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await threads({ x: 1 })).toBe(Math.max(1, cores - 1))
    expect(await threads({})).toBe(Math.max(1, cores - 1))
    await busy
    expect(await threads({ x: 1 })).toBe(cores)
  } finally {
    await storage.close()
  }
})

it('closes only once the statements sent before it are done, one still waiting for a session too', async () => {
  const storage = await openStorage({ dataDir: dir, sessions: 1 })
  const sum = (n: number) => storage.client.query(slow(n)).then((rs) => rs.json<{ s: number }>())
  // one session: the second waits for the first to finish before its parameters are bound
  const reads = [sum(300_000_000), sum(1_000)] as const
  await storage.close()
  const [[first], [second]] = await Promise.all(reads)
  expect(first!.s).toBeGreaterThan(0)
  expect(second!.s).toBeGreaterThan(0)
})

it('closes only once the running statements are done', async () => {
  const storage = await openStorage({ dataDir: dir, sessions: 2 })
  const read = storage.client.query(SLOW).then((rs) => rs.json<{ s: number }>())
  await storage.close()
  const [row] = await read
  expect(row!.s).toBeGreaterThan(0)
})
