// GET /api/v1/heatmap against the embedded engine: every cell compared with counts made here, in the test,
// from the events sent (business-time buckets via Intl), for several metrics, axes, scopes and windows;
// the Arrow form decodes to the same cells; bad parameters and regional scoping.
import { tableFromIPC } from 'apache-arrow'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, businessDay, dayStart } from '../../../server/src/kpi/business-time.ts'
import { auth, getJson, postEvents, removeDataDir, startTestApp, TEST_ZONES, type TestApp } from '../../helpers/app.ts'
import { buildHistory, shuffle } from '../../helpers/history.ts'
import { uniqueEvents, type SentEvent } from '../../helpers/kpi-oracle.ts'
import { expectedRisk, openAlerts } from '../../helpers/risk-oracle.ts'

const TZ = 'Asia/Shanghai'
const settings = { tz: TZ, peaks: [[660, 780], [1020, 1200]] as Array<[number, number]>, promoDays: ['06-18', '11-11'], coupon: 5 }
const now = Date.now()
const today = businessDay(now, TZ)
const days = [addDays(today, -9), addDays(today, -2), addDays(today, -1), today]
const ZONES = [...TEST_ZONES.map((z) => z.id), 'xx-nowhere']

// A window whose edges cut minutes, with orders on both sides of each edge inside the cut minutes.
const edgeFrom = dayStart(days[1] as string, TZ) + 7 * 3_600_000 + 12_345
const edgeTo = dayStart(days[2] as string, TZ) + 15 * 3_600_000 + 42 * 60_000 + 999

let t: TestApp
let sent: SentEvent[]

function edgeOrders(): SentEvent[] {
  const at = [edgeFrom - 1, edgeFrom, edgeFrom + 30_000, edgeTo - 1, edgeTo, edgeTo + 10_000]
  return at.flatMap((ts, i) => [
    { event_id: `edge-count-${i}`, type: 'orders.count', ts, zone: 'sh-pudong', count: 7 + i },
    { event_id: `edge-order-${i}`, type: 'order.created', ts, zone: 'xx-nowhere', order_id: `edge-${i}` },
  ])
}

/** Two unknown zones without alerts today: one complains far above the platform (red), one not at all. */
function riskZones(): SentEvent[] {
  const start = dayStart(today, TZ)
  const at = (i: number) => start + Math.floor(((now - 25 * 60_000 - start) * i) / 10)
  const events: SentEvent[] = [{ event_id: 'quiet-orders', type: 'orders.count', ts: at(1), zone: 'yy-quiet', count: 400 }]
  events.push({ event_id: 'hot-orders', type: 'orders.count', ts: at(1), zone: 'yy-hot', count: 10 })
  for (let i = 0; i < 5; i++) {
    const ticket = { ticket_id: `hot-${i}`, zone: 'yy-hot', channel: 'app', category: 'delay', priority: 'normal', text: '配送员迟到' }
    events.push({ event_id: `hot-created-${i}`, type: 'ticket.created', ts: at(i + 2), ...ticket })
    events.push({ event_id: `hot-responded-${i}`, type: 'ticket.responded', ts: at(i + 2) + 10_000, ticket_id: `hot-${i}`, responder: 'bot' })
  }
  return events
}

interface Heatmap {
  metric: string
  x: string
  y: string
  window: { from: string; to: string }
  xs: Array<string | number>
  ys: Array<string | number>
  cells: Array<[number, number, number | null]>
  zones?: Array<{ id: string; name: string; city: string; region: string; risk: string; risk_ratio: number | null }>
}

