// GET /api/v1/drilldown against the embedded engine: every row's KPIs equal the independent computation
// (test/helpers/kpi-oracle.ts) and /kpis for the same child; risk levels and open-alert counts follow the
// stored alerts and today's complaint rates; regional scoping and bad parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, businessDay, dayStart } from '../../../server/src/kpi/business-time.ts'
import { auth, getJson, postEvents, removeDataDir, startTestApp, TEST_ZONES, type TestApp } from '../../helpers/app.ts'
import { expectSameKpis } from '../../helpers/compare.ts'
import { buildHistory, shuffle } from '../../helpers/history.ts'
import { expectedKpis, type OracleScope, type SentEvent } from '../../helpers/kpi-oracle.ts'
import { expectedRisk, openAlerts, type StoredOpenAlert } from '../../helpers/risk-oracle.ts'

const TZ = 'Asia/Shanghai'
const settings = { tz: TZ, peaks: [[660, 780], [1020, 1200]] as Array<[number, number]>, promoDays: ['06-18', '11-11'], coupon: 5 }
const now = Date.now()
const today = businessDay(now, TZ)
const days = [addDays(today, -2), addDays(today, -1), today]
const RISK_ORDER = ['red', 'orange', 'yellow', 'blue', 'normal']

let t: TestApp
let sent: SentEvent[]

interface Row {
  id: string
  name: string
  scope: Record<string, unknown>
  kpis: Record<string, unknown>
  risk: string
  open_alerts: number
}
interface Body {
  level: string
  parent: string | null
  rows: Row[]
}

const place = (zone: string) => TEST_ZONES.find((z) => z.id === zone)
/** The oracle's view of a child: which zones it holds and whose agents count (SPEC §5). */
function childScope(level: string, id: string): OracleScope {
  if (level === 'zone') return { inScope: (z) => z === id }
  if (id === 'unknown') return level === 'region' ? { inScope: (z) => !place(z), agentRegions: ['unknown'] } : { inScope: (z) => !place(z) }
  if (level === 'city') return { inScope: (z) => place(z)?.city === id }
  return { inScope: (z) => place(z)?.region === id, agentRegions: [id] }
}

const ALL_ZONES = [...TEST_ZONES.map((z) => z.id), 'xx-nowhere']

/** Compares every row with the oracle and with /kpis for the same child and window. */
async function expectRows(body: Body, window: { query: string; from: number; to?: number }, alerts: StoredOpenAlert[]) {
  for (const row of body.rows) {
    const asOf = Date.now()
    const scope = childScope(body.level, row.id)
    expectSameKpis(row.kpis, expectedKpis(sent, scope, window.from, window.to ?? asOf, asOf, settings), `${body.level} ${row.id}`)
    const param = body.level === 'zone' ? `zone=${row.id}` : `${body.level}=${row.id}`
    const kpis = await getJson<{ kpis: Record<string, unknown> }>(t.app, `/api/v1/kpis?${param}&${window.query}`)
    expect(kpis.kpis.tickets).toBe(row.kpis.tickets)
    expect(kpis.kpis.orders).toBe(row.kpis.orders)
    const zones = ALL_ZONES.filter(scope.inScope)
    const risks = zones.map((z) => expectedRisk(sent, z, alerts, dayStart(today, TZ), asOf, settings))
    expect(row.risk, row.id).toBe(RISK_ORDER.find((level) => risks.includes(level)) ?? 'normal')
    const regionWide = body.level === 'region' ? alerts.filter((a) => a.zone === '' && a.region === row.id).length : 0
    expect(row.open_alerts, row.id).toBe(alerts.filter((a) => a.zone !== '' && scope.inScope(a.zone)).length + regionWide)
  }
}

beforeAll(async () => {
  t = await startTestApp()
  sent = buildHistory({ zones: ALL_ZONES, dayStarts: days.map((d) => dayStart(d, TZ)), now, seed: 31, ticketsPerZoneDay: 20 })
  const shuffled = shuffle([...sent], 3)
  for (let i = 0; i < shuffled.length; i += 1000) await postEvents(t.app, shuffled.slice(i, i + 1000))
  await t.app.alerts.evaluate()
})

