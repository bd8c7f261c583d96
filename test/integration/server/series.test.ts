// GET /api/v1/kpis/series against the embedded engine: every hour (or day) bucket equals GET /api/v1/kpis
// over that bucket's window; buckets follow business time; the bucket cap; and the dashboard's KPI list
// (which cannot import the server module) names exactly the server's KPIs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KPI_NAMES as DASHBOARD_KPI_NAMES } from '../../../dashboard/src/lib/kpis.ts'
import { addDays, businessDay, dayStart } from '../../../server/src/kpi/business-time.ts'
import { KPI_NAMES } from '../../../server/src/kpi/kpis.ts'
import { bucketsOf } from '../../../server/src/kpi/series.ts'
import { auth, getJson, postEvents, removeDataDir, startTestApp, TEST_ZONES, type TestApp } from '../../helpers/app.ts'
import { expectSameKpis } from '../../helpers/compare.ts'
import { buildHistory, shuffle } from '../../helpers/history.ts'

const TZ = 'Asia/Shanghai'
const now = Date.now()
const today = businessDay(now, TZ)
const yesterday = addDays(today, -1)

interface Series {
  interval: string
  window: { from: string; to: string }
  points: Array<{ from: string; to: string; kpis: Record<string, number | null> }>
}

let t: TestApp

beforeAll(async () => {
  t = await startTestApp()
  const days = [addDays(today, -2), yesterday, today].map((d) => dayStart(d, TZ))
  const sent = buildHistory({ zones: [...TEST_ZONES.map((z) => z.id), 'xx-nowhere'], dayStarts: days, now, seed: 23, ticketsPerZoneDay: 12 })
  const shuffled = shuffle([...sent], 5)
  for (let i = 0; i < shuffled.length; i += 1000) await postEvents(t.app, shuffled.slice(i, i + 1000))
  await postEvents(t.app, edgeAgents())
})

/**
 * Agents whose statuses fall on the hour ends of yesterday's series: one going online exactly at 10:00 and
 * off exactly at 12:00, one moving from 华东 to 华北 exactly at 11:00, and one with offline and online
 * at the same instant at 13:00 (online counts as the later, in every read).
 */
function edgeAgents(): Array<Record<string, unknown>> {
  const at = (hour: number, minute = 0) => dayStart(yesterday, TZ) + hour * 3_600_000 + minute * 60_000
  const status = (id: string, agent: string, ts: number, s: string, region: string) => ({ event_id: `edge-${id}`, type: 'agent.status', ts, agent_id: agent, status: s, region })
  return [
    status('1', 'edge-a', at(10), 'online', '华北'),
    status('2', 'edge-a', at(12), 'offline', '华北'),
    status('3', 'edge-b', at(9, 30), 'online', '华东'),
    status('4', 'edge-b', at(11), 'online', '华北'),
    status('5', 'edge-c', at(13), 'online', '华北'),
    status('6', 'edge-c', at(13), 'offline', '华北'),
  ]
}

