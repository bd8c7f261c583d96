// Stamps every ticket event with its ticket's creation time and zone, which key its row in ticket_summary
// (sql/migrations/0010_ticket_summary.sql): lifecycle events with their ticket's, a ticket.created with the
// earliest creation known for its ticket (its own, or one stored before), so all rows of a ticket share one
// key. Most lifecycle events follow their ticket within hours, so recent creations are remembered
// (bounded); the rest are looked up in `ticket_index`. A lifecycle event whose ticket.created has not
// arrived gets 0 and '' (hour 0); once the ticket arrives, `settle` moves those rows onto its key.
import type { ClickHouseClient } from '@clickhouse/client'
import { namedQuery, runQuery } from '../sql/queries.ts'
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
  /** Tickets with lifecycle rows stored at hour 0; loaded from storage at first use. */
  #early: Set<string> | undefined

  constructor(private readonly client: ClickHouseClient) {}

  /** Sets `ticket_created_at` and `ticket_zone` on every ticket row of a batch about to be stored. */
  async stamp(rows: EventRow[]): Promise<void> {
    const early = await this.#earlyTickets()
    for (const r of rows) if (r.type === 'ticket.created') this.#remember(r.ticket_id, { ms: r.ts, zone: r.zone })
    const lifecycle = rows.filter((r) => r.type.startsWith('ticket.') && r.type !== 'ticket.created')
    const unknown = [...new Set(lifecycle.map((r) => r.ticket_id).filter((id) => !this.#created.has(id)))]
    for (const f of await this.#stored(unknown)) this.#remember(f.id, f)
    for (const r of rows.filter((r) => r.type.startsWith('ticket.'))) {
      const created = this.#created.get(r.ticket_id)
      r.ticket_created_at = created?.ms ?? 0
      r.ticket_zone = created?.zone ?? ''
      if (!created) early.add(r.ticket_id)
    }
  }

  /**
   * After a batch is stored: the tickets it created that had lifecycle rows stored before them get those
   * rows moved onto their own key, so a window's tickets are whole there (the KPI queries read no hour 0).
   */
  async settle(rows: readonly EventRow[]): Promise<void> {
    const early = await this.#earlyTickets()
    const arrived = [...new Set(rows.filter((r) => r.type === 'ticket.created' && early.has(r.ticket_id)).map((r) => r.ticket_id))]
    await this.#move(arrived.map((id) => ({ id, ...(this.#created.get(id) ?? { ms: 0, zone: '' }) })))
  }

  async #move(tickets: Array<{ id: string } & Creation>): Promise<void> {
    if (tickets.length === 0) return
    const ids = tickets.map((t) => t.id)
    await this.client.command({ query: namedQuery('early_lifecycles_move'), query_params: { ids, created_ms: tickets.map((t) => t.ms), zones: tickets.map((t) => t.zone) } })
    await this.client.command({ query: namedQuery('early_lifecycles_delete'), query_params: { ids } })
    for (const id of ids) this.#early?.delete(id)
  }

  /**
   * The tickets with rows at hour 0, read at first use. Those whose ticket is stored already (a process
   * stopped between storing a batch and settling it) are moved there and then.
   */
  async #earlyTickets(): Promise<Set<string>> {
    if (this.#early) return this.#early
    this.#early = new Set((await runQuery<{ ticket_id: string }>(this.client, 'early_lifecycle_tickets')).map((r) => r.ticket_id))
    await this.#move(await this.#stored([...this.#early]))
    return this.#early
  }

  /** The stored creations (ticket_index) of these tickets, looked up in chunks that keep the parameter small. */
  async #stored(ids: string[]): Promise<Array<{ id: string } & Creation>> {
    const out: Array<{ id: string } & Creation> = []
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const found = await runQuery<{ ticket_id: string; created_ms: number; zone: string }>(this.client, 'ticket_created', { ids: ids.slice(i, i + LOOKUP_CHUNK) })
      for (const f of found) out.push({ id: f.ticket_id, ms: f.created_ms, zone: f.zone })
    }
    return out
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