type Axis = 'zone' | 'city' | 'region' | 'hour' | 'day' | 'weekday'
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const fmt = new Intl.DateTimeFormat('en-US', { timeZone: TZ, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', weekday: 'short' })

function bucket(axis: Axis, ms: number, zone: string): string {
  const p = Object.fromEntries(fmt.formatToParts(ms).map((x) => [x.type, x.value]))
  const place = TEST_ZONES.find((z) => z.id === zone)
  if (axis === 'zone') return zone
  if (axis === 'city') return place?.city ?? 'unknown'
  if (axis === 'region') return place?.region ?? 'unknown'
  if (axis === 'hour') return String(Number(p.hour))
  if (axis === 'day') return `${p.year}-${p.month}-${p.day}`
  return String(WEEKDAYS.indexOf(p.weekday as string) + 1)
}

/** Counts per cell, straight from the events: tickets by earliest creation, orders by ts. */
function expectedCells(q: { x: Axis; y: Axis; from: number; to: number; asOf: number; inScope?: (zone: string) => boolean }) {
  const inScope = q.inScope ?? (() => true)
  const events = uniqueEvents(sent)
  const cells = new Map<string, { tickets: number; orders: number; instant: number; eligible: number }>()
  const cell = (ms: number, zone: string) => {
    const k = `${bucket(q.x, ms, zone)}\u0000${bucket(q.y, ms, zone)}`
    if (!cells.has(k)) cells.set(k, { tickets: 0, orders: 0, instant: 0, eligible: 0 })
    return cells.get(k) as { tickets: number; orders: number; instant: number; eligible: number }
  }
  const created = new Map<string, SentEvent>()
  for (const e of events) {
    const earlier = created.get(e.ticket_id as string)
    if (e.type === 'ticket.created' && (!earlier || e.ts < earlier.ts)) created.set(e.ticket_id as string, e)
  }
  const firstResponse = new Map<string, number>()
  for (const e of events.filter((e) => e.type === 'ticket.responded')) {
    firstResponse.set(e.ticket_id as string, Math.min(firstResponse.get(e.ticket_id as string) ?? Infinity, e.ts))
  }
  for (const [id, e] of created) {
    if (e.ts < q.from || e.ts >= q.to || !inScope(e.zone as string)) continue
    const c = cell(e.ts, e.zone as string)
    const first = firstResponse.get(id)
    c.tickets++
    if (first !== undefined && first - e.ts <= 60_000) c.instant++
    if (!(first === undefined && q.asOf - e.ts < 60_000)) c.eligible++
  }
  for (const e of events) {
    if ((e.type !== 'order.created' && e.type !== 'orders.count') || e.ts < q.from || e.ts >= q.to || !inScope(e.zone as string)) continue
    cell(e.ts, e.zone as string).orders += e.type === 'order.created' ? 1 : (e.count as number)
  }
  return cells
}

function expectCells(body: Heatmap, expected: ReturnType<typeof expectedCells>) {
  const rate = (n: number, d: number) => (d === 0 ? null : n / d)
  const seen = new Set<string>()
  expect(body.cells).toHaveLength(body.xs.length * body.ys.length)
  for (const [xi, yi, value] of body.cells) {
    const key = `${String(body.xs[xi])}\u0000${String(body.ys[yi])}`
    seen.add(key)
    const c = expected.get(key) ?? { tickets: 0, orders: 0, instant: 0, eligible: 0 }
    const want = { tickets: c.tickets, orders: c.orders, complaint_rate: rate(c.tickets, c.orders), instant_response_rate: rate(c.instant, c.eligible) }[body.metric]
    if (want === null || want === undefined) expect(value, key).toBeNull()
    else expect(value, key).toBeCloseTo(want, 12)
  }
  for (const key of expected.keys()) expect(seen.has(key), `cell ${key} is on the axes`).toBe(true)
}

beforeAll(async () => {
  t = await startTestApp()
  sent = [...buildHistory({ zones: ZONES, dayStarts: days.map((d) => dayStart(d, TZ)), now, seed: 23, ticketsPerZoneDay: 15 }), ...edgeOrders(), ...riskZones()]
  const shuffled = shuffle([...sent], 5)
  for (let i = 0; i < shuffled.length; i += 1000) await postEvents(t.app, shuffled.slice(i, i + 1000))
})

afterAll(async () => {
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

describe('GET /api/v1/heatmap', () => {
  it('complaint rate zone × hour over a business day equals counts of the sent events', async () => {
    const from = dayStart(days[2] as string, TZ)
    const body = await getJson<Heatmap>(t.app, `/api/v1/heatmap?metric=complaint_rate&x=zone&y=hour&from=${days[2]}&to=${today}`)
    expect(body.xs).toEqual(['sh-pudong', 'sh-xuhui', 'hz-xihu', 'bj-chaoyang', 'bj-haidian', 'xx-nowhere'].sort(byPlace))
    expect(body.ys).toEqual(Array.from({ length: 24 }, (_, h) => h))
    expectCells(body, expectedCells({ x: 'zone', y: 'hour', from, to: dayStart(today, TZ), asOf: Date.now() }))
    expect(body.cells.filter(([, , v]) => v !== null && v > 0).length).toBeGreaterThan(20)
  })

  it('zone × day defaults to the last 14 business days and matches per-day counts', async () => {
    const body = await getJson<Heatmap>(t.app, '/api/v1/heatmap?x=zone&y=day')
    const from = dayStart(addDays(today, -13), TZ)
    expect(Date.parse(body.window.from)).toBe(from)
    expect(body.ys).toEqual(Array.from({ length: 14 }, (_, i) => addDays(today, i - 13)))
    expectCells(body, expectedCells({ x: 'zone', y: 'day', from, to: Date.parse(body.window.to), asOf: Date.now() }))
  })

  it('tickets weekday × hour (default: the last 28 business days)', async () => {
    const body = await getJson<Heatmap>(t.app, '/api/v1/heatmap?metric=tickets&x=weekday&y=hour')
    expect(body.xs).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(Date.parse(body.window.from)).toBe(dayStart(addDays(today, -27), TZ))
    expectCells(body, expectedCells({ x: 'weekday', y: 'hour', from: Date.parse(body.window.from), to: Date.parse(body.window.to), asOf: Date.now() }))
  })

  it('orders city × hour stay exact over minute-unaligned edges', async () => {
    const window = `from=${new Date(edgeFrom).toISOString()}&to=${new Date(edgeTo).toISOString()}`
    const body = await getJson<Heatmap>(t.app, `/api/v1/heatmap?metric=orders&x=city&y=hour&${window}`)
    expect(body.xs.at(-1)).toBe('unknown')
    expectCells(body, expectedCells({ x: 'city', y: 'hour', from: edgeFrom, to: edgeTo, asOf: Date.now() }))
  })

  it('instant response rate region × day, and hour × zone in a city scope', async () => {
    const from = dayStart(days[0] as string, TZ)
    const body = await getJson<Heatmap>(t.app, `/api/v1/heatmap?metric=instant_response_rate&x=region&y=day&from=${days[0]}`)
    expectCells(body, expectedCells({ x: 'region', y: 'day', from, to: Date.parse(body.window.to), asOf: Date.now() }))
    const city = await getJson<Heatmap>(t.app, `/api/v1/heatmap?metric=complaint_rate&x=hour&y=zone&city=上海&from=${days[1]}`)
    expect(city.ys).toEqual(['sh-pudong', 'sh-xuhui'])
    const inShanghai = (z: string) => z.startsWith('sh-')
    expectCells(city, expectedCells({ x: 'hour', y: 'zone', from: dayStart(days[1] as string, TZ), to: Date.parse(city.window.to), asOf: Date.now(), inScope: inShanghai }))
  })

  it('describes each zone of a zone axis with its place and risk level now', async () => {
    await t.app.alerts.evaluate()
    const body = await getJson<Heatmap>(t.app, '/api/v1/heatmap?x=hour&y=zone')
    const alerts = await openAlerts(t.app)
    const asOf = Date.now()
    expect(body.zones?.map((z) => z.id)).toEqual(body.ys)
    for (const z of body.zones ?? []) {
      const place = TEST_ZONES.find((p) => p.id === z.id) ?? { name: z.id, city: 'unknown', region: 'unknown' }
      expect({ name: z.name, city: z.city, region: z.region }).toEqual({ name: place.name, city: place.city, region: place.region })
      expect(z.risk, z.id).toBe(expectedRisk(sent, z.id, alerts, dayStart(today, TZ), asOf, settings))
    }
    const risk = (id: string) => body.zones?.find((z) => z.id === id)?.risk
    expect([risk('yy-hot'), risk('yy-quiet')]).toEqual(['red', 'normal'])
  })

  it('answers the same cells as an Arrow IPC stream', async () => {
    const url = `/api/v1/heatmap?metric=complaint_rate&x=zone&y=day&from=${days[0]}`
    const json = await getJson<Heatmap>(t.app, url)
    const res = await t.app.inject({ method: 'GET', url, headers: { ...auth('wall'), accept: 'application/vnd.apache.arrow.stream' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('application/vnd.apache.arrow.stream')
    const table = tableFromIPC(res.rawPayload)
    expect(table.schema.fields.map((f) => f.name)).toEqual(['x', 'y', 'value'])
    expect(table.schema.metadata.get('metric')).toBe('complaint_rate')
    const rows = table.toArray().map((r) => r.toJSON() as { x: string; y: string; value: number | null })
    expect(rows).toEqual(json.cells.map(([xi, yi, value]) => ({ x: String(json.xs[xi]), y: String(json.ys[yi]), value })))
  })

  it('shows a regional principal its regions only, and 403 outside them', async () => {
    const own = await getJson<Heatmap>(t.app, `/api/v1/heatmap?metric=tickets&x=zone&y=hour&from=${days[1]}`, 'regional')
    expect(own.xs).toEqual(['bj-chaoyang', 'bj-haidian'])
    const north = (z: string) => z.startsWith('bj-')
    expectCells(own, expectedCells({ x: 'zone', y: 'hour', from: dayStart(days[1] as string, TZ), to: Date.parse(own.window.to), asOf: Date.now(), inScope: north }))
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/heatmap?region=华东', headers: auth('regional') })
    expect(res.statusCode).toBe(403)
  })

  it('rejects bad parameters with 400 naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['metric=nps', 'metric'],
      ['x=street', 'x'],
      ['y=minute', 'y'],
      ['x=zone&y=zone', 'y'],
      ['from=yesterday', 'from'],
      [`from=${today}&to=${days[0]}`, 'from'],
    ]
    for (const [query, param] of cases) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/heatmap?${query}`, headers: auth('ops') })
      expect(res.statusCode, query).toBe(400)
      expect(res.json().message, query).toContain(param)
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/heatmap' })
    expect(anonymous.statusCode).toBe(401)
  })
})

/** The reference data's display order: region, city, zone id; unknown zones last. */
function byPlace(a: string, b: string): number {
  const key = (id: string) => {
    const z = TEST_ZONES.find((p) => p.id === id)
    return z ? `0${z.region}\u0000${z.city}\u0000${z.id}` : `1${id}`
  }
  return key(a) < key(b) ? -1 : 1
}
