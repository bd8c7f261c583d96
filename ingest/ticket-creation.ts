// Stamps lifecycle events with their ticket's creation time and zone: the time keys the per-ticket state by
// creation day (sql/migrations/0008_ticket_state_by_day.sql), the zone lets a region's KPIs skip other
// zones' rows (0009). Most lifecycle events follow their ticket within hours, so recent creations are
// remembered (bounded); the rest are looked up in `ticket_index`. A ticket whose ticket.created has not
// arrived yet gets 0 and '', which queries read as well.
import type { ClickHouseClient } from '@clickhouse/client'
import { runQuery } from '../sql/queries.ts'
import type { EventRow } from './events.ts'

/** Enough for a few days of a large platform's tickets; about 150 bytes each. */
const REMEMBERED = 500_000
const LOOKUP_CHUNK = 2_000

interface Creation {
  ms: number
  zone: string
}

export class TicketCreation {
  readonly #created = new Map<string, Creation>()

  constructor(private readonly client: ClickHouseClient) {}

  /** Sets `ticket_created_at` and `ticket_zone` on every lifecycle row of a batch about to be stored. */
  async stamp(rows: EventRow[]): Promise<void> {
    for (const r of rows) if (r.type === 'ticket.created') this.#remember(r.ticket_id, { ms: r.ts, zone: r.zone })
    const lifecycle = rows.filter((r) => r.type.startsWith('ticket.') && r.type !== 'ticket.created')
    const unknown = [...new Set(lifecycle.map((r) => r.ticket_id).filter((id) => !this.#created.has(id)))]
    for (let i = 0; i < unknown.length; i += LOOKUP_CHUNK) {
      const found = await runQuery<{ ticket_id: string; created_ms: number; zone: string }>(this.client, 'ticket_created', { ids: unknown.slice(i, i + LOOKUP_CHUNK) })
      for (const f of found) this.#remember(f.ticket_id, { ms: f.created_ms, zone: f.zone })
    }
    for (const r of lifecycle) {
      const created = this.#created.get(r.ticket_id)
      r.ticket_created_at = created?.ms ?? 0
      r.ticket_zone = created?.zone ?? ''
    }
  }

  #remember(ticketId: string, created: Creation): void {
    const known = this.#created.get(ticketId)
    if (known !== undefined && known.ms <= created.ms) return
    this.#created.delete(ticketId)
    this.#created.set(ticketId, created)
    // A Map iterates in insertion order, so the first key is the least recently learned.
    if (this.#created.size > REMEMBERED) this.#created.delete(this.#created.keys().next().value as string)
  }
}
