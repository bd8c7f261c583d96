// The writer's group commit (ingest/writer.ts): batches that arrive while a write runs, or soon after one
// began, are stored together by one insert, and each caller still gets the result of its own batch,
// duplicates included.
import { expect, it } from 'vitest'
import { validateEvent } from '../../../ingest/validate.ts'
import { EventWriter } from '../../../ingest/writer.ts'
import { useStorage } from '../../helpers/app.ts'

const now = Date.now()
const storage = useStorage('radar-writer-')

const row = (id: string) => {
  const v = validateEvent({ event_id: id, type: 'orders.count', ts: now - 60_000, zone: 'sh-pudong', count: 1 }, now)
  if (!v.ok) throw new Error(v.error)
  return v.row
}
const batch = (...ids: string[]) => ids.map(row)


it('stores the batches that queued behind a write in one insert, with a result per batch', async () => {
  let inserts = 0
  const writer = new EventWriter(storage().client, { beforeInsert: async () => void inserts++ })
  // the first batch is written alone; the four that queue behind it go in one group
  const results = await Promise.all([
    writer.write(batch('a1', 'a2')),
    writer.write(batch('b1', 'a1', 'b2')), // a1 was stored by the write before
    writer.write(batch('c1', 'c1')), // repeated within its batch
    writer.write(batch('d1', 'b2')), // b2 is in an earlier batch of the same group
    writer.write(batch('e1')),
  ])
  expect(inserts).toBe(2)
  expect(results.map((r) => [r.accepted, r.duplicates, r.duplicateIndexes])).toEqual([
    [2, 0, []],
    [2, 1, [1]],
    [1, 1, [1]],
    [1, 1, [1]],
    [1, 0, []],
  ])
  const rs = await storage().client.query({ query: 'SELECT count() AS n, uniqExact(event_id) AS ids FROM events', format: 'JSONEachRow' })
  expect((await rs.json<{ n: number; ids: number }>())[0]).toEqual({ n: 7, ids: 7 })
})

it('spaces inserts, so that a stream of small batches is written a group at a time', async () => {
  const starts: number[] = []
  const writer = new EventWriter(storage().client, { beforeInsert: async () => void starts.push(performance.now()), spacingMs: 250 })
  // The spacing runs from when an insert begins, which is before its duplicate check and so before
  // beforeInsert: measured from the first write's call, which comes earlier still, not from its beforeInsert.
  const firstCalled = performance.now()
  await writer.write(batch('s1'))
  // right after an insert: these two wait for the spacing and go in together
  const results = await Promise.all([writer.write(batch('s2')), writer.write(batch('s3'))])
  expect(results.map((r) => r.accepted)).toEqual([1, 1])
  expect(starts).toHaveLength(2)
  // less a millisecond for the timer's rounding
  expect(starts[1]! - firstCalled).toBeGreaterThanOrEqual(249)
})

it('does not hold a full group back for the spacing', async () => {
  const starts: number[] = []
  const writer = new EventWriter(storage().client, { beforeInsert: async () => void starts.push(performance.now()), spacingMs: 5_000 })
  const ids = Array.from({ length: 10_000 }, (_, i) => `h${i + 1}`)
  const first = writer.write(batch('h0'))
  // queued behind h0: waits for the spacing once h0 is written …
  const part = writer.write(batch(...ids.slice(0, 4_000)))
  await first
  // … until these make the group full (GROUP_MAX_ROWS), not 5 s after h0 began
  const results = await Promise.all([part, writer.write(batch(...ids.slice(4_000)))])
  expect(results.map((r) => r.accepted)).toEqual([4_000, 6_000])
  expect(starts).toHaveLength(2)
  expect(starts[1]! - starts[0]!).toBeLessThan(4_000)
})

it('fails every batch of a group whose insert fails, and writes the next ones', async () => {
  let inserts = 0
  const writer = new EventWriter(storage().client, {
    beforeInsert: async () => {
      if (inserts++ === 0) throw new Error('storage down')
    },
  })
  const first = writer.write(batch('f1'))
  // queued behind the failed insert, then written together by the next one
  const queued = [writer.write(batch('g1')), writer.write(batch('g2'))]
  await expect(first).rejects.toThrow('storage down')
  expect((await Promise.all(queued)).map((r) => r.accepted)).toEqual([1, 1])
  expect(inserts).toBe(2)
  const rs = await storage().client.query({ query: "SELECT groupArraySorted(10)(event_id) AS ids FROM events WHERE event_id IN ('f1', 'g1', 'g2')", format: 'JSONEachRow' })
  expect((await rs.json<{ ids: string[] }>())[0]?.ids).toEqual(['g1', 'g2'])
})
