// Upgrading a data directory across 0022 (the stored ticket KPI partials' counts in 32 bits, uncompressed):
// the partials stored before it stay and are not computed again, and the KPIs read from them, while
// ClickHouse rewrites their columns and after, are those of the independent computation
// (test/helpers/kpi-oracle.ts).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { validateEvent } from '../../../ingest/validate.ts'
import { EventWriter } from '../../../ingest/writer.ts'
import { loadConfig } from '../../../server/src/config.ts'
import { addDays, businessDay, dayStart } from '../../../server/src/kpi/business-time.ts'
import { BREAKDOWNS, computeKpis } from '../../../server/src/kpi/kpis.ts'
import { PLATFORM_SCOPE } from '../../../server/src/kpi/scope.ts'
import { openStorage, untilNone, type Storage } from '../../../sql/client.ts'
import { migrate } from '../../../sql/migrate.ts'
import { removeDataDir, TEST_ZONES } from '../../helpers/app.ts'
import { expectSameKpis } from '../../helpers/compare.ts'
import { buildHistory } from '../../helpers/history.ts'
import { expectedKpis, type OracleSettings } from '../../helpers/kpi-oracle.ts'

const TZ = 'Asia/Shanghai'
const oracleSettings: OracleSettings = { tz: TZ, peaks: [[660, 780], [1020, 1200]], promoDays: ['06-18', '11-11'], coupon: 5 }
const now = Date.now()
const yesterday = addDays(businessDay(now, TZ), -1)
const window = { from: dayStart(yesterday, TZ), to: dayStart(addDays(yesterday, 1), TZ) }
const history = buildHistory({ zones: TEST_ZONES.map((z) => z.id), dayStarts: [window.from], now, seed: 22, ticketsPerZoneDay: 30 })
const COUNTS = ['ticket_count', 'instant', 'responded', 'responses_over_180s', 'urgent_responses_over_900s', 'peak_responded', 'peak_instant', 'resolved', 'first_contact_resolved', 'reopened', 'rated', 'csat_sum', 'bad_reviews', 'bot_resolved', 'followed_up']

const dir = mkdtempSync(join(tmpdir(), 'radar-upgrade-'))
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn', SIMULATOR: 'off' })
let storage: Storage

async function rows<T>(query: string): Promise<T[]> {
  return (await storage.client.query({ query, format: 'JSONEachRow' })).json<T>()
}

/** Every KPI of the window, with each breakdown, as SPEC §5 and the oracle define them. */
async function expectOracleKpis(label: string) {
  const read = await computeKpis(storage.client, PLATFORM_SCOPE, window, config, now, BREAKDOWNS)
  expectSameKpis(read.kpis, expectedKpis(history, { inScope: () => true }, window.from, window.to, now, oracleSettings), label)
  return read
}

beforeAll(async () => {
  storage = await openStorage({ dataDir: dir })
  await migrate(storage.client, 21)
  const validated = history.map((e) => validateEvent(e, now))
  expect(validated.filter((v) => !v.ok)).toEqual([])
  await new EventWriter(storage.client).write(validated.flatMap((v) => (v.ok ? [v.row] : [])))
})

afterAll(async () => {
  await storage?.close()
  removeDataDir(dir)
})

it('keeps the stored partials, reads their counts as 32-bit uncompressed columns, and the same KPIs from them', async () => {
  // the read stores the window's partials with 0021's columns
  const before = await expectOracleKpis('before 0022')
  const [stored] = await rows<{ n: string }>('SELECT count() AS n FROM ticket_kpi_hours')
  expect(Number(stored?.n)).toBeGreaterThan(0)

  expect(await migrate(storage.client)).toEqual(['0022_partial_counts_in_32_bits'])
  const columns = await rows<{ name: string; type: string; compression_codec: string }>(
    "SELECT name, type, compression_codec FROM system.columns WHERE database = currentDatabase() AND table = 'ticket_kpi_hours' AND type LIKE 'UInt%' ORDER BY position",
  )
  expect(columns.filter((c) => c.type === 'UInt32').map((c) => c.name)).toEqual(COUNTS)
  expect(columns.filter((c) => c.type === 'UInt32').every((c) => c.compression_codec === 'CODEC(NONE)')).toBe(true)

  // while the columns are rewritten, and once they are
  await expectOracleKpis('just after 0022')
  await untilNone(storage.client, "SELECT count() AS n FROM system.mutations WHERE table = 'ticket_kpi_hours' AND NOT is_done", 30_000, 50)
  const after = await expectOracleKpis('after the rewrite')
  expect(after.breakdowns).toEqual(before.breakdowns)
  // no zone-hour was computed again: a refresh would have added rows of a new version
  const [kept] = await rows<{ n: string }>('SELECT count() AS n FROM ticket_kpi_hours')
  expect(kept?.n).toBe(stored?.n)
})
