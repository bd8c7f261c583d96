// The stored KPI partials and the agent snapshot (sql/migrations/0011_kpi_rollups.sql): KPIs read from them
// must stay equal to the independent computation of test/helpers/kpi-oracle.ts when events land later in
// hours already computed, when read at later times than they were computed at, for windows that end inside
// an hour, with other peak settings, and when an agent.status event arrives late for a day already
// snapshotted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, businessDay, dayStart } from '../../../server/src/kpi/business-time.ts'
import { BREAKDOWNS, computeKpis, type Kpis } from '../../../server/src/kpi/kpis.ts'
import { PLATFORM_SCOPE } from '../../../server/src/kpi/scope.ts'
import { postEvents, removeDataDir, startTestApp, TEST_ZONES, type TestApp } from '../../helpers/app.ts'
import { buildHistory } from '../../helpers/history.ts'
import { expectedKpis, type OracleSettings, type SentEvent } from '../../helpers/kpi-oracle.ts'
import { EVERY_ZONE, STORED_ONLY, ticketPartsRead } from '../../../server/src/kpi/ticket-kpi-hours.ts'

const TZ = 'Asia/Shanghai'
const oracleSettings: OracleSettings = { tz: TZ, peaks: [[660, 780], [1020, 1200]], promoDays: ['06-18', '11-11'], coupon: 5 }
const everyone = { inScope: () => true }
const HOUR = 3_600_000

let t: TestApp
const now = Date.now()
const yesterday = addDays(businessDay(now, TZ), -1)
const window = { from: dayStart(yesterday, TZ), to: dayStart(addDays(yesterday, 1), TZ) }

async function post(events: SentEvent[]) {
  for (let i = 0; i < events.length; i += 1_000) {
    const r = await postEvents(t.app, events.slice(i, i + 1_000))
    expect(r.rejected).toEqual([])
  }
}

async function storedRows(): Promise<number> {
  const rs = await t.app.clickhouse.query({ query: 'SELECT count() AS n FROM ticket_kpi_hours', format: 'JSONEachRow' })
  return Number((await rs.json<{ n: string }>())[0]?.n)
}

/**
 * The stored partials of the zone-hour holding `at`: how many tickets its latest version counts, and how
 * many rows of any version hold the breakdown value `key`.
 */
async function zoneHourRows(zone: string, at: number, key: string): Promise<{ tickets: number; keyRows: number }> {
  const rs = await t.app.clickhouse.query({
    query: `SELECT argMaxIf(ticket_count, source_rows, dim = 'all') AS tickets, countIf(key = {key:String}) AS key_rows
            FROM ticket_kpi_hours
            WHERE zone = {zone:String} AND created_hour = toStartOfHour(fromUnixTimestamp64Milli({at:Int64}, 'UTC'))`,
    query_params: { zone, at, key },
    format: 'JSONEachRow',
  })
  const [row] = await rs.json<{ tickets: string; key_rows: string }>()
  return { tickets: Number(row?.tickets), keyRows: Number(row?.key_rows) }
}

