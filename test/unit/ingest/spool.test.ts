// The local spool (SPEC §4.1): what a replay takes from it at once — the oldest segments, in order, as many
// as fit in one group commit, so a long outage drains in full groups rather than one write per batch.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { EventRow } from '../../../ingest/events.ts'
import { Spool } from '../../../ingest/spool.ts'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function spoolWith(batchSizes: number[]): Spool {
  const dir = mkdtempSync(join(tmpdir(), 'radar-spool-'))
  dirs.push(dir)
  const spool = new Spool(dir, 1024 ** 3)
  let n = 0
  for (const size of batchSizes) spool.append(Array.from({ length: size }, () => ({ event_id: `e-${n++}` }) as EventRow))
  return spool
}

const ids = (rows: EventRow[]) => rows.map((r) => r.event_id)

describe('Spool.oldest', () => {
  it('takes the oldest segments in order while they fit in the rows asked for, then the next ones', () => {
    const spool = spoolWith([3, 4, 2, 5])
    const first = spool.oldest(9)
    expect(first?.names).toHaveLength(3)
    expect(ids(first?.rows ?? [])).toEqual(Array.from({ length: 9 }, (_, i) => `e-${i}`))
    for (const name of first?.names ?? []) spool.remove(name)
    expect(ids(spool.oldest(9)?.rows ?? [])).toEqual(['e-9', 'e-10', 'e-11', 'e-12', 'e-13'])
  })

  it('takes one segment larger than the rows asked for on its own, and nothing from an empty spool', () => {
    const spool = spoolWith([12, 1])
    expect(spool.oldest(10)?.rows).toHaveLength(12)
    expect(spoolWith([]).oldest(10)).toBeUndefined()
  })
})
