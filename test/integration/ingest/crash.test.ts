// SIGKILL in the middle of ingest (issue 5): a child server takes batches from two concurrent senders, some
// while storage writes fail (so they are acknowledged from the spool), and is killed mid-stream. After a
// restart every acknowledged event is stored exactly once; events in flight at the kill are stored at most once.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openStorage, type Storage } from '../../../sql/client.ts'
import { CHILD_TOKENS, freePort, startChild, type ChildServer } from '../../helpers/child-server.ts'
import { removeDataDir } from '../../helpers/app.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'radar-crash-'))
const BATCH = 500
let child: ChildServer | undefined
let storage: Storage | undefined

afterAll(async () => {
  child?.process.kill('SIGKILL')
  await storage?.close()
  removeDataDir(dataDir)
})

const batchOf = (n: number) =>
  Array.from({ length: BATCH }, (_, i) => ({ event_id: `crash-${n}-${i}`, type: 'ticket.created', ts: Date.now() - 60_000, ticket_id: `c-${n}-${i}`, zone: 'sh-pudong', channel: 'app', category: 'delay' }))

async function post(url: string, body: unknown): Promise<number> {
  const res = await fetch(`${url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${CHILD_TOKENS.ingest}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
  await res.arrayBuffer()
  return res.status
}

const setFault = (url: string, storage: string) =>
  fetch(`${url}/api/v1/faults`, { method: 'PUT', headers: { authorization: `Bearer ${CHILD_TOKENS.admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ storage }) })

describe('a server killed with SIGKILL mid-stream', () => {
  it('keeps every acknowledged event exactly once', async () => {
    const port = await freePort()
    child = await startChild(dataDir, port, { FAULT_INJECTION: 'on' })
    const acked: string[] = []
    const inFlight = new Set<number>()
    let next = 0
    let killed = false
    const sender = async () => {
      while (!killed) {
        const n = next++
        const batch = batchOf(n)
        inFlight.add(n)
        const status = await post((child as ChildServer).url, batch).catch(() => 0)
        inFlight.delete(n)
        if (status === 200) acked.push(...batch.map((e) => e.event_id))
      }
    }
    const senders = [sender(), sender()]
    // Batches 10–19 land while writes fail, so they are acknowledged from the spool, which then drains.
    while (next < 10) await new Promise((r) => setTimeout(r, 20))
    await setFault(child.url, 'fail')
    while (next < 20) await new Promise((r) => setTimeout(r, 20))
    await setFault(child.url, 'none')
    // From batch 30 writes fail again, so the kill leaves acknowledged batches in the spool only.
    while (next < 30) await new Promise((r) => setTimeout(r, 20))
    await setFault(child.url, 'fail')
    while (next < 36) await new Promise((r) => setTimeout(r, 20))
    const spooled = ((await (await fetch(`${child.url}/api/v1/faults`, { headers: { authorization: `Bearer ${CHILD_TOKENS.admin}` } })).json()) as { spool: { segments: number } }).spool.segments
    expect(spooled).toBeGreaterThan(0)
    const inFlightAtKill = inFlight.size
    child.process.kill('SIGKILL')
    killed = true
    expect(await child.exited).toBe('SIGKILL')
    await Promise.all(senders)
    console.log(`crash test: ${acked.length} events acknowledged, ${spooled} batches only in the spool, ${inFlightAtKill} batches (${inFlightAtKill * BATCH} events) in flight at the kill`)

    // Restart on the same data: leftover spool segments replay, then a clean shutdown.
    child = await startChild(dataDir, port, { FAULT_INJECTION: 'on' })
    const until = Date.now() + 30_000
    for (;;) {
      const state = (await (await setFault(child.url, 'none')).json()) as { spool: { segments: number } }
      if (state.spool.segments === 0) break
      if (Date.now() > until) throw new Error('spool did not drain after restart')
      await new Promise((r) => setTimeout(r, 200))
    }
    child.process.kill('SIGTERM')
    expect(await child.exited).toBe('0')
    child = undefined

    storage = await openStorage({ dataDir })
    const q = async <T>(query: string, params: Record<string, unknown> = {}) => (await storage!.client.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>()
    const [twice] = await q<{ n: number }>('SELECT count() AS n FROM (SELECT event_id FROM events GROUP BY event_id HAVING count() > 1)')
    expect(twice?.n).toBe(0)
    const [present] = await q<{ n: number }>('SELECT count() AS n FROM events WHERE event_id IN {ids:Array(String)}', { ids: acked })
    expect(acked.length).toBeGreaterThan(20 * BATCH)
    expect(present?.n).toBe(acked.length)
  }, 180_000)
})
