// GET /api/v1/trends/weekly against the embedded engine: a history spread over several business weeks;
// each row's KPIs equal the independent computation over [Monday, next Monday) (the current week up to
// now) and /kpis for that window; week-over-week changes; scoping and bad parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, businessDay, dayStart } from '../../../server/src/kpi/business-time.ts'
import { KPI_NAMES } from '../../../server/src/kpi/kpis.ts'
import { auth, getJson, postEvents, removeDataDir, startTestApp, TEST_ZONES, type TestApp } from '../../helpers/app.ts'
import { expectSameKpis } from '../../helpers/compare.ts'
import { buildHistory, shuffle } from '../../helpers/history.ts'
import { expectedKpis, type OracleScope, type SentEvent } from '../../helpers/kpi-oracle.ts'

const TZ = 'Asia/Shanghai'
const settings = { tz: TZ, peaks: [[660, 780], [1020, 1200]] as Array<[number, number]>, promoDays: ['06-18', '11-11'], coupon: 5 }
const now = Date.now()
const today = businessDay(now, TZ)
const days = [-30, -22, -16, -8, -3, -1, 0].map((n) => addDays(today, n))

let t: TestApp
let sent: SentEvent[]

interface Week {
  week: string
  window: { from: string; to: string }
  partial: boolean
  kpis: Record<string, number | null>
  wow: Record<string, number | null>
}

const north: OracleScope = { inScope: (z) => TEST_ZONES.find((p) => p.id === z)?.region === '华北', agentRegions: ['华北'] }
const platform: OracleScope = { inScope: () => true }

beforeAll(async () => {
  t = await startTestApp()
  sent = buildHistory({ zones: [...TEST_ZONES.map((z) => z.id), 'xx-nowhere'], dayStarts: days.map((d) => dayStart(d, TZ)), now, seed: 47, ticketsPerZoneDay: 10 })
  const shuffled = shuffle([...sent], 9)
  for (let i = 0; i < shuffled.length; i += 1000) await postEvents(t.app, shuffled.slice(i, i + 1000))
})

afterAll(async () => {
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

describe('GET /api/v1/trends/weekly', () => {
  for (const [name, query, scope] of [['the platform', '', platform], ['a region', '&region=华北', north]] as const) {
    it(`gives ${name} one row per business week, oldest first, equal to its own KPIs`, async () => {
      const body = await getJson<{ weeks: Week[] }>(t.app, `/api/v1/trends/weekly?weeks=5${query}`)
      const asOf = Date.now()
      expect(body.weeks).toHaveLength(5)
      body.weeks.forEach((w, i) => {
        expect(new Date(`${w.week}T00:00:00Z`).getUTCDay(), w.week).toBe(1)
        expect(Date.parse(w.window.from)).toBe(dayStart(w.week, TZ))
        if (i > 0) expect(w.week).toBe(addDays(body.weeks[i - 1]?.week as string, 7))
        const last = i === body.weeks.length - 1
        expect(w.partial).toBe(last)
        if (!last) expect(Date.parse(w.window.to)).toBe(dayStart(addDays(w.week, 7), TZ))
        expect(Object.keys(w.kpis).sort()).toEqual([...KPI_NAMES].sort())
        expectSameKpis(w.kpis, expectedKpis(sent, scope, Date.parse(w.window.from), Date.parse(w.window.to), asOf, settings), `${name} ${w.week}`)
      })
      const current = body.weeks.at(-1) as Week
      expect(businessDay(Date.parse(current.window.to) - 1, TZ) >= current.week).toBe(true)
      expect(Date.parse(current.window.to)).toBeGreaterThanOrEqual(now)
    })
  }

  it('changes week over week: this week − the week before, null when either is null', async () => {
    const body = await getJson<{ weeks: Week[] }>(t.app, '/api/v1/trends/weekly?weeks=4')
    const asOf = Date.now()
    const first = body.weeks[0] as Week
    const before = expectedKpis(sent, platform, dayStart(addDays(first.week, -7), TZ), dayStart(first.week, TZ), asOf, settings)
    body.weeks.forEach((w, i) => {
      const prev: Record<string, number | null> = i === 0 ? before : (body.weeks[i - 1] as Week).kpis
      const expected = Object.fromEntries(KPI_NAMES.map((k) => [k, w.kpis[k] === null || prev[k] === null ? null : (w.kpis[k] as number) - (prev[k] as number)]))
      expectSameKpis(w.wow, expected, `wow ${w.week}`)
    })
    expect(body.weeks.some((w) => w.wow.tickets !== 0)).toBe(true)
  })

  it('equals /kpis for the same week window', async () => {
    const body = await getJson<{ weeks: Week[] }>(t.app, '/api/v1/trends/weekly?weeks=3&city=北京')
    const w = body.weeks[1] as Week
    const kpis = await getJson<{ kpis: Record<string, number | null> }>(t.app, `/api/v1/kpis?city=北京&from=${w.week}&to=${addDays(w.week, 7)}`)
    expect(w.kpis.tickets).toBeGreaterThan(0)
    expectSameKpis(w.kpis, kpis.kpis, w.week)
  })

  it('defaults to 12 weeks and allows up to 52', async () => {
    expect((await getJson<{ weeks: Week[] }>(t.app, '/api/v1/trends/weekly')).weeks).toHaveLength(12)
    expect((await getJson<{ weeks: Week[] }>(t.app, '/api/v1/trends/weekly?weeks=52')).weeks).toHaveLength(52)
  })

  it('scopes a regional principal to its regions, 403 outside them', async () => {
    const own = await getJson<{ scope: { level: string }; weeks: Week[] }>(t.app, '/api/v1/trends/weekly?weeks=2', 'regional')
    expect(own.scope.level).toBe('regions')
    const asOf = Date.now()
    for (const w of own.weeks) expectSameKpis(w.kpis, expectedKpis(sent, north, Date.parse(w.window.from), Date.parse(w.window.to), asOf, settings), w.week)
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/trends/weekly?region=华东', headers: auth('regional') })
    expect(res.statusCode).toBe(403)
  })

  it('rejects bad parameters with 400 naming the parameter', async () => {
    for (const query of ['weeks=0', 'weeks=53', 'weeks=twelve']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/trends/weekly?${query}`, headers: auth('executive') })
      expect(res.statusCode, query).toBe(400)
      expect(res.json().message, query).toContain('weeks')
    }
  })
})
