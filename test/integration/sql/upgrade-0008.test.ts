// Upgrading a data directory from the 0008 schema across 0009 (ticket facts and zones join ticket_state)
// and 0010 (ticket_summary, one row per ticket): events stored under 0008, as its writer stamped them,
// must give the same KPIs afterwards as the independent reading of SPEC §5 — and so must lifecycle events
// ingested after the upgrade for tickets created before it.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { validateEvent } from '../../../ingest/validate.ts'
import { EventWriter } from '../../../ingest/writer.ts'
import { addDays, businessDay, dayStart } from '../../../server/src/kpi/business-time.ts'
import { BREAKDOWNS, computeKpis } from '../../../server/src/kpi/kpis.ts'
import { PLATFORM_SCOPE, resolveScope, type Scope } from '../../../server/src/kpi/scope.ts'
import { ZoneRegistry } from '../../../server/src/zones/registry.ts'
import { openStorage, type Storage } from '../../../sql/client.ts'
import { migrate } from '../../../sql/migrate.ts'
import { removeDataDir, TEST_ZONES } from '../../helpers/app.ts'
import { buildHistory } from '../../helpers/history.ts'
import { expectedKpis, type OracleScope, type SentEvent } from '../../helpers/kpi-oracle.ts'

const TZ = 'Asia/Shanghai'
const settings = { TZ_BUSINESS: TZ, PEAK_WINDOWS: [[660, 780], [1020, 1200]] as Array<[number, number]>, PROMOTION_DAYS: ['06-18', '11-11'], COUPON_CNY: 5 }
const oracle = { tz: TZ, peaks: settings.PEAK_WINDOWS, promoDays: settings.PROMOTION_DAYS, coupon: 5 }
const now = Date.now()
const today = businessDay(now, TZ)
const days = [addDays(today, -1), today]
const dir = mkdtempSync(join(tmpdir(), 'radar-upgrade-'))
let storage: Storage
let sent: SentEvent[]

/** Stores events the way the 0008 writer did: lifecycle rows stamped with their ticket's creation, when known. */
async function storeAs0008(events: SentEvent[]) {
  const created = new Map(events.filter((e) => e.type === 'ticket.created').map((e) => [e.ticket_id as string, e.ts]))
  const rows = events.map((e, i) => {
    const v = validateEvent(e, now)
    if (!v.ok) throw new Error(`${e.event_id}: ${v.error}`)
    const { ticket_zone: _, ...row } = v.row
    // every third lifecycle "arrived before its ticket" and keeps creation time 0 (day 1970-01-01)
    const lifecycle = row.type.startsWith('ticket.') && row.type !== 'ticket.created'
    return lifecycle && i % 3 !== 0 ? { ...row, ticket_created_at: created.get(row.ticket_id) ?? 0 } : row
  })
  await storage.client.insert({ table: 'events', values: rows, format: 'JSONEachRow' })
}

beforeAll(async () => {
  storage = await openStorage({ dataDir: dir })
  await migrate(storage.client, 8)
  await new ZoneRegistry(storage.client).replace(TEST_ZONES)
  sent = buildHistory({ zones: TEST_ZONES.map((z) => z.id), dayStarts: days.map((d) => dayStart(d, TZ)), now, seed: 3, ticketsPerZoneDay: 20 })
  // Everything but the last lifecycle event of each ticket goes in before the upgrade, the rest after.
  const lastOfTicket = new Map<string, SentEvent>()
  for (const e of sent) if (typeof e.ticket_id === 'string' && e.type !== 'ticket.created') lastOfTicket.set(e.ticket_id, e)
  const after = new Set(lastOfTicket.values())
  await storeAs0008(sent.filter((e) => !after.has(e)))
  expect(await migrate(storage.client)).toEqual(expect.arrayContaining(['0009_ticket_facts_in_state', '0010_ticket_summary']))
  const writer = new EventWriter(storage.client)
  await writer.write([...after].map((e) => {
    const v = validateEvent(e, now)
    if (!v.ok) throw new Error(v.error)
    return v.row
  }))
}, 120_000)

afterAll(async () => {
  await storage?.close()
  removeDataDir(dir)
})

it('gives every KPI of the platform, a region and a zone as the independent computation, before and after the upgrade', async () => {
  const registry = new ZoneRegistry(storage.client)
  await registry.load()
  const admin = { name: 'test', role: 'admin' as const }
  const cases: Array<[string, Scope, OracleScope]> = [
    ['platform', PLATFORM_SCOPE, { inScope: () => true }],
    ['region 华东', resolveScope({ region: '华东' }, registry, admin), { inScope: (z) => TEST_ZONES.find((x) => x.id === z)?.region === '华东', agentRegions: ['华东'] }],
    ['zone bj-haidian', resolveScope({ zone: 'bj-haidian' }, registry, admin), { inScope: (z) => z === 'bj-haidian' }],
  ]
  const window = { from: dayStart(days[0]!, TZ), to: now }
  for (const [label, scope, oscope] of cases) {
    const { kpis } = await computeKpis(storage.client, scope, window, settings, now, BREAKDOWNS)
    const expected = expectedKpis(sent, oscope, window.from, window.to, now, oracle)
    for (const [k, e] of Object.entries(expected)) {
      const a = kpis[k as keyof typeof kpis]
      if (e === null) expect(a, `${label}: ${k}`).toBeNull()
      else expect(Math.abs((a as number) - (e as number)), `${label}: ${k} = ${String(a)}, expected ${String(e)}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(e as number)))
    }
    expect(kpis.tickets, label).toBeGreaterThan(0)
  }
})
