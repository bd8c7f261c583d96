// Keeps zone_complaint_streak alerts in step with the data. Daily per-zone counts are cached; only the
// business days that new events touched are re-read from ClickHouse, then episodes are recomputed in
// memory (days × zones is small) and reconciled with the stored alerts, historical ones included.
import type { ClickHouseClient } from '@clickhouse/client'
import { runQuery, sqlTime } from '../../../sql/queries.ts'
import { addDays, businessDay, dayStart } from '../kpi/business-time.ts'
import type { ZoneRegistry } from '../zones/registry.ts'
import type { AlertStore } from './store.ts'
import { findEpisodes, type DailyStats, type Episode, type StreakRule } from './streak.ts'
import type { Alert } from './types.ts'

const RULE = 'zone_complaint_streak'

export class StreakAlerts {
  readonly #stats: DailyStats = new Map()
  /** Every stored episode, resolved ones included, by id. */
  readonly #alerts = new Map<string, Alert>()

  constructor(
    private readonly client: ClickHouseClient,
    private readonly store: AlertStore,
    private readonly zones: ZoneRegistry,
    private readonly rule: StreakRule,
    private readonly tz: string,
  ) {}

  /** Reads every day with data once, and the stored episodes. */
  async load(now: number): Promise<void> {
    await this.#refresh(0, now + 86_400_000)
    for (const a of await this.store.list({ status: 'all', rule: RULE })) this.#alerts.set(a.id, a)
  }

  /** Re-reads the given business days, then reconciles; returns the alerts that changed. */
  async update(dirtyDays: Iterable<string>, now: number): Promise<Alert[]> {
    const days = [...dirtyDays].sort()
    if (days.length > 0) {
      for (const d of days) this.#stats.delete(d)
      await this.#refresh(dayStart(days[0] as string, this.tz), dayStart(addDays(days.at(-1) as string, 1), this.tz), new Set(days))
    }
    return this.#reconcile(now)
  }

  async #refresh(from: number, to: number, only?: Set<string>): Promise<void> {
    const rows = await runQuery<{ day: string; zone: string; tickets: number; orders: number }>(this.client, 'alert_zone_days', { from: sqlTime(from), to: sqlTime(to), tz: this.tz })
    for (const r of rows) {
      if (only && !only.has(r.day)) continue
      const day = this.#stats.get(r.day) ?? { platform: { tickets: 0, orders: 0 }, zones: new Map() }
      if (r.zone === '') day.platform = { tickets: r.tickets, orders: r.orders }
      else day.zones.set(r.zone, { tickets: r.tickets, orders: r.orders })
      this.#stats.set(r.day, day)
    }
  }

  async #reconcile(now: number): Promise<Alert[]> {
    const today = businessDay(now, this.tz)
    const episodes = findEpisodes(this.#stats, today, this.rule)
    const changed: Alert[] = []
    const matched = new Set<string>()
    for (const ep of episodes) {
      const stored = [...this.#alerts.values()].find((a) => a.subject === ep.zone && !matched.has(a.id) && overlaps(a, ep))
      const next = stored ? this.#updated(stored, ep) : this.#opened(ep, now)
      matched.add(next.id)
      if (next !== stored) changed.push(next)
    }
    // An open episode that late data has taken away closes rather than lingering.
    for (const a of this.#alerts.values()) {
      if (a.status !== 'resolved' && !matched.has(a.id)) changed.push({ ...a, status: 'resolved', resolved_at: now })
    }
    this.store.save(changed)
    for (const a of changed) this.#alerts.set(a.id, a)
    return changed
  }

  #opened(ep: Episode, now: number): Alert {
    const z = this.zones.get(ep.zone)
    const alert = this.store.newAlert(RULE, { subject: ep.zone, zone: ep.zone, region: z.region, value: ep.ratio, threshold: this.rule.factor }, Math.min(now, this.#endOf(ep.fired_day)), ep)
    return ep.resolved_day ? this.#resolve(alert, ep) : alert
  }

  #updated(a: Alert, ep: Episode): Alert {
    const next: Alert = { ...a, first_day: ep.first_day, fired_day: ep.fired_day, value: ep.ratio }
    const resolved = ep.resolved_day ? this.#resolve(next, ep) : { ...next, status: a.status === 'resolved' ? 'firing' : a.status, resolved_day: null, resolved_at: null }
    const same = (['first_day', 'fired_day', 'resolved_day', 'status', 'value'] as const).every((k) => resolved[k] === a[k])
    return same ? a : resolved
  }

  #resolve(a: Alert, ep: Episode): Alert {
    return { ...a, status: 'resolved', resolved_day: ep.resolved_day, resolved_at: this.#endOf(ep.resolved_day as string) }
  }

  /** When a business day is complete: the start of the next one. */
  #endOf(day: string): number {
    return dayStart(addDays(day, 1), this.tz)
  }
}

/** A stored alert and a computed episode describe the same run when their day ranges meet. */
function overlaps(a: Alert, ep: Episode): boolean {
  const aEnd = a.resolved_day ?? '9999-12-31'
  const epEnd = ep.resolved_day ?? '9999-12-31'
  return (a.first_day ?? '') < epEnd && ep.first_day < aEnd
}
