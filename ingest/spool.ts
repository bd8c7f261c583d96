// The local spool (SPEC §4.1: 200 means durable). When ClickHouse cannot take a batch, its rows are
// appended to a segment file and fsynced before the client hears 200; a background loop replays segments
// in order once storage answers again, through the same exactly-once write, so a row that did reach
// ClickHouse before the failure is dropped as a duplicate on replay. The spool is bounded: when it is
// full, ingest answers 503 rather than accept what it cannot keep.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { EventRow } from './events.ts'

export class SpoolFullError extends Error {
  override name = 'SpoolFullError'
}

export interface SpoolStats {
  segments: number
  bytes: number
  /** The most bytes the spool has held since start-up. */
  peakBytes: number
}

const SEGMENT = /^segment-(\d{12})\.ndjson$/

export class Spool {
  #next: number
  #bytes: number
  #peak: number

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {
    mkdirSync(dir, { recursive: true })
    // A .tmp file is a batch whose append never finished, so it was never acknowledged.
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.tmp'))) rmSync(join(dir, f))
    const existing = this.segments()
    this.#next = existing.length > 0 ? Number(SEGMENT.exec(existing.at(-1) as string)?.[1]) + 1 : 0
    this.#bytes = existing.reduce((n, f) => n + statSync(join(dir, f)).size, 0)
    this.#peak = this.#bytes
  }

  stats(): SpoolStats {
    return { segments: this.segments().length, bytes: this.#bytes, peakBytes: this.#peak }
  }

  isEmpty(): boolean {
    return this.segments().length === 0
  }

  /** Appends one batch as a new segment and returns once it is on disk. */
  append(rows: readonly EventRow[]): void {
    const text = `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`
    const size = Buffer.byteLength(text)
    if (this.#bytes + size > this.maxBytes) throw new SpoolFullError(`the local spool is full (${this.#bytes} of ${this.maxBytes} bytes)`)
    const name = `segment-${String(this.#next++).padStart(12, '0')}.ndjson`
    // Written under a temporary name and renamed, so a crash mid-write never leaves half a segment to replay.
    const tmp = join(this.dir, `${name}.tmp`)
    const fd = openSync(tmp, 'w')
    try {
      writeSync(fd, text)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameDurably(tmp, join(this.dir, name), this.dir)
    this.#bytes += size
    this.#peak = Math.max(this.#peak, this.#bytes)
  }

  /**
   * The oldest segments, in order, as many as fit in `maxRows` rows together (at least one), or undefined
   * when the spool is empty: a replay writes them as one batch instead of one write per acknowledged batch.
   */
  oldest(maxRows: number): { names: string[]; rows: EventRow[] } | undefined {
    const names: string[] = []
    const rows: EventRow[] = []
    for (const name of this.segments()) {
      const segment = this.#rows(name)
      if (names.length > 0 && rows.length + segment.length > maxRows) break
      names.push(name)
      for (const row of segment) rows.push(row)
    }
    return names.length === 0 ? undefined : { names, rows }
  }

  #rows(name: string): EventRow[] {
    const text = readFileSync(join(this.dir, name), 'utf8')
    return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as EventRow)
  }

  /** Forgets a segment once its rows are in ClickHouse. */
  remove(name: string): void {
    const path = join(this.dir, name)
    const size = statSync(path).size
    rmSync(path)
    this.#bytes -= size
  }

  segments(): string[] {
    return readdirSync(this.dir).filter((f) => SEGMENT.test(f)).sort()
  }
}

/** rename is atomic; an fsync of the directory makes the new name itself survive a power cut. */
function renameDurably(from: string, to: string, dir: string): void {
  renameSync(from, to)
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
