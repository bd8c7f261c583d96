// The alert engine: evaluates the SPEC §6 rules incrementally as events land and as time passes, and tells
// subscribers (the live push) about every alert that opened, changed or resolved.
//  - events: ticket responses/resolutions close their alerts at once; new tickets are checked on arrival;
//    the business days an event touches are re-read for zone streaks.
//  - time: each tick checks the urgent tickets whose 15 min are up, if any; every CAPACITY_EVERY_MS (or a second
//    after relevant events) the platform and regional ratios and peak response are re-judged.
import type { ClickHouseClient } from '@clickhouse/client'
import type { EventRow } from '../../../ingest/events.ts'
import type { EventWriter } from '../../../ingest/writer.ts'
import type { Config } from '../config.ts'
import { businessDay } from '../kpi/business-time.ts'
import type { ZoneRegistry } from '../zones/registry.ts'
import { CapacityAlerts } from './capacity-alerts.ts'
import { AlertStore } from './store.ts'
import { StreakAlerts } from './streak-alerts.ts'
import { TicketAlerts } from './ticket-alerts.ts'
import type { Alert } from './types.ts'

export type AlertListener = (changed: Alert[]) => void

const TICK_MS = 500
/** Capacity rules follow slow-moving ratios; re-judging them every few seconds is plenty. */
const CAPACITY_EVERY_MS = 5_000
/** After relevant events, sooner, but at most every 2 s: under a flood its queries would queue ahead of ingest. */
const CAPACITY_MIN_GAP_MS = 2_000
/**
 * Streaks are about whole days, so a few seconds' delay costs nothing; during a backfill this keeps the
 * daily re-reads from queueing ahead of ingest (the embedded engine runs one statement at a time).
 */
const STREAK_MIN_GAP_MS = 5_000
const LOOKBACK_MS = 30 * 86_400_000
const STREAK_TYPES = new Set(['ticket.created', 'order.created', 'orders.count'])
const CAPACITY_TYPES = new Set(['ticket.created', 'ticket.responded', 'order.created', 'orders.count', 'agent.status'])

export class AlertEngine {
  readonly store: AlertStore
  readonly #streaks: StreakAlerts
  readonly #tickets: TicketAlerts
  readonly #capacity: CapacityAlerts
  readonly #listeners = new Set<AlertListener>()
  #pendingRows: EventRow[] = []
  #dirtyDays = new Set<string>()
  #capacityDirty = false
  #capacityRan = 0
  #today = ''
  #streakRan = 0
  #timer: NodeJS.Timeout | undefined
  #running: Promise<void> = Promise.resolve()
  #unsubscribe: (() => void) | undefined

  constructor(
    client: ClickHouseClient,
    zones: ZoneRegistry,
    private readonly config: Config,
    /** Where a failed pass is reported; the next tick tries again. */
    private readonly onError: (err: unknown) => void,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.store = new AlertStore(client)
    this.#streaks = new StreakAlerts(client, this.store, zones, { days: config.STREAK_DAYS, minOrders: config.STREAK_MIN_ORDERS, factor: config.STREAK_FACTOR }, config.TZ_BUSINESS)
    this.#tickets = new TicketAlerts(client, this.store, zones, { urgentAfterMs: config.URGENT_UNANSWERED_MIN * 60_000, terms: config.ESCALATION_TERMS, lookbackMs: LOOKBACK_MS })
    this.#capacity = new CapacityAlerts(client, this.store, zones, {
      ...config,
      ratioMax: config.AGENT_RATIO_MAX,
      peakRateMin: config.PEAK_RATE_MIN,
      peakMinTickets: config.PEAK_MIN_TICKETS,
    })
  }

  onChange(listener: AlertListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Loads stored alerts, judges the present once, then follows the writer and the clock. */
  async start(writer: EventWriter): Promise<void> {
    const now = this.now()
    await this.store.load()
    await this.#streaks.load(now)
    this.#today = businessDay(now, this.config.TZ_BUSINESS)
    const changed = [...(await this.#streaks.update([], now)), ...(await this.#tickets.load(now)), ...(await this.#capacity.evaluate(now))]
    await this.store.flush()
    this.#emit(changed)
    this.#capacityRan = now
    this.#unsubscribe = writer.onWrite((rows) => this.#collect(rows))
    this.#timer = setInterval(() => void this.evaluate(false), TICK_MS)
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer)
    this.#unsubscribe?.()
    await this.#running
  }

  /**
   * One evaluation pass; passes never overlap. The timer's passes throttle the heavier rules under load;
   * a forced pass (the default, for tests and operators stepping the engine) judges every rule now.
   */
  evaluate(force = true): Promise<void> {
    this.#running = this.#running.then(() => this.#pass(force)).catch((err: unknown) => this.onError(err))
    return this.#running
  }

  /**
   * A person acknowledges an open alert (SPEC §6). Runs between evaluation passes so it never races a
   * resolution; answers undefined for an unknown id and the alert itself when it is already resolved.
   */
  acknowledge(id: string, by: string, note: string): Promise<Alert | undefined> {
    const done = this.#running.then(async () => {
      const open = this.store.open().find((a) => a.id === id)
      if (!open) return (await this.store.list({ status: 'all', id }))[0]
      const acked: Alert = { ...open, status: 'acknowledged', ack_by: by, ack_note: note, ack_at: this.now() }
      this.store.save([acked])
      await this.store.flush()
      this.#emit([acked])
      return acked
    })
    this.#running = done.then(() => undefined, () => undefined)
    return done
  }

  #collect(rows: readonly EventRow[]): void {
    for (const r of rows) {
      if (STREAK_TYPES.has(r.type)) this.#dirtyDays.add(businessDay(r.ts, this.config.TZ_BUSINESS))
      if (CAPACITY_TYPES.has(r.type)) this.#capacityDirty = true
      if (r.type.startsWith('ticket.')) this.#pendingRows.push(r)
    }
  }

  async #pass(force: boolean): Promise<void> {
    const now = this.now()
    const rows = this.#pendingRows
    this.#pendingRows = []
    const today = businessDay(now, this.config.TZ_BUSINESS)
    const changed = await this.#tickets.onEvents(rows, now)
    // A new business day completes yesterday, which can resolve a streak even without new events.
    const streakDue = force || now - this.#streakRan >= STREAK_MIN_GAP_MS || now < this.#streakRan
    if ((this.#dirtyDays.size > 0 && streakDue) || today !== this.#today) {
      const days = this.#dirtyDays
      this.#dirtyDays = new Set()
      this.#streakRan = now
      changed.push(...(await this.#streaks.update(days, now)))
    }
    this.#today = today
    const since = now - this.#capacityRan
    // A clock that stepped backwards (NTP) makes the last run look in the future: run now.
    if (force || since < 0 || since >= CAPACITY_EVERY_MS || (this.#capacityDirty && since >= CAPACITY_MIN_GAP_MS)) {
      this.#capacityDirty = false
      this.#capacityRan = now
      changed.push(...(await this.#capacity.evaluate(now)))
    }
    // the pass's alert changes in one insert, before anyone is told about them
    await this.store.flush()
    this.#emit(changed)
  }

  #emit(changed: Alert[]): void {
    if (changed.length === 0) return
    for (const listener of this.#listeners) listener(changed)
  }
}
