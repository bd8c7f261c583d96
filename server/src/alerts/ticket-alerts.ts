// The per-ticket rules (SPEC §6): urgent_unanswered (an urgent ticket without a response 15 min after
// creation, until it gets one) and escalation_risk (a complaint threatening escalation, until resolved).
// Driven by the events themselves: a response or resolution closes its alert at once; new tickets are
// checked when they arrive; an urgent one still inside its 15 minutes is remembered and checked again when
// they are up. A pass queries storage once, and only when it has such tickets.
import type { ClickHouseClient } from '@clickhouse/client'
import type { EventRow } from '../../../ingest/events.ts'
import { runQuery, sqlTime } from '../../../sql/queries.ts'
import type { ZoneRegistry } from '../zones/registry.ts'
import type { AlertStore } from './store.ts'
import type { Alert, AlertRule } from './types.ts'

interface Candidate {
  ticket_id: string
  created_ms: number
  zone: string
  priority: string
  terms: string[]
  responded: boolean
  resolved: boolean
}

export interface TicketRuleSettings {
  urgentAfterMs: number
  terms: string[]
  /** How far back the first scan looks for tickets still needing an alert. */
  lookbackMs: number
}

/**
 * A ticket created over an hour ago is being backfilled: its response and resolution are likely in the
 * next batches, so it is judged a little later rather than opening an alert that closes seconds after.
 * Recent tickets are judged at once, so a live alert reaches the wall within 2 s.
 */
const BACKFILL_AGE_MS = 3_600_000
const BACKFILL_GRACE_MS = 10_000

export class TicketAlerts {
  /** Urgent tickets seen unanswered inside their 15 minutes, with when those are up. */
  #pending: Array<{ id: string; created: number; due: number }> = []
  /** Backfilled tickets waiting for their grace period, with when they may be judged. */
  #deferred: Array<{ row: EventRow; due: number }> = []

  constructor(
    private readonly client: ClickHouseClient,
    private readonly store: AlertStore,
    private readonly zones: ZoneRegistry,
    private readonly settings: TicketRuleSettings,
  ) {}

  /** The first scan: every open condition within the lookback, and the urgent tickets still inside their 15 minutes. */
  load(now: number): Promise<Alert[]> {
    return this.#check(now - this.settings.lookbackMs, now, [], now)
  }

  /**
   * A pass over newly stored events: closes what they answered or resolved, and checks in one query the
   * tickets they created and the urgent ones whose 15 minutes are up.
   */
  async onEvents(rows: readonly EventRow[], now: number): Promise<Alert[]> {
    const changed: Alert[] = []
    for (const r of rows) {
      const rule: AlertRule | undefined = r.type === 'ticket.responded' ? 'urgent_unanswered' : r.type === 'ticket.resolved' ? 'escalation_risk' : undefined
      const open = rule && this.store.findOpen(rule, r.ticket_id)
      if (open) changed.push({ ...open, status: 'resolved', resolved_at: now })
    }
    this.store.save(changed)
    const candidates = rows.filter((r) => r.type === 'ticket.created' && (r.priority === 'urgent' || this.settings.terms.some((t) => r.text.includes(t))))
    for (const row of candidates) this.#deferred.push({ row, due: row.ts < now - BACKFILL_AGE_MS ? now + BACKFILL_GRACE_MS : now })
    const created = this.#deferred.filter((d) => d.due <= now).map((d) => ({ id: d.row.ticket_id, created: d.row.ts }))
    this.#deferred = this.#deferred.filter((d) => d.due > now)
    // urgent tickets whose 15 minutes are up: checked again, and alerted if still unanswered
    const unanswered = this.#pending.filter((p) => p.due <= now)
    this.#pending = this.#pending.filter((p) => p.due > now)
    const check = [...created, ...unanswered]
    if (check.length === 0) return changed
    const times = check.map((c) => c.created)
    return [...changed, ...(await this.#check(Math.min(...times), Math.max(...times) + 1, check.map((c) => c.id), now))]
  }

  async #check(from: number, to: number, ids: string[], now: number): Promise<Alert[]> {
    const rows = await runQuery<Candidate>(this.client, 'alert_ticket_candidates', { from: sqlTime(from), to: sqlTime(to), ids, terms: this.settings.terms })
    const opened: Alert[] = []
    for (const c of rows) {
      const region = this.zones.get(c.zone).region
      const waited = now - c.created_ms
      const urgentWaiting = c.priority === 'urgent' && !c.responded
      if (urgentWaiting && waited <= this.settings.urgentAfterMs) this.#pending.push({ id: c.ticket_id, created: c.created_ms, due: c.created_ms + this.settings.urgentAfterMs + 1 })
      if (urgentWaiting && waited > this.settings.urgentAfterMs && !this.store.findOpen('urgent_unanswered', c.ticket_id)) {
        const finding = { subject: c.ticket_id, zone: c.zone, region, value: waited / 1000, threshold: this.settings.urgentAfterMs / 1000 }
        opened.push(this.store.newAlert('urgent_unanswered', finding, c.created_ms + this.settings.urgentAfterMs))
      }
      if (c.terms.length > 0 && !c.resolved && !this.store.findOpen('escalation_risk', c.ticket_id)) {
        const finding = { subject: c.ticket_id, zone: c.zone, region, value: c.terms.length, threshold: 1, details: { terms: c.terms } }
        opened.push(this.store.newAlert('escalation_risk', finding, c.created_ms))
      }
    }
    this.store.save(opened)
    return opened
  }
}