afterAll(async () => {
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

/** Each point's KPIs equal GET /api/v1/kpis over exactly that point's window. */
async function expectPointsMatchKpis(body: Series, scopeQuery: string) {
  for (const p of body.points) {
    const kpis = await getJson<{ kpis: Record<string, number | null> }>(t.app, `/api/v1/kpis?from=${encodeURIComponent(p.from)}&to=${encodeURIComponent(p.to)}${scopeQuery}`)
    expectSameKpis(p.kpis, kpis.kpis, `${p.from}${scopeQuery}`)
  }
}

describe('GET /api/v1/kpis/series', () => {
  it('cuts a whole business day into 24 hours, each equal to /kpis of that hour', async () => {
    const body = await getJson<Series>(t.app, `/api/v1/kpis/series?from=${yesterday}&to=${today}`)
    expect(body.interval).toBe('hour')
    expect(body.points).toHaveLength(24)
    expect(body.points[0]?.from).toBe(`${yesterday}T00:00:00.000+08:00`)
    expect(body.points[23]?.to).toBe(`${today}T00:00:00.000+08:00`)
    expect(body.points.reduce((n, p) => n + (p.kpis.tickets ?? 0), 0)).toBeGreaterThan(0)
    await expectPointsMatchKpis(body, '')
  })

  it('scopes like /kpis', async () => {
    const body = await getJson<Series>(t.app, `/api/v1/kpis/series?from=${yesterday}T10:00:00%2B08:00&to=${yesterday}T14:00:00%2B08:00&region=${encodeURIComponent('华北')}`, 'regional')
    expect(body.points).toHaveLength(4)
    await expectPointsMatchKpis(body, `&region=${encodeURIComponent('华北')}`)
    const denied = await t.app.inject({ method: 'GET', url: `/api/v1/kpis/series?region=${encodeURIComponent('华东')}`, headers: auth('regional') })
    expect(denied.statusCode).toBe(403)
  })

  // The first hour starts mid-minute and lasts under 24 h, so its orders are counted on their own; the
  // others' come from one statement whose pieces the 24 h before the last hour's end cuts mid-minute.
  it('cuts a window with edges at odd milliseconds, each point equal to /kpis of its window', async () => {
    const [from, to] = [`${yesterday}T10:17:23.500+08:00`, `${yesterday}T14:41:07.250+08:00`]
    for (const scope of ['', '&zone=bj-haidian']) {
      const body = await getJson<Series>(t.app, `/api/v1/kpis/series?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${scope}`)
      expect(body.points.map((p) => [p.from, p.to])).toEqual([
        [from, `${yesterday}T11:00:00.000+08:00`],
        ...[11, 12, 13].map((h) => [`${yesterday}T${h}:00:00.000+08:00`, `${yesterday}T${h + 1}:00:00.000+08:00`]),
        [`${yesterday}T14:00:00.000+08:00`, to],
      ])
      // the platform's orders in every point, so that its comparisons are not of zeros
      if (scope === '') expect(body.points.every((p) => (p.kpis.orders ?? 0) > 0)).toBe(true)
      await expectPointsMatchKpis(body, scope)
    }
  })

  it('answers a window without events with zeros and no rates', async () => {
    const body = await getJson<Series>(t.app, `/api/v1/kpis/series?from=${addDays(today, -30)}&to=${addDays(today, -29)}`)
    expect(body.points).toHaveLength(24)
    for (const p of body.points) expect([p.kpis.orders, p.kpis.tickets, p.kpis.complaint_rate, p.kpis.orders_per_agent], p.from).toEqual([0, 0, null, null])
  })

  it('defaults to today so far by hour, the last hour ending now', async () => {
    const body = await getJson<Series>(t.app, '/api/v1/kpis/series')
    const hoursSoFar = Math.floor((Date.now() - dayStart(today, TZ)) / 3_600_000) + 1
    expect(body.points.length).toBeGreaterThanOrEqual(hoursSoFar - 1)
    expect(body.points.length).toBeLessThanOrEqual(hoursSoFar)
    expect(body.points[0]?.from).toBe(`${today}T00:00:00.000+08:00`)
    expect(body.points.at(-1)?.to).toBe(body.window.to)
  })

  it('cuts by business day with interval=day', async () => {
    const body = await getJson<Series>(t.app, `/api/v1/kpis/series?interval=day&from=${addDays(today, -2)}&to=${today}`)
    expect(body.points.map((p) => p.from.slice(0, 10))).toEqual([addDays(today, -2), yesterday])
    await expectPointsMatchKpis(body, '')
  })

  it('refuses windows of more than 48 buckets and unknown intervals', async () => {
    for (const q of [`from=${addDays(today, -3)}&to=${today}`, 'interval=minute']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/kpis/series?${q}`, headers: auth('ops') })
      expect(res.statusCode, q).toBe(400)
      expect(res.json().message, q).toMatch(/48|interval/)
    }
  })
})

describe('bucketsOf', () => {
  it('cuts at business-time boundaries, partial at both ends', () => {
    const from = Date.parse('2026-11-25T10:30:00+08:00')
    const buckets = bucketsOf({ from, to: Date.parse('2026-11-25T12:15:00+08:00') }, 'hour', TZ)
    expect(buckets?.map((b) => new Date(b.from).toISOString())).toEqual(['2026-11-25T02:30:00.000Z', '2026-11-25T03:00:00.000Z', '2026-11-25T04:00:00.000Z'])
    expect(buckets?.at(-1)?.to).toBe(Date.parse('2026-11-25T12:15:00+08:00'))
    // Kathmandu is UTC+5:45: its hours start at :15 past a UTC hour.
    const kathmandu = bucketsOf({ from: Date.parse('2026-11-25T00:00:00+05:45'), to: Date.parse('2026-11-25T02:00:00+05:45') }, 'hour', 'Asia/Kathmandu')
    expect(kathmandu?.map((b) => new Date(b.from).toISOString())).toEqual(['2026-11-24T18:15:00.000Z', '2026-11-24T19:15:00.000Z'])
  })
})

describe('the dashboard’s KPI list', () => {
  it('names exactly the server’s KPIs', () => {
    expect([...DASHBOARD_KPI_NAMES].sort()).toEqual([...KPI_NAMES].sort())
  })
})
