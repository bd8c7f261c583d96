// Stores validated events exactly once. ClickHouse's block de-duplication cannot be relied on (chDB runs
// with non_replicated_deduplication_window = 0), so every batch is checked against `event_ids` and written
// in one critical section: two batches carrying the same event_id can never both pass the check.
// Batches that arrive while a write is running, or less than INSERT_SPACING_MS after the last one began, are
// written together by the next one (a group commit): an insert costs ClickHouse about 65 ms and 80 ms of CPU
// however few its rows (a part for events and for each of its materialized views), so a stream of small
// batches written one by one would hold the engine most of the time.
import type { ClickHouseClient } from '@clickhouse/client'
import type { EventRow } from './events.ts'
import { runQuery } from '../sql/queries.ts'
import type { SeenIds } from './seen-ids.ts'
import { TicketCreation } from './ticket-creation.ts'

const LOOKUP_CHUNK = 2_000
/** At most this many rows per group commit, so that one insert stays well inside the ingest timeout. */
const GROUP_MAX_ROWS = 10_000
/**
 * Group writes begin at least this far apart: at most 4 inserts a second whatever the number of batches,
 * for at most this much longer until a batch is acknowledged. A batch after a quiet spell is written at once.
 */
const INSERT_SPACING_MS = 250

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
  #running: Promise<void> | undefined
  #lastInsertAt = Number.NEGATIVE_INFINITY
  readonly #listeners = new Set<WriteListener>()
  readonly #creation: TicketCreation

  constructor(
    private readonly client: ClickHouseClient,
    /** Runs before every insert into `events`; the fault-injection switch of ingest/faults.ts hooks in here. */
    private readonly beforeInsert: () => Promise<void> = async () => undefined,
    /** When this process is the only writer: the ids it may have stored, to skip most lookups. */
    private readonly seen?: SeenIds,
  ) {
    this.#creation = new TicketCreation(client)
  }

  /** Writes the rows not stored before; resolves once they are durable in ClickHouse. */
  write(rows: EventRow[]): Promise<WriteResult> {
    return new Promise((done, failed) => {
      this.#queue.push({ rows, done, failed })
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
      const wait = this.#lastInsertAt + INSERT_SPACING_MS - performance.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
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
      await this.beforeInsert()
      await this.client.insert({ table: 'events', values: fresh, format: 'JSONEachRow' })
      for (const row of fresh) this.seen?.add(row.event_id)
      await this.#creation.settle(fresh)
      for (const listener of this.#listeners) listener(fresh)
    }
    return results
  }

  async #alreadyStored(all: string[]): Promise<Set<string>> {
    const stored = new Set<string>()
    const ids = this.seen ? all.filter((id) => this.seen?.mayHave(id)) : all
    // Chunked so the bound parameter stays well inside a ClickHouse server's URL limit (http_max_uri_size).
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const found = await runQuery<{ event_id: string }>(this.client, 'stored_event_ids', { ids: ids.slice(i, i + LOOKUP_CHUNK) })
      for (const r of found) stored.add(r.event_id)
    }
    return stored
  }
}
