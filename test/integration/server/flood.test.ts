// A flood on loopback (issue 5), bounded in time and count: far more concurrent ingest than the server
// admits. It must answer 200 or 429 (with Retry-After), never a 5xx; its memory stays under a ceiling; and
// reads keep answering meanwhile.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { removeDataDir } from '../../helpers/app.ts'
import { CHILD_TOKENS, freePort, startChild, type ChildServer } from '../../helpers/child-server.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'radar-flood-'))
const REQUESTS = 240
const CONCURRENCY = 32
const EVENTS_PER_REQUEST = 2_000
/** RSS the server (with its embedded ClickHouse) must stay under while flooded. */
const RSS_CEILING = 2 * 1024 ** 3
let child: ChildServer | undefined

afterAll(async () => {
  child?.process.kill('SIGKILL')
  removeDataDir(dataDir)
})

async function rss(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text()
  return Number(/^radar_process_resident_memory_bytes (\d+)/m.exec(text)?.[1] ?? 0)
}

describe('an ingest flood', () => {
  it('sheds load with 429s, never fails, keeps memory bounded and reads answering', async () => {
    child = await startChild(dataDir, await freePort(), { INGEST_MAX_INFLIGHT: '4', INGEST_MAX_INFLIGHT_MB: '16' })
    const url = child.url
    const ts = Date.now() - 60_000
    const body = (n: number) =>
      Array.from({ length: EVENTS_PER_REQUEST }, (_, i) => JSON.stringify({ event_id: `fl-${n}-${i}`, type: 'ticket.created', ts, ticket_id: `fl-${n}-${i}`, zone: 'sh-pudong', channel: 'app', category: 'delay', text: '配送员迟到了，生鲜包装破损，客服一直不回复' })).join('\n')
    const statuses = new Map<number, number>()
    let peakRss = await rss(url)
    let slowestRead = 0
    let retryAfterMissing = 0
    let next = 0
    const flooder = async () => {
      while (next < REQUESTS) {
        const n = next++
        const res = await fetch(`${url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${CHILD_TOKENS.ingest}`, 'content-type': 'application/x-ndjson' }, body: body(n) })
        await res.arrayBuffer()
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        if (res.status === 429 && !res.headers.get('retry-after')) retryAfterMissing++
      }
    }
    const reader = async () => {
      while (next < REQUESTS) {
        const started = Date.now()
        const res = await fetch(`${url}/api/v1/kpis`, { headers: { authorization: `Bearer ${CHILD_TOKENS.admin}` } })
        expect(res.status).toBe(200)
        await res.arrayBuffer()
        slowestRead = Math.max(slowestRead, Date.now() - started)
        peakRss = Math.max(peakRss, await rss(url))
        await new Promise((r) => setTimeout(r, 250))
      }
    }
    const started = Date.now()
    await Promise.all([...Array.from({ length: CONCURRENCY }, flooder), reader()])
    const seconds = (Date.now() - started) / 1000
    console.log(`flood: ${REQUESTS} requests × ${EVENTS_PER_REQUEST} events, ${CONCURRENCY} at once, in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}; peak RSS ${(peakRss / 1024 ** 2).toFixed(0)} MiB; slowest read ${slowestRead} ms`)
    expect([...statuses.keys()].every((s) => s === 200 || s === 429)).toBe(true)
    expect(statuses.get(429) ?? 0).toBeGreaterThan(0)
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0)
    expect(retryAfterMissing).toBe(0)
    expect(peakRss).toBeLessThan(RSS_CEILING)
    // Reads queue behind inserts on the embedded engine (one statement at a time); they must still answer.
    expect(slowestRead).toBeLessThan(10_000)
  }, 180_000)
})
