// Storage outages (issue 5): while ClickHouse writes fail or hang, ingest keeps acknowledging into the local
// spool; when storage returns the spool drains and every KPI equals the independent computation over all
// events sent, each counted once. A full spool answers 503 with Retry-After.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auth, getJson, removeDataDir, startTestApp, type TestApp } from '../../helpers/app.ts'
import { buildHistory } from '../../helpers/history.ts'
import { expectedKpis, type SentEvent } from '../../helpers/kpi-oracle.ts'
import { addDays, businessDay, dayStart } from '../../../server/src/kpi/business-time.ts'

const TZ = 'Asia/Shanghai'
const settings = { tz: TZ, peaks: [[660, 780], [1020, 1200]] as Array<[number, number]>, promoDays: ['06-18', '11-11'], coupon: 5 }
let t: TestApp

const post = (events: unknown[]) => t.app.inject({ method: 'POST', url: '/api/v1/events', headers: auth('ingest'), payload: events })
const setFault = async (storage: string) => expect((await t.app.inject({ method: 'PUT', url: '/api/v1/faults', headers: auth('admin'), payload: { storage } })).statusCode).toBe(200)
const spool = async () => (await getJson<{ spool: { segments: number; peakBytes: number }; degraded: boolean }>(t.app, '/api/v1/faults', 'admin'))

async function rowCount(): Promise<number> {
  const [row] = await (await t.app.clickhouse.query({ query: 'SELECT count() AS n FROM events', format: 'JSONEachRow' })).json<{ n: number }>()
  return row?.n ?? 0
}

async function drained(timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const s = await spool()
    if (s.spool.segments === 0 && !s.degraded) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('the spool did not drain')
}

beforeAll(async () => {
  t = await startTestApp({ FAULT_INJECTION: 'on', INSERT_TIMEOUT_MS: '400' })
})
afterAll(async () => {
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

describe('a storage outage', () => {
  it('acknowledges into the spool while writes fail or hang, then drains to the same KPIs as no outage', async () => {
    const now = Date.now()
    const today = businessDay(now, TZ)
    const days = [addDays(today, -1), today]
    const sent: SentEvent[] = buildHistory({ zones: ['sh-pudong', 'bj-haidian', 'hz-xihu'], dayStarts: days.map((d) => dayStart(d, TZ)), now, seed: 3, ticketsPerZoneDay: 20 })
    const batches = Array.from({ length: 6 }, (_, i) => sent.filter((_, j) => j % 6 === i))
    expect((await post(batches[0] as SentEvent[])).statusCode).toBe(200)

    await setFault('fail')
    for (const b of batches.slice(1, 3)) {
      const res = await post(b)
      expect(res.statusCode).toBe(200)
      expect(res.headers['x-radar-spooled']).toBe('1')
      expect(res.json().accepted).toBe(b.length)
    }
    // A retry of a spooled batch during the outage is acknowledged again but must still count once.
    expect((await post(batches[1] as SentEvent[])).statusCode).toBe(200)
    await setFault('hang')
    const hung = await post(batches[3] as SentEvent[])
    expect(hung.statusCode).toBe(200)
    expect((await spool()).spool.segments).toBeGreaterThanOrEqual(3)

    await setFault('none')
    await drained()
    for (const b of batches.slice(4)) expect((await post(b)).statusCode).toBe(200)
    // with a 400 ms write timeout a write behind the replays may be spooled too; it drains the same way
    await drained()

    const from = dayStart(days[0] as string, TZ)
    const { kpis } = await getJson<{ kpis: Record<string, number | null> }>(t.app, `/api/v1/kpis?from=${days[0]}`)
    const expected = expectedKpis(sent, { inScope: () => true }, from, Date.now(), Date.now(), settings)
    for (const k of ['orders', 'tickets', 'resolution_rate', 'fcr_rate', 'csat_n', 'compensation_cny', 'frt_p90_s'] as const) {
      expect(kpis[k], k).toBeCloseTo(expected[k] as number, 9)
    }
    const [counts] = await (await t.app.clickhouse.query({ query: 'SELECT count() AS n, uniqExact(event_id) AS u FROM events', format: 'JSONEachRow' })).json<{ n: number; u: number }>()
    expect(counts).toEqual({ n: sent.length, u: sent.length })
  })

  it('answers 503 with Retry-After when the spool cannot hold a batch, and stores none of it', async () => {
    // Same data directory (chDB allows one per process), now with a spool too small for the batch.
    await t.close()
    t = await startTestApp({ FAULT_INJECTION: 'on', SPOOL_MAX_MB: '0.001' }, t.dataDir)
    await setFault('fail')
    const before = await rowCount()
    const events = Array.from({ length: 20 }, (_, i) => ({ event_id: `full-${i}`, type: 'ticket.reopened', ts: Date.now(), ticket_id: `t${i}` }))
    const res = await post(events)
    expect(res.statusCode).toBe(503)
    expect(res.headers['retry-after']).toBeDefined()
    expect(res.json().message).toMatch(/spool is full/)
    await setFault('none')
    expect((await spool()).spool.segments).toBe(0)
    expect(await rowCount()).toBe(before)
  })
})
