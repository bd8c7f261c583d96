// GET /api/v1/kpis against the embedded engine: every SPEC §5 KPI, for several scopes and windows, compared
// with the independent computation in test/helpers/kpi-oracle.ts over the same events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, businessDay, dayStart } from '../../../server/src/kpi/business-time.ts'
import { BREAKDOWNS, computeKpis, KPI_NAMES, listedZones, ticketKpiParams, ticketKpiRows, type Breakdown } from '../../../server/src/kpi/kpis.ts'
import { STORED_ONLY, ticketPartsRead } from '../../../server/src/kpi/ticket-kpi-hours.ts'
import { namedQuery } from '../../../sql/queries.ts'
import { PLATFORM_SCOPE } from '../../../server/src/kpi/scope.ts'
import { auth, getJson, removeDataDir, startTestApp, TEST_ZONES, type TestApp } from '../../helpers/app.ts'
import { buildHistory, shuffle, spell } from '../../helpers/history.ts'
import { expectedBreakdown, expectedKpis, type OracleScope, type SentEvent } from '../../helpers/kpi-oracle.ts'

const TZ = 'Asia/Shanghai'
const settings = { tz: TZ, peaks: [[660, 780], [1020, 1200]] as Array<[number, number]>, promoDays: ['06-18', '11-11'], coupon: 5 }

let t: TestApp
let sent: SentEvent[]
const now = Date.now()
const today = businessDay(now, TZ)
const days = [addDays(today, -2), addDays(today, -1), today]

const zoneOf = (id: string) => TEST_ZONES.find((z) => z.id === id)
const scopes: Record<string, { query: string; scope: OracleScope }> = {
  platform: { query: '', scope: { inScope: () => true } },
  region: { query: 'region=华东', scope: { inScope: (z) => zoneOf(z)?.region === '华东', agentRegions: ['华东'] } },
  agentsRegion: { query: 'region=华北', scope: { inScope: (z) => zoneOf(z)?.region === '华北', agentRegions: ['华北'] } },
  city: { query: 'city=上海', scope: { inScope: (z) => zoneOf(z)?.city === '上海' } },
  zone: { query: 'zone=bj-haidian', scope: { inScope: (z) => z === 'bj-haidian' } },
  unknown: { query: 'region=unknown', scope: { inScope: (z) => !zoneOf(z), agentRegions: ['unknown'] } },
}

