// Durable ingest (SPEC §4.1): a batch is acknowledged once it is in ClickHouse or fsynced in the local
// spool. A failed or timed-out write opens the circuit: later batches go straight to the spool instead of
// each waiting out a timeout, and a background loop replays the spool, oldest segment first, closing the
// circuit when a replay succeeds. A timed-out insert may still complete; the writer's critical section
// waits for it, so the replay's duplicate check sees its rows and nothing is counted twice.
import type { EventRow } from './events.ts'
import { Spool, SpoolFullError } from './spool.ts'
import { GROUP_MAX_ROWS, type EventWriter, type RejectedRow } from './writer.ts'

export interface StoreResult {
  accepted: number
  duplicates: number
  /** True when the rows went to the local spool and reach ClickHouse later. */
  spooled: boolean
}

export interface DurableOptions {
  insertTimeoutMs: number
  onError: (err: unknown, context: string) => void
}

const REPLAY_MIN_MS = 500
const REPLAY_MAX_MS = 10_000

export { SpoolFullError }

export class DurableIngest {
  #circuitOpen = false
  #replayDelay = REPLAY_MIN_MS
  #timer: NodeJS.Timeout | undefined
  #replaying: Promise<void> = Promise.resolve()
  #replayRunning = false
  #stopped = false

  constructor(
    readonly writer: EventWriter,
    readonly spool: Spool,
    private readonly o: DurableOptions,
  ) {
    // Segments left by an earlier run (a crash, an outage at shutdown) are replayed from the start.
    if (!spool.isEmpty()) this.#scheduleReplay(0)
  }

  /** True while writes go to the spool because storage failed. */
  get degraded(): boolean {
    return this.#circuitOpen
  }

  /** Keeps rejected rows for admins; best effort, since the client already has every reason in its answer. */
  async quarantine(rows: RejectedRow[]): Promise<void> {
    try {
      await withTimeout(this.writer.quarantine(rows), this.o.insertTimeoutMs)
    } catch (err) {
      this.o.onError(err, 'quarantine write failed')
    }
  }

  async store(rows: EventRow[]): Promise<StoreResult> {
    if (!this.#circuitOpen) {
      try {
        const r = await withTimeout(this.writer.write(rows), this.o.insertTimeoutMs)
        return { accepted: r.accepted, duplicates: r.duplicates, spooled: false }
      } catch (err) {
        this.o.onError(err, 'storage write failed; spooling')
        this.#circuitOpen = true
        this.#scheduleReplay(REPLAY_MIN_MS)
      }
    }
    return this.#spool(rows)
  }

  /** Stops replaying and waits for a replay in progress. */
  async stop(): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#timer)
    await this.#replaying
    await this.writer.drain()
  }

  #spool(rows: EventRow[]): StoreResult {
    const seen = new Set<string>()
    const unique = rows.filter((r) => !seen.has(r.event_id) && seen.add(r.event_id))
    if (unique.length > 0) this.spool.append(unique)
    return { accepted: unique.length, duplicates: rows.length - unique.length, spooled: true }
  }

  #scheduleReplay(delay: number): void {
    if (this.#stopped || this.#timer || this.#replayRunning) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#replaying = this.#replay()
    }, delay)
  }

  async #replay(): Promise<void> {
    // One replay at a time: a write that fails while one runs must not start a second one on the same
    // segments (both would write the oldest one, and the second would find it already removed).
    this.#replayRunning = true
    let failed = false
    try {
      // Full groups: a replay neither waits for the group commit's spacing nor writes one part per batch.
      for (let seg = this.spool.oldest(GROUP_MAX_ROWS); seg && !this.#stopped; seg = this.spool.oldest(GROUP_MAX_ROWS)) {
        await withTimeout(this.writer.write(seg.rows), this.o.insertTimeoutMs)
        for (const name of seg.names) this.spool.remove(name)
        this.#circuitOpen = false
        this.#replayDelay = REPLAY_MIN_MS
      }
    } catch (err) {
      this.o.onError(err, 'spool replay failed; retrying')
      this.#circuitOpen = true
      this.#replayDelay = Math.min(this.#replayDelay * 2, REPLAY_MAX_MS)
      failed = true
    } finally {
      this.#replayRunning = false
    }
    if (failed) this.#scheduleReplay(this.#replayDelay)
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`storage did not answer within ${ms} ms`)), ms)
  })
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer))
}
