// Alert persistence: every change writes the whole alert again with a higher version
// (sql/migrations/0005_alerts.sql); open alerts are also held in memory, keyed rule + subject, because the
// engine consults them on every evaluation and there is at most one open alert per rule and subject.
import { randomUUID } from 'node:crypto'
import type { ClickHouseClient } from '@clickhouse/client'
import { runQuery } from '../../../sql/queries.ts'
import { isOpen, RULE_SEVERITY, type Alert, type AlertRule, type Finding } from './types.ts'

type StoredAlert = Omit<Alert, 'opened_at' | 'resolved_at' | 'ack_at'> & { opened_ms: number; resolved_ms: number | null; ack_ms: number | null }

const key = (rule: AlertRule, subject: string) => `${rule}\u0000${subject}`

export class AlertStore {
  readonly #open = new Map<string, Alert>()
  #version = 0
  #unwritten: Array<Alert & { version: number }> = []

  constructor(private readonly client: ClickHouseClient) {}

  /** Loads the open alerts; the rest stay in ClickHouse until a listing asks for them. */
  async load(): Promise<void> {
    for (const a of await this.list({ status: 'open' })) this.#open.set(key(a.rule, a.subject), a)
  }

  open(rule?: AlertRule): Alert[] {
    const all = [...this.#open.values()]
    return rule ? all.filter((a) => a.rule === rule) : all
  }

  findOpen(rule: AlertRule, subject: string): Alert | undefined {
    return this.#open.get(key(rule, subject))
  }

  async list(filter: { status: 'open' | 'all'; rule?: AlertRule; id?: string }): Promise<Alert[]> {
    const rows = await runQuery<StoredAlert>(this.client, 'alerts_list', {
      open_only: filter.status === 'open' ? 1 : 0,
      rule: filter.rule ?? '',
      id: filter.id ?? '',
    })
    return rows.map(({ opened_ms, resolved_ms, ack_ms, ...a }) => ({ ...a, opened_at: opened_ms, resolved_at: resolved_ms, ack_at: ack_ms }))
  }

  /** A new firing alert from a finding. */
  newAlert(rule: AlertRule, f: Finding, openedAt: number, days: Partial<Pick<Alert, 'first_day' | 'fired_day'>> = {}): Alert {
    return {
      id: randomUUID(),
      rule,
      subject: f.subject,
      zone: f.zone,
      region: f.region,
      status: 'firing',
      severity: RULE_SEVERITY[rule],
      opened_at: openedAt,
      resolved_at: null,
      first_day: days.first_day ?? null,
      fired_day: days.fired_day ?? null,
      resolved_day: null,
      value: f.value,
      threshold: f.threshold,
      ack_by: '',
      ack_note: '',
      ack_at: null,
      details: f.details ? JSON.stringify(f.details) : '',
    }
  }

  /**
   * New versions of alerts: the open index follows at once, so the rest of an evaluation pass sees them;
   * the rows are written by `flush`, once per pass, since every insert costs ClickHouse about the same.
   */
  save(alerts: Alert[]): void {
    for (const a of alerts) {
      // Versions must grow even when two saves land in the same millisecond.
      this.#version = Math.max(this.#version + 1, Date.now() * 1000)
      this.#unwritten.push({ ...a, version: this.#version })
      if (isOpen(a)) this.#open.set(key(a.rule, a.subject), a)
      else if (this.#open.get(key(a.rule, a.subject))?.id === a.id) this.#open.delete(key(a.rule, a.subject))
    }
  }

  /** Writes every version saved since the last flush; after a failure they are kept for the next one. */
  async flush(): Promise<void> {
    if (this.#unwritten.length === 0) return
    const values = this.#unwritten
    this.#unwritten = []
    try {
      await this.client.insert({ table: 'alerts', values, format: 'JSONEachRow' })
    } catch (err) {
      this.#unwritten = [...values, ...this.#unwritten]
      throw err
    }
  }
}
