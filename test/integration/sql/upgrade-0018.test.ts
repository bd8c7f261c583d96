// Upgrading a data directory across 0018 (the orders rollup sorted by time first, under a new name) and 0019
// (the old rollup dropped): orders stored before it are copied once, even when 0018 runs again after an
// interruption, orders written after it reach the new rollup, and the KPI's order counts over both are the
// ones summed here from the events sent.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { validateEvent } from '../../../ingest/validate.ts'
import { EventWriter } from '../../../ingest/writer.ts'
import { ordersIn } from '../../../server/src/kpi/kpis.ts'
import { PLATFORM_SCOPE } from '../../../server/src/kpi/scope.ts'
import type { Window } from '../../../server/src/kpi/window.ts'
import { openStorage, type Storage } from '../../../sql/client.ts'
import { migrate, readMigrations } from '../../../sql/migrate.ts'
import { removeDataDir } from '../../helpers/app.ts'

const MINUTE = 60_000
const now = Date.now()
// whole minutes, so that the windows below can begin on one and inside one
const start = now - (now % MINUTE) - 60 * MINUTE
const dir = mkdtempSync(join(tmpdir(), 'radar-upgrade-'))
let storage: Storage
const sent: Array<{ ts: number; n: number }> = []

/** Order events of `zone`, one created order and one count per minute from `minute` on, for `minutes` minutes. */
function orders(prefix: string, zone: string, minute: number, minutes: number): Array<Record<string, unknown>> {
  return Array.from({ length: minutes }, (_, i) => {
    const ts = start + (minute + i) * MINUTE
    const count = 10 + ((minute + i) % 7)
    sent.push({ ts: ts + 1_000, n: 1 }, { ts: ts + 30_000, n: count })
    return [
      { event_id: `${prefix}-o-${zone}-${i}`, type: 'order.created', ts: ts + 1_000, order_id: `${prefix}-${zone}-${i}`, zone },
      { event_id: `${prefix}-c-${zone}-${i}`, type: 'orders.count', ts: ts + 30_000, zone, count },
    ]
  }).flat()
}

async function write(events: Array<Record<string, unknown>>): Promise<void> {
  const rows = events.map((e) => {
    const v = validateEvent(e, now)
    if (!v.ok) throw new Error(v.error)
    return v.row
  })
  await new EventWriter(storage.client).write(rows)
}

function sentIn(w: Window): number {
  return sent.filter((e) => e.ts >= w.from && e.ts < w.to).reduce((a, e) => a + e.n, 0)
}

async function tables(): Promise<string[]> {
  const rs = await storage.client.query({ query: "SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'orders%' ORDER BY name", format: 'JSONEachRow' })
  return (await rs.json<{ name: string }>()).map((r) => r.name)
}

beforeAll(async () => {
  storage = await openStorage({ dataDir: dir })
  await migrate(storage.client, 17)
  await write([...orders('before', 'sh-pudong', 0, 20), ...orders('before', 'bj-haidian', 5, 20)])
  // 0018 interrupted after its copy and run again: the copy must not count those orders twice
  const m18 = readMigrations().find((m) => m.version === 18)!
  for (const query of m18.statements) await storage.client.command({ query })
  // then the later migrations, which leave orders alone
  expect((await migrate(storage.client)).slice(0, 2)).toEqual(['0018_orders_by_minute', '0019_orders_minute_dropped'])
  await write([...orders('after', 'sh-pudong', 30, 20), ...orders('after', 'gz-tianhe', 35, 20)])
})

afterAll(async () => {
  await storage?.close()
  removeDataDir(dir)
})

it('leaves the new rollup and its view, and drops the old ones', async () => {
  expect(await tables()).toEqual(['orders_by_minute', 'orders_by_minute_mv'])
})

it('counts the orders from before and after the upgrade, once each', async () => {
  const windows: Window[] = [
    { from: start, to: start + 60 * MINUTE },
    // edges inside minutes, on both sides of the upgrade
    { from: start + 12 * MINUTE + 20_000, to: start + 41 * MINUTE + 5_000 },
  ]
  for (const w of windows) {
    const [counts] = await ordersIn(storage.client, [PLATFORM_SCOPE], w)
    expect(counts?.window, JSON.stringify(w)).toBe(sentIn(w))
  }
  expect(sentIn(windows[0]!)).toBeGreaterThan(0)
})
