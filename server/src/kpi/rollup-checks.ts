// Which stored rollups this process has checked since the last write that could have changed them: the
// ticket KPI partials of hours (ticket-kpi-hours.ts) and the agent snapshots of UTC days (kpis.ts), and the
// latest ticket creation in an hour, which decides whether a window ending inside it can read its stored
// partials. A read then skips a check that would find nothing, and refreshes the hours a write touched
// without asking which are due (a statement of 25–100 ms each, on every KPI read and live pass). Only where
// this process is the only writer, the embedded engine: against a server other processes write too, nothing
// is registered, and every read checks.
import type { ClickHouseClient } from '@clickhouse/client'
import type { EventRow } from '../../../ingest/events.ts'
import type { EventWriter } from '../../../ingest/writer.ts'

const HOUR_MS = 3_600_000

/** Per key: the write count when its last check began, and when a write last touched it. */
type Checks = Map<number, { checked: number; touched: number }>

export class RollupChecks {
  /** Writes seen so far: a check that began before a write may have missed it. */
  #writes = 0
  /** Per settings key of the partials (ticket-kpi-hours.ts), the hours. */
  readonly #hours = new Map<string, Checks>()
  readonly #days: Checks = new Map()
  /** Per hour (epoch ms) looked up so far, the latest creation time of a ticket of it, kept current by writes. */
  readonly #latestCreated = new Map<number, number>()

  /**
   * Stored rows: each ticket event touches the hours of its ts and of its ticket's creation (one of them
   * is its key, sql/migrations/0010_ticket_summary.sql); an agent.status touches every snapshot of a day
   * after it, since a snapshot folds the events before its day. A ticket.created may raise the latest
   * creation of its hour (or of none: a ticket created again keeps its first creation, so this may
   * overstate it, which only computes more).
   */
  onWrite(rows: readonly EventRow[]): void {
    this.#writes += 1
    for (const r of rows) {
      if (r.type === 'ticket.created') this.#created(r.ts)
      if (r.type === 'agent.status') {
        for (const [day, c] of this.#days) if (r.ts < day) c.touched = this.#writes
      } else if (r.type.startsWith('ticket.')) {
        for (const hours of this.#hours.values()) {
          for (const at of [r.ts, r.ticket_created_at]) {
            const c = hours.get(Math.floor(at / HOUR_MS) * HOUR_MS)
            if (c) c.touched = this.#writes
          }
        }
      }
    }
  }

  /** Starts a check; hand what it returns to `hoursChecked` or `dayChecked` once the check is done. */
  begin(): number {
    return this.#writes
  }

  /**
   * Of these hours (epoch ms), those whose partials a read must bring up to date: `unknown`, never checked
   * with this key (missing or old, only a query can tell), and `written`, checked before a write that may
   * have touched them (old: a ticket event written to an hour changes its count of events).
   */
  hoursToCheck(settingsKey: string, hours: readonly number[]): { unknown: number[]; written: number[] } {
    const checks = this.#hours.get(settingsKey)
    const pending = { unknown: [] as number[], written: [] as number[] }
    for (const h of hours) {
      const c = checks?.get(h)
      if (c === undefined) pending.unknown.push(h)
      else if (c.checked < c.touched) pending.written.push(h)
    }
    return pending
  }

  hoursChecked(settingsKey: string, hours: readonly number[], began: number): void {
    let checks = this.#hours.get(settingsKey)
    if (!checks) this.#hours.set(settingsKey, (checks = new Map()))
    for (const h of hours) this.#mark(checks, h, began)
  }

  /** The latest creation time of a ticket in this hour (epoch ms, 0 for none), if known. */
  latestCreated(hour: number): number | undefined {
    return this.#latestCreated.get(hour)
  }

  /** Records a look-up of `latestCreated` begun at `began`, unless a write since then may have escaped it. */
  createdChecked(hour: number, latest: number, began: number): void {
    if (this.#writes === began) this.#latestCreated.set(hour, latest)
  }

  #created(at: number): void {
    const hour = Math.floor(at / HOUR_MS) * HOUR_MS
    const known = this.#latestCreated.get(hour)
    if (known !== undefined && at > known) this.#latestCreated.set(hour, at)
  }

  dayCurrent(day: number): boolean {
    return current(this.#days, day)
  }

  dayChecked(day: number, began: number): void {
    this.#mark(this.#days, day, began)
  }

  #mark(checks: Checks, key: number, began: number): void {
    const c = checks.get(key)
    if (c) c.checked = Math.max(c.checked, began)
    // untracked until now, so any write since the check began may have touched it
    else checks.set(key, { checked: began, touched: this.#writes > began ? this.#writes : 0 })
  }
}

function current(checks: Checks, key: number): boolean {
  const c = checks.get(key)
  return c !== undefined && c.checked >= c.touched
}

const registry = new WeakMap<ClickHouseClient, RollupChecks>()

/** Registers the checks of the storage `client`, kept by the events `writer`, its only writer. */
export function trackRollupChecks(client: ClickHouseClient, writer: Pick<EventWriter, 'onWrite'>): RollupChecks {
  const checks = new RollupChecks()
  writer.onWrite((rows) => checks.onWrite(rows))
  registry.set(client, checks)
  return checks
}

/** The checks registered for `client`, if this process is its only writer. */
export function rollupChecksOf(client: ClickHouseClient): RollupChecks | undefined {
  return registry.get(client)
}