function expectKpis(actual: Kpis, expected: Record<string, number | null>) {
  for (const [k, e] of Object.entries(expected)) {
    const a = actual[k as keyof Kpis]
    if (e === null) expect(a, k).toBeNull()
    else expect(Math.abs((a as number) - e), `${k} = ${String(a)}, expected ${e}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(e)))
  }
}

beforeAll(async () => {
  t = await startTestApp()
})

afterAll(async () => {
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

describe('stored KPI partials', () => {
  const history = buildHistory({ zones: TEST_ZONES.map((z) => z.id), dayStarts: [window.from], now, seed: 23, ticketsPerZoneDay: 40 })
  // what a helpdesk sends hours later: ratings, reopenings, follow-ups, second resolutions
  const late = new Set(['ticket.rated', 'ticket.reopened', 'ticket.followed_up'])
  const first = history.filter((e) => !late.has(e.type))
  const later = history.filter((e) => late.has(e.type))

  it('are computed for a window, then brought up to date when later events land in hours already computed', async () => {
    await post(first)
    const before = await computeKpis(t.app.clickhouse, PLATFORM_SCOPE, window, t.config, now, BREAKDOWNS)
    expectKpis(before.kpis, expectedKpis(first, everyone, window.from, window.to, now, oracleSettings))
    expect(await storedRows()).toBeGreaterThan(0)

    await post(later)
    const after = await computeKpis(t.app.clickhouse, PLATFORM_SCOPE, window, t.config, now, BREAKDOWNS)
    expectKpis(after.kpis, expectedKpis(history, everyone, window.from, window.to, now, oracleSettings))
    // the later events changed what the stored partials held
    expect(after.kpis.repeat_rate).not.toBe(before.kpis.repeat_rate)
    expect(after.kpis.csat_n).toBeGreaterThan(0)
  })

  it('are stored for an hour still moving, and read later with the ages of that later time', async () => {
    const zone = 'sh-xuhui'
    const hourStart = dayStart(yesterday, TZ) + 14 * HOUR
    const created = hourStart + 5 * 60_000
    const ticket = { event_id: 'rollup-unanswered', type: 'ticket.created', ts: created, ticket_id: 'rollup-1', zone, channel: 'app', category: 'delay', priority: 'urgent' }
    const before = (await zoneHourRows(zone, created, '')).tickets
    await post([ticket])
    const hour = { from: hourStart, to: hourStart + HOUR }
    const scope = { inScope: (z: string) => z === zone }
    const zoneScope = { ...PLATFORM_SCOPE, zones: [zone], excludeZones: false }
    // as the hour was happening: unanswered 30 s, 200 s and 1,000 s after creation, then today
    const seen: Kpis[] = []
    for (const at of [created + 30_000, created + 200_000, created + 1_000_000, now]) {
      const { kpis } = await computeKpis(t.app.clickhouse, zoneScope, hour, t.config, at, BREAKDOWNS)
      expectKpis(kpis, expectedKpis([...history, ticket], scope, hour.from, hour.to, at, oracleSettings))
      seen.push(kpis)
      // from the stored partials alone, no hour computed from the tickets
      expect((await ticketPartsRead(t.app.clickhouse, EVERY_ZONE, hour, t.config, at)).swap).toEqual(STORED_ONLY)
    }
    expect(new Set(seen.map((k) => k.promise_breaches)).size).toBeGreaterThan(1)
    expect(new Set(seen.map((k) => k.urgent_sla_breaches)).size).toBeGreaterThan(1)
    // the first read stored the zone-hour with the new ticket
    expect((await zoneHourRows(zone, created, '')).tickets).toBe(before + 1)
  })

  it('are read for a window ending inside an hour only while no ticket of that hour is created after its end', async () => {
    // an hour outside the history, whose tickets are all the test's
    const zone = 'bj-chaoyang'
    const hourStart = dayStart(addDays(yesterday, -2), TZ) + 3 * HOUR
    const window = { from: hourStart, to: hourStart + 30 * 60_000 }
    const zoneScope = { ...PLATFORM_SCOPE, zones: [zone], excludeZones: false }
    const scope = { inScope: (z: string) => z === zone }
    const ticket = (id: string, ts: number): SentEvent => ({ event_id: id, type: 'ticket.created', ts, ticket_id: id, zone, channel: 'phone', category: 'fee', priority: 'normal' })
    const inside = ticket('rollup-cut-in', hourStart + 10 * 60_000)
    const after = ticket('rollup-cut-after', hourStart + 40 * 60_000)
    const read = async (sent: SentEvent[]) => {
      const { kpis } = await computeKpis(t.app.clickhouse, zoneScope, window, t.config, now, BREAKDOWNS)
      expectKpis(kpis, expectedKpis([...history, ...sent], scope, window.from, window.to, now, oracleSettings))
      return ticketPartsRead(t.app.clickhouse, EVERY_ZONE, window, t.config, now)
    }
    await post([inside])
    // every ticket of the hour so far was created before the window's end: stored partials alone
    expect((await read([inside])).swap).toEqual(STORED_ONLY)
    // one created after it: the hour is computed from its tickets, and the later ticket stays out
    await post([after])
    const cut = await read([inside, after])
    expect(cut.swap).toEqual({})
    expect(cut.params.computed_hours).toEqual([hourStart / 1000])
  })

  it('are read from their latest version only, when a breakdown value of an older one is gone', async () => {
    // a settled zone-hour outside the history, holding one ticket
    const hourStart = dayStart(addDays(yesterday, -1), TZ) + 10 * HOUR
    const hour = { from: hourStart, to: hourStart + HOUR }
    const zoneScope = { ...PLATFORM_SCOPE, zones: ['hz-xihu'], excludeZones: false }
    const created = { type: 'ticket.created', ts: hourStart + 60_000, ticket_id: 'rollup-recreated', zone: 'hz-xihu', category: 'delay' }
    const channels = async () => (await computeKpis(t.app.clickhouse, zoneScope, hour, t.config, now, BREAKDOWNS)).breakdowns.channel
    await post([{ ...created, event_id: 'rollup-recreated-1', channel: 'app' }])
    expect(await channels()).toMatchObject([{ channel: 'app', tickets: 1 }])
    // the same ticket created again with another channel: the zone-hour's new version holds no 'app' row,
    // while its older version's 'app' row stays in the table
    await post([{ ...created, event_id: 'rollup-recreated-2', channel: 'social' }])
    expect(await channels()).toMatchObject([{ channel: 'social', tickets: 1 }])
    expect((await zoneHourRows('hz-xihu', hourStart, 'app')).keyRows).toBeGreaterThan(0)
    // another ticket of the zone-hour through the first channel: the value marked deleted is back
    await post([{ ...created, event_id: 'rollup-recreated-other', ticket_id: 'rollup-other', channel: 'app' }])
    expect(await channels()).toMatchObject([{ channel: 'app', tickets: 1 }, { channel: 'social', tickets: 1 }])
  })

  it('hold durations that do not fit 32 bits of ms, and ones below 0, and take exact percentiles of them', async () => {
    // a zone-hour 70 days back, whose tickets are all the test's: first responses stamped before their tickets,
    // and responses and resolutions more than 2^32 ms (49.7 days) after them, which the stored partials keep
    // apart from the 32-bit values (sql/migrations/0020_percentile_values_in_32_bits.sql)
    const DAY = 24 * HOUR
    const hourStart = dayStart(addDays(yesterday, -70), TZ) + 9 * HOUR
    const zone = 'bj-haidian'
    const frts = [-3_000, -2_000, 10_000, 20_000, 30_000, 40_000, 50_000, 55 * DAY, 55 * DAY + 1, 56 * DAY]
    const ttrs = [60_000, 120_000, 180_000, 60 * DAY, 60 * DAY + 5, 61 * DAY, 62 * DAY, 63 * DAY, 64 * DAY, 65 * DAY]
    const created = (i: number) => hourStart + 20 * 60_000 + i * 1_000
    const events: SentEvent[] = frts.flatMap((frt, i) => {
      const ticket = { ticket_id: `rollup-wide-${i}`, zone, channel: i % 2 === 0 ? 'phone' : 'app', category: 'delay' }
      return [
        { event_id: `rollup-wide-${i}-c`, type: 'ticket.created', ts: created(i), ...ticket },
        { event_id: `rollup-wide-${i}-r`, type: 'ticket.responded', ts: created(i) + frt, ticket_id: ticket.ticket_id, responder: 'human' },
        { event_id: `rollup-wide-${i}-s`, type: 'ticket.resolved', ts: created(i) + (ttrs[i] as number), ticket_id: ticket.ticket_id, resolved_by: 'human' },
      ]
    })
    await post(events)
    const zoneScope = { ...PLATFORM_SCOPE, zones: [zone], excludeZones: false }
    const inZone = { inScope: (z: string) => z === zone }
    const ofChannel = (channel: string) => events.filter((e) => e.ticket_id === undefined || Number(String(e.ticket_id).split('-').at(-1)) % 2 === (channel === 'phone' ? 0 : 1))
    // the whole hour, from its stored partials: frt p50 among the 32-bit values, p90 and mttr p50 above them;
    // then the hour's first three tickets (a window ending inside it, computed from the tickets): frt p50 below 0
    const hour = { from: hourStart, to: hourStart + HOUR }
    const firstThree = { from: hourStart, to: created(3) }
    for (const [window, stored] of [[hour, true], [firstThree, false]] as const) {
      const read = await computeKpis(t.app.clickhouse, zoneScope, window, t.config, now, BREAKDOWNS)
      expect((await ticketPartsRead(t.app.clickhouse, EVERY_ZONE, window, t.config, now)).swap).toEqual(stored ? STORED_ONLY : {})
      expectKpis(read.kpis, expectedKpis(events, inZone, window.from, window.to, now, oracleSettings))
      for (const channel of ['phone', 'app']) {
        const row = read.breakdowns.channel.find((r) => r.channel === channel) as unknown as Kpis
        const { tickets, frt_p50_s, frt_p90_s, mttr_p50_s } = expectedKpis(ofChannel(channel), inZone, window.from, window.to, now, oracleSettings)
        expectKpis(row, { tickets, frt_p50_s, frt_p90_s, mttr_p50_s })
      }
    }
    const [whole, first] = await Promise.all([hour, firstThree].map(async (w) => (await computeKpis(t.app.clickhouse, zoneScope, w, t.config, now, [])).kpis))
    expect([whole!.frt_p50_s, whole!.frt_p90_s, whole!.mttr_p50_s]).toEqual([40, (56 * DAY) / 1000, (61 * DAY) / 1000])
    expect(first!.frt_p50_s).toBe(-2)
  })

  it('follow other peak windows when the settings change', async () => {
    const allDay = { ...t.config, PEAK_WINDOWS: [[0, 1440]] as Array<[number, number]> }
    const { kpis } = await computeKpis(t.app.clickhouse, PLATFORM_SCOPE, window, allDay, now, BREAKDOWNS)
    expect(kpis.peak_instant_response_rate).not.toBeNull()
    expect(kpis.peak_instant_response_rate).toBe(kpis.instant_response_rate)
  })
})

describe('agent snapshot', () => {
  it('is computed again when an agent.status arrives late for a day it covers', async () => {
    const at = Date.now()
    const onDuty = async () => (await computeKpis(t.app.clickhouse, PLATFORM_SCOPE, { from: at - HOUR, to: at }, t.config, at, BREAKDOWNS)).kpis.agents_on_duty
    await post([{ event_id: 'snap-on', type: 'agent.status', ts: at - 4 * 24 * HOUR, agent_id: 'snap-agent', status: 'online' }])
    const withAgent = await onDuty()
    // two days before the snapshot's day, after the online: the agent went offline
    await post([{ event_id: 'snap-off', type: 'agent.status', ts: at - 3 * 24 * HOUR, agent_id: 'snap-agent', status: 'offline' }])
    expect(await onDuty()).toBe((withAgent ?? 0) - 1)
  })
})