function expectSame(actual: Record<string, unknown>, expected: Record<string, number | string | null>, label: string) {
  for (const [k, e] of Object.entries(expected)) {
    const a = actual[k]
    if (typeof e === 'string') expect(a, `${label}: ${k}`).toBe(e)
    else if (e === null) expect(a, `${label}: ${k}`).toBeNull()
    else expect(Math.abs((a as number) - e), `${label}: ${k} = ${String(a)}, expected ${e}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(e)))
  }
}

async function post(events: SentEvent[], ndjson: boolean) {
  const payload = events.map((e, i) => ({ ...e, ts: spell(e.ts, (i * 7919) % 1000 / 1000) }))
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: { ...auth('ingest'), 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' },
    payload: ndjson ? payload.map((e) => JSON.stringify(e)).join('\n') : JSON.stringify(payload),
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { accepted: number; duplicates: number; rejected: unknown[] }
}

beforeAll(async () => {
  t = await startTestApp()
  sent = buildHistory({ zones: [...TEST_ZONES.map((z) => z.id), 'xx-nowhere'], dayStarts: days.map((d) => dayStart(d, TZ)), now, seed: 7, ticketsPerZoneDay: 25 })
  const shuffled = shuffle([...sent], 11)
  let accepted = 0
  for (let i = 0; i < shuffled.length; i += 700) accepted += (await post(shuffled.slice(i, i + 700), (i / 700) % 2 === 0)).accepted
  expect(accepted).toBe(sent.length)
})

afterAll(async () => {
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

describe('GET /api/v1/kpis', () => {
  const windows = {
    'a whole business day': () => ({ query: `from=${days[1]}&to=${days[2]}`, from: dayStart(days[1] as string, TZ), to: dayStart(days[2] as string, TZ) }),
    'minute-unaligned edges in UTC': () => {
      const from = dayStart(days[0] as string, TZ) + 10 * 3_600_000 + 30_500
      const to = dayStart(days[1] as string, TZ) + 13 * 3_600_000 + 17 * 60_000 + 45_250
      return { query: `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`, from, to }
    },
    'today so far (default)': () => ({ query: '', from: dayStart(today, TZ), to: undefined }),
  }

  for (const [wname, w] of Object.entries(windows)) {
    for (const [sname, s] of Object.entries(scopes)) {
      it(`${sname} over ${wname} equals the independent computation`, async () => {
        const { query, from, to } = w()
        const body = await getJson<{ window: { to: string }; kpis: Record<string, unknown> } & Record<`by_${Breakdown}`, Array<Record<string, unknown>>>>(
          t.app,
          `/api/v1/kpis?${[s.query, query, ...BREAKDOWNS.map((b) => `by=${b}`)].filter(Boolean).join('&')}`,
        )
        // "Today so far" ends at the server's clock; the window it echoes is the one to recompute.
        const asOf = to === undefined ? Date.parse(body.window.to) : Date.now()
        const expected = expectedKpis(sent, s.scope, from, to ?? asOf, asOf, settings)
        expect(Object.keys(body.kpis).sort()).toEqual([...KPI_NAMES].sort())
        expectSame(body.kpis, expected, `${sname}/${wname}`)
        for (const dim of BREAKDOWNS) {
          const rows = expectedBreakdown(sent, s.scope, from, to ?? asOf, asOf, settings, dim)
          const actual = body[`by_${dim}`]
          expect(actual.map((r) => r[dim])).toEqual(rows.map((r) => r[dim]))
          rows.forEach((row, i) => expectSame(actual[i] as Record<string, unknown>, row, `${sname}/${wname}/${dim}=${String(row[dim])}`))
        }
      })
    }
  }

  // Both kinds of hour: whole ones read from the stored partials, and those the edges cut, computed.
  it('reads only the breakdowns asked for, and the same KPIs as with all of them', async () => {
    const { from, to } = windows['minute-unaligned edges in UTC']()
    const asked = ['category'] as const
    const [rows] = await ticketKpiRows(t.app.clickhouse, [PLATFORM_SCOPE], { from, to }, t.config, to, asked)
    expect(new Set(rows!.map((r) => r.dim))).toEqual(new Set(['all', 'category']))
    const all = await computeKpis(t.app.clickhouse, PLATFORM_SCOPE, { from, to }, t.config, to, BREAKDOWNS)
    const some = await computeKpis(t.app.clickhouse, PLATFORM_SCOPE, { from, to }, t.config, to, asked)
    expect(some).toEqual({ kpis: all.kpis, breakdowns: { category: all.breakdowns.category } })
  })

  // A whole day of stored hours: what ClickHouse reads for the platform alone against every breakdown.
  it('reads the stored rows of the breakdowns asked for only, not those of every dim', async () => {
    const window = { from: dayStart(days[1] as string, TZ), to: dayStart(days[2] as string, TZ) }
    const rowsRead = async (breakdowns: readonly Breakdown[]) => {
      const parts = await ticketPartsRead(t.app.clickhouse, listedZones([PLATFORM_SCOPE]), window, t.config, now)
      expect(parts.swap).toEqual(STORED_ONLY)
      const rs = await t.app.clickhouse.query({ query: namedQuery('kpi_tickets', parts.swap), query_params: ticketKpiParams([PLATFORM_SCOPE], parts, t.config, breakdowns), format: 'JSON' })
      return Number((await rs.json<unknown>()).statistics?.rows_read)
    }
    const [alone, every] = [await rowsRead([]), await rowsRead(BREAKDOWNS)]
    // The zone-hours' 'all' rows twice (the latest-version set, and the rows) against those and a row per
    // breakdown value (here about one ticket a zone-hour: 'all' and one per breakdown). Were the dims' rows
    // in the same granules, both reads would read every row.
    expect(alone).toBeGreaterThan(0)
    expect(alone * 3).toBeLessThan(every)
  })

  it('answers SPEC §7\'s breakdowns, channel and category, unless asked for others or none, and names a bad one', async () => {
    const url = `/api/v1/kpis?from=${days[1]}&to=${days[2]}`
    const plain = await getJson<Record<string, unknown>>(t.app, url)
    expect(Object.keys(plain).sort()).toEqual(['by_category', 'by_channel', 'kpis', 'scope', 'window'])
    const asked = await getJson<Record<string, unknown>>(t.app, `${url}&by=priority`)
    expect(Object.keys(asked).sort()).toEqual(['by_priority', 'kpis', 'scope', 'window'])
    expect(asked.kpis).toEqual(plain.kpis)
    const alone = await getJson<Record<string, unknown>>(t.app, `${url}&by=none`)
    expect(Object.keys(alone).sort()).toEqual(['kpis', 'scope', 'window'])
    expect(alone.kpis).toEqual(plain.kpis)
    for (const query of ['by=region', 'by=channel&by=channel', 'by=none&by=channel']) {
      const res = await t.app.inject({ method: 'GET', url: `${url}&${query}`, headers: auth('ops') })
      expect(res.statusCode, query).toBe(400)
      expect(res.json().message, query).toContain('querystring/by')
    }
  })

  it('has data in every checked scope, so the comparisons above are not all zeros', async () => {
    const { kpis } = await getJson<{ kpis: Record<string, number> }>(t.app, `/api/v1/kpis?zone=bj-haidian&from=${days[1]}&to=${days[2]}`)
    expect(kpis.tickets).toBeGreaterThan(10)
    expect(kpis.orders).toBeGreaterThan(100)
    expect(kpis.csat_n).toBeGreaterThan(0)
    const unknown = await getJson<{ kpis: Record<string, number> }>(t.app, `/api/v1/kpis?region=unknown&from=${days[1]}&to=${days[2]}`)
    expect(unknown.kpis.tickets).toBeGreaterThan(10)
  })

  it('puts a ticket 1 ms before business midnight on the earlier day', async () => {
    const midnight = dayStart(today, TZ)
    const before = await getJson<{ kpis: Record<string, number> }>(t.app, `/api/v1/kpis?from=${new Date(midnight - 1).toISOString()}&to=${new Date(midnight).toISOString()}`)
    const after = await getJson<{ kpis: Record<string, number> }>(t.app, `/api/v1/kpis?from=${new Date(midnight).toISOString()}&to=${new Date(midnight + 1).toISOString()}`)
    expect(before.kpis.tickets).toBe(1)
    expect(after.kpis.tickets).toBe(1)
  })

  it('counts a re-sent batch once and reports it as duplicates', async () => {
    const url = `/api/v1/kpis?from=${days[0]}&to=${days[2]}`
    const before = await getJson<{ kpis: Record<string, unknown> }>(t.app, url)
    const again = await post(sent.slice(0, 300), false)
    expect(again).toEqual({ accepted: 0, duplicates: 300, rejected: [] })
    const after = await getJson<{ kpis: Record<string, unknown> }>(t.app, url)
    expect(after.kpis.tickets).toBe(before.kpis.tickets)
    expect(after.kpis.orders).toBe(before.kpis.orders)
    expect(after.kpis.compensation_cny).toBe(before.kpis.compensation_cny)
  })
})
