// Stamps lifecycle events with their ticket's creation time, which keys the per-ticket state by creation
// day (sql/migrations/0008_ticket_state_by_day.sql). Most lifecycle events follow their ticket within
// hours, so recent creations are remembered (bounded); the rest are looked up in `ticket_index`. A
// ticket whose ticket.created has not arrived yet gets 0, which queries read as well.
import type { ClickHouseClient } from '@clickhouse/client'
import { runQuery } from '../sql/queries.ts'
import type { EventRow } from './events.ts'

/** Enough for a few days of a large platform's tickets; about 100 bytes each. */
const REMEMBERED = 500_000
const LOOKUP_CHUNK = 2_000

export class TicketCreation {
  readonly #created = new Map<string, number>()

  constructor(private readonly client: ClickHouseClient) {}

  /** Sets `ticket_created_at` on every lifecycle row of a batch about to be stored. */
  async stamp(rows: EventRow[]): Promise<void> {
    for (const r of rows) if (r.type === 'ticket.created') this.#remember(r.ticket_id, r.ts)
    const lifecycle = rows.filter((r) => r.type.startsWith('ticket.') && r.type !== 'ticket.created')
    const unknown = [...new Set(lifecycle.map((r) => r.ticket_id).filter((id) => !this.#created.has(id)))]
    for (let i = 0; i < unknown.length; i += LOOKUP_CHUNK) {
      const found = await runQuery<{ ticket_id: string; created_ms: number }>(this.client, 'ticket_created', { ids: unknown.slice(i, i + LOOKUP_CHUNK) })
      for (const f of found) this.#remember(f.ticket_id, f.created_ms)
    }
    for (const r of lifecycle) r.ticket_created_at = this.#created.get(r.ticket_id) ?? 0
  }

  #remember(ticketId: string, createdMs: number): void {
    const known = this.#created.get(ticketId)
    if (known !== undefined && known <= createdMs) return
    this.#created.delete(ticketId)
    this.#created.set(ticketId, createdMs)
    // A Map iterates in insertion order, so the first key is the least recently learned.
    if (this.#created.size > REMEMBERED) this.#created.delete(this.#created.keys().next().value as string)
  }
}