afterAll(async () => {
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

describe('GET /api/v1/drilldown', () => {
  const yesterday = () => ({ query: `from=${days[1]}&to=${days[2]}`, from: dayStart(days[1] as string, TZ), to: dayStart(days[2] as string, TZ) })
  const todaySoFar = () => ({ query: '', from: dayStart(today, TZ) })

  it('regions, then the cities of a region, then the zones of a city, each row equal to its own KPIs', async () => {
    const alerts = await openAlerts(t.app)
    const regions = await getJson<Body>(t.app, `/api/v1/drilldown?level=region&${yesterday().query}`)
    expect(regions.rows.map((r) => r.id)).toEqual(['华东', '华北', 'unknown'])
    await expectRows(regions, yesterday(), alerts)
    const cities = await getJson<Body>(t.app, `/api/v1/drilldown?level=city&parent=华东&${yesterday().query}`)
    expect(cities.rows.map((r) => r.id)).toEqual(['上海', '杭州'])
    await expectRows(cities, yesterday(), alerts)
    const zones = await getJson<Body>(t.app, '/api/v1/drilldown?level=zone&parent=上海')
    expect(zones.rows.map((r) => [r.id, r.name])).toEqual([['sh-pudong', '浦东新区'], ['sh-xuhui', '徐汇区']])
    await expectRows(zones, todaySoFar(), alerts)
  })

  it('drills into unknown zones (SPEC §4.3)', async () => {
    const alerts = await openAlerts(t.app)
    const city = await getJson<Body>(t.app, '/api/v1/drilldown?level=city&parent=unknown')
    expect(city.rows.map((r) => r.id)).toEqual(['unknown'])
    await expectRows(city, todaySoFar(), alerts)
    const zones = await getJson<Body>(t.app, '/api/v1/drilldown?level=zone&parent=unknown')
    expect(zones.rows.map((r) => r.id)).toEqual(['xx-nowhere'])
    await expectRows(zones, todaySoFar(), alerts)
  })

  // The risk levels take the alert engine's open alerts, which every change of an alert goes through.
  it('counts an alert the engine opens and colours by it until it is resolved', async () => {
    const url = '/api/v1/drilldown?level=zone&parent=北京'
    const haidian = (body: Body) => body.rows.find((r) => r.id === 'bj-haidian') as Row
    const store = t.app.alerts.store
    const before = await getJson<Body>(t.app, url)
    await expectRows(before, todaySoFar(), await openAlerts(t.app))
    // about a ticket no event names, so that no pass of the engine resolves it meanwhile
    const alert = store.newAlert('urgent_unanswered', { subject: 't-x', zone: 'bj-haidian', region: '华北', value: 1, threshold: 900 }, now)
    store.save([alert])
    await store.flush()
    const firing = await getJson<Body>(t.app, url)
    await expectRows(firing, todaySoFar(), await openAlerts(t.app))
    expect(haidian(firing)).toMatchObject({ risk: 'red', open_alerts: haidian(before).open_alerts + 1 })
    store.save([{ ...alert, status: 'resolved', resolved_at: now }])
    await store.flush()
    const resolved = await getJson<Body>(t.app, url)
    expect(haidian(resolved)).toMatchObject({ risk: haidian(before).risk, open_alerts: haidian(before).open_alerts })
  })

  it('shows a regional principal only rows inside its regions, and 403 for a parent outside them', async () => {
    const regions = await getJson<Body>(t.app, '/api/v1/drilldown?level=region', 'regional')
    expect(regions.rows.map((r) => r.id)).toEqual(['华北'])
    const zones = await getJson<Body>(t.app, `/api/v1/drilldown?level=zone&parent=北京&${yesterday().query}`, 'regional')
    expect(zones.rows.map((r) => r.id)).toEqual(['bj-chaoyang', 'bj-haidian'])
    await expectRows(zones, yesterday(), await openAlerts(t.app))
    for (const url of ['/api/v1/drilldown?level=city&parent=华东', '/api/v1/drilldown?level=zone&parent=上海', '/api/v1/drilldown?level=zone&parent=unknown']) {
      const res = await t.app.inject({ method: 'GET', url, headers: auth('regional') })
      expect(res.statusCode, url).toBe(403)
    }
  })

  it('rejects bad parameters with 400 naming the parameter, and an unknown parent with 404', async () => {
    const cases: Array<[string, string]> = [
      ['', 'level'],
      ['level=street', 'level'],
      ['level=city', 'parent'],
      ['level=region&parent=华东', 'parent'],
      ['level=zone&parent=上海&from=someday', 'from'],
    ]
    for (const [query, param] of cases) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/drilldown?${query}`, headers: auth('ops') })
      expect(res.statusCode, query).toBe(400)
      expect(res.json().message, query).toContain(param)
    }
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/drilldown?level=zone&parent=Atlantis', headers: auth('ops') })
    expect(missing.statusCode).toBe(404)
  })
})
