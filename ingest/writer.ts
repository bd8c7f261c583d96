// Stores validated events exactly once. ClickHouse's block de-duplication cannot be relied on (chDB runs
// with non_replicated_deduplication_window = 0), so every batch is checked against `event_ids` and written
// in one critical section: two batches carrying the same event_id can never both pass the check.
// Batches that arrive while a write is running, or less than `spacingMs` after the last one began, are
// written together by the next one (a group commit): an insert costs ClickHouse about 65 ms and 80 ms of CPU
// however few its rows (a part for events and for each of its materialized views, most of it the file
// system's work), so a stream of small batches written one by one would hold the engine most of the time.
// A full group does not wait: the spacing bounds how often small writes happen, not how much gets written.
// The price is paid by a sender that waits for each acknowledgement: at most 1000 / spacingMs of its
// batches a second, as with ClickHouse's own asynchronous inserts.
import type { ClickHouseClient } from '@clickhouse/client'
import type { EventRow } from './events.ts'
import { runQuery } from '../sql/queries.ts'
import type { SeenIds } from './seen-ids.ts'
import { TicketCreation } from './ticket-creation.ts'

const LOOKUP_CHUNK = 2_000
/**
 * At most this many rows per group commit, so that one insert stays well inside the ingest timeout. A batch
 * this large is a full group and never waits for the spacing (the replay command and the simulator send
 * batches of it).
 */
export const GROUP_MAX_ROWS = 10_000
export interface WriterOptions {
  /** Runs before every insert into `events`; the fault-injection switch of ingest/faults.ts hooks in here. */
  beforeInsert?: () => Promise<void>
  /** When this process is the only writer: the ids it may have stored, to skip most lookups. */
  seen?: SeenIds
  /**
   * Group writes begin at least this far apart unless a full group is waiting (the server passes config
   * INGEST_GROUP_MS; 0, no wait, when not given): at most 1000 / spacingMs small inserts a second whatever
   * the number of batches, for at most this much longer until a batch is acknowledged. A batch after a
   * quiet spell is written at once.
   */
  spacingMs?: number
}

export interface WriteResult {
  accepted: number
  duplicates: number
  /** Positions (in the batch given to `write`) of rows that were already stored or repeated in the batch. */
  duplicateIndexes: number[]
}

export interface RejectedRow {
  principal: string
  row_index: number
  event_id: string
  error: string
  raw: string
}

/** Told about every batch of newly stored rows, after it is durable (alert engine, live push). */
export type WriteListener = (rows: readonly EventRow[]) => void

interface Pending {
  rows: EventRow[]
  done: (result: WriteResult) => void
  failed: (err: unknown) => void
}

export class EventWriter {
  readonly #queue: Pending[] = []
  /** Ends the spacing wait early, set while it lasts. */
  #wake: (() => void) | undefined
  #running: Promise<void> | undefined
  #lastInsertAt = Number.NEGATIVE_INFINITY
  readonly #listeners = new Set<WriteListener>()
  readonly #creation: TicketCreation
  readonly #beforeInsert: () => Promise<void>
  readonly #seen: SeenIds | undefined
  readonly #spacingMs: number

  constructor(
    private readonly client: ClickHouseClient,
    options: WriterOptions = {},
  ) {
    this.#creation = new TicketCreation(client)
    this.#beforeInsert = options.beforeInsert ?? (async () => undefined)
    this.#seen = options.seen
    this.#spacingMs = options.spacingMs ?? 0
  }

  /** Writes the rows not stored before; resolves once they are durable in ClickHouse. */
  write(rows: EventRow[]): Promise<WriteResult> {
    return new Promise((done, failed) => {
      this.#queue.push({ rows, done, failed })
      if (this.#queuedRows() >= GROUP_MAX_ROWS) this.#wake?.()
      this.#running ??= this.#writeQueued()
    })
  }

  /** Subscribes to newly stored rows; returns the unsubscribe. */
  onWrite(listener: WriteListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Keeps rejected rows for admins (GET /api/v1/rejected). */
  async quarantine(rows: RejectedRow[]): Promise<void> {
    if (rows.length > 0) await this.client.insert({ table: 'rejected_events', values: rows, format: 'JSONEachRow' })
  }

  /** Resolves when every write queued so far has finished. */
  async drain(): Promise<void> {
    await this.#running
  }

  /** The critical section: queued batches, a group at a time, until none is left. */
  async #writeQueued(): Promise<void> {
    while (this.#queue.length > 0) {
      const wait = this.#spacingLeft()
      if (wait > 0) await this.#pause(wait)
      this.#lastInsertAt = performance.now()
      const group = this.#nextGroup()
      try {
        const results = await this.#write(group.map((p) => p.rows))
        group.forEach((p, i) => p.done(results[i]!))
      } catch (err) {
        for (const p of group) p.failed(err)
      }
    }
    this.#running = undefined
  }

  /** How long the next insert still waits for the spacing: none once a full group is queued. */
  #spacingLeft(): number {
    return this.#queuedRows() >= GROUP_MAX_ROWS ? 0 : this.#lastInsertAt + this.#spacingMs - performance.now()
  }

  #queuedRows(): number {
    return this.#queue.reduce((n, p) => n + p.rows.length, 0)
  }

  /** Waits `ms`, or until a full group is queued. */
  async #pause(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms)
      this.#wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })
    this.#wake = undefined
  }

  /** The oldest queued batch and those after it, up to GROUP_MAX_ROWS rows (at least one batch). */
  #nextGroup(): Pending[] {
    let rows = this.#queue[0]!.rows.length
    let n = 1
    while (n < this.#queue.length && rows + this.#queue[n]!.rows.length <= GROUP_MAX_ROWS) rows += this.#queue[n++]!.rows.length
    return this.#queue.splice(0, n)
  }

  /** Stores the rows of these batches not stored before, in one insert; a result per batch. */
  async #write(batches: EventRow[][]): Promise<WriteResult[]> {
    const stored = await this.#alreadyStored(batches.flatMap((rows) => rows.map((r) => r.event_id)))
    const seen = new Set<string>()
    const fresh: EventRow[] = []
    const results = batches.map((rows) => {
      const duplicateIndexes: number[] = []
      rows.forEach((row, i) => {
        if (stored.has(row.event_id) || seen.has(row.event_id)) duplicateIndexes.push(i)
        else {
          seen.add(row.event_id)
          fresh.push(row)
        }
      })
      return { accepted: rows.length - duplicateIndexes.length, duplicates: duplicateIndexes.length, duplicateIndexes }
    })
    if (fresh.length > 0) {
      await this.#creation.stamp(fresh)
      await this.#beforeInsert()
      await this.client.insert({ table: 'events', values: fresh, format: 'JSONEachRow' })
      for (const row of fresh) this.#seen?.add(row.event_id)
      await this.#creation.settle(fresh)
      for (const listener of this.#listeners) listener(fresh)
    }
    return results
  }

  async #alreadyStored(all: string[]): Promise<Set<string>> {
    const stored = new Set<string>()
    const ids = this.#seen ? all.filter((id) => this.#seen?.mayHave(id)) : all
    // Chunked so the bound parameter stays well inside a ClickHouse server's URL limit (http_max_uri_size).
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const found = await runQuery<{ event_id: string }>(this.client, 'stored_event_ids', { ids: ids.slice(i, i + LOOKUP_CHUNK) })
      for (const r of found) stored.add(r.event_id)
    }
    return stored
  }
}
