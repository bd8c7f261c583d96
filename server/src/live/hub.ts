// Live push (SPEC §7 GET /api/v1/live): connections are grouped by scope; each tick every group whose data
// may have changed (new events in its zones, or its refresh interval passed) has its panels evaluated once,
// and a panel whose value changed goes out as one serialized frame to every subscriber of the group.
// Alert changes are pushed as they happen. A heartbeat every few seconds lets a wall tell a quiet
// platform from a dead connection.
import type { EventRow } from '../../../ingest/events.ts'
import type { Alert } from '../alerts/types.ts'
import { inScope, type Scope } from '../kpi/scope.ts'
import { alertInScope, scopeKey, type Frame } from './frames.ts'
import type { LiveConnection } from './connection.ts'

/** A named piece of a dashboard that is recomputed per scope (KPIs, heatmap, keywords). */
export interface Panel {
  name: string
  /** Recomputed at least this often even without new events (age-based KPIs move with the clock). */
  refreshMs: number
  /** And at most this often however many events arrive: the gap between two passes, over every scope. */
  minGapMs: number
  /** The panel of each scope, in order; given every due scope at once so it can share one query among them. */
  compute(scopes: Scope[], now: number): Promise<unknown[]>
}

interface Group {
  scope: Scope
  connections: Set<LiveConnection>
  /** Per panel: the last value sent (serialized), when it was computed, whether new events touched it. */
  panels: Map<string, { json: string; at: number; dirty: boolean }>
  /** Snapshots being computed for it; passes leave the group alone meanwhile rather than compute it twice. */
  warming: number
  /** Per panel: the computation newcomers' snapshots are waiting for, shared by every one of them. */
  computing: Map<string, Promise<unknown>>
}

export interface HubOptions {
  panels: Panel[]
  tz: (ms: number) => string
  openAlerts: () => Alert[]
  alertJson: (a: Alert) => unknown
  onError: (err: unknown) => void
}

export class LiveHub {
  readonly #groups = new Map<string, Group>()
  /** The pass each panel is running, if any. */
  readonly #lanes = new Map<string, Promise<void>>()
  /** When each panel's last pass began. */
  readonly #passedAt = new Map<string, number>()
  #closed = false

  constructor(private readonly o: HubOptions) {}

  get connections(): number {
    let n = 0
    for (const g of this.#groups.values()) n += g.connections.size
    return n
  }

  /**
   * Moves a connection to a scope and sends it a snapshot of that scope as soon as the first panel (the
   * KPIs, what a wall shows first) is current, with every other panel whose cached value is; the panels
   * still missing follow as panel frames, each as soon as it is computed. On a scope nobody watched, a new
   * wall so shows its numbers without waiting for the heavier heatmap and keywords.
   */
  async subscribe(conn: LiveConnection, scope: Scope, now: number): Promise<void> {
    this.unsubscribe(conn)
    conn.scope = scope
    const group = this.#group(scope)
    group.connections.add(conn)
    const [first, ...rest] = this.o.panels
    const panels: Record<string, unknown> = {}
    group.warming++
    try {
      if (first) panels[first.name] = await this.#current(group, first, now, conn)
      const missing = rest.filter((p) => {
        const cached = group.panels.get(p.name)
        if (cached && !cached.dirty) panels[p.name] = JSON.parse(cached.json)
        return !(p.name in panels)
      })
      const alerts = this.o.openAlerts().filter((a) => alertInScope(a, scope)).map(this.o.alertJson)
      conn.send(JSON.stringify({ type: 'snapshot', at: this.o.tz(now), scope: scope.json, panels, alerts } satisfies Frame))
      for (const p of missing) {
        const data = await this.#current(group, p, now, conn)
        if (conn.scope === scope) conn.send(this.#panelFrame(group, p.name, data, now))
      }
    } finally {
      group.warming--
    }
  }

  /**
   * A panel of a group for a snapshot: its cached value while current, else computed now, once for every
   * newcomer that asks meanwhile (hundreds of walls reconnecting after a restart must not queue hundreds of
   * computations). A computed value that changed also goes to the group's connections that were there
   * before, since the passes leave a warming group alone.
   */
  async #current(group: Group, p: Panel, now: number, conn: LiveConnection): Promise<unknown> {
    // a computation in flight first: it clears the dirty mark as it starts, so the cache looks current
    const inFlight = group.computing.get(p.name)
    if (inFlight) return inFlight
    const cached = group.panels.get(p.name)
    if (cached && !cached.dirty) return JSON.parse(cached.json)
    // the connections already there; newcomers from now on get the value in their snapshot
    const before = [...group.connections].filter((c) => c !== conn)
    const computing = this.#evaluate([group], p, now)
      .then(([data]) => {
        if (cached && group.panels.get(p.name)?.json !== cached.json) {
          const frame = this.#panelFrame(group, p.name, data, now)
          for (const c of before) if (group.connections.has(c)) c.send(frame)
        }
        return data
      })
      .finally(() => group.computing.delete(p.name))
    group.computing.set(p.name, computing)
    return computing
  }

  #panelFrame(g: Group, name: string, data: unknown, now: number): string {
    return JSON.stringify({ type: 'panel', at: this.o.tz(now), scope: g.scope.json, name, data } satisfies Frame)
  }

  unsubscribe(conn: LiveConnection): void {
    if (!conn.scope) return
    const key = scopeKey(conn.scope)
    const group = this.#groups.get(key)
    group?.connections.delete(conn)
    if (group && group.connections.size === 0) this.#groups.delete(key)
    conn.scope = undefined
  }

  /** New events: the groups whose zones they touch need fresh panels. */
  onEvents(rows: readonly EventRow[]): void {
    const zones = new Set(rows.map((r) => r.zone).filter(Boolean))
    const agents = rows.some((r) => r.type === 'agent.status')
    for (const g of this.#groups.values()) {
      if (agents || [...zones].some((z) => inScope(g.scope, z))) for (const p of g.panels.values()) p.dirty = true
    }
  }

  onAlerts(changed: Alert[], now: number): void {
    for (const g of this.#groups.values()) {
      const mine = changed.filter((a) => alertInScope(a, g.scope))
      if (mine.length > 0) this.#fanOut(g, JSON.stringify({ type: 'alerts', at: this.o.tz(now), scope: g.scope.json, changed: mine.map(this.o.alertJson) } satisfies Frame))
    }
  }

  heartbeat(now: number): void {
    const frame = JSON.stringify({ type: 'heartbeat', at: this.o.tz(now) } satisfies Frame)
    for (const g of this.#groups.values()) for (const c of g.connections) c.send(frame)
  }

  /**
   * One evaluation pass per panel over every group due for it. Each panel has a lane of its own, so the
   * KPIs (cheap, and what a wall shows first) never wait behind a heatmap or keyword pass. A tick that
   * comes while a panel's pass runs skips that panel rather than queue: under load a pass can outlast many
   * ticks, and queued passes would compute frames for a "now" long gone. Each pass reads the clock when it
   * starts.
   */
  tick(clock: () => number = Date.now): Promise<void> {
    return Promise.all(this.o.panels.map((p) => this.#lane(p, clock))).then(() => undefined)
  }

  /**
   * Starts no pass any more and waits for the running ones, so that the storage they read can close after
   * them (a pass queued in chDB behind the writer's last insert would otherwise find it closed).
   */
  async close(): Promise<void> {
    this.#closed = true
    await Promise.all(this.#lanes.values())
  }

  #lane(p: Panel, clock: () => number): Promise<void> {
    if (this.#closed) return Promise.resolve()
    const running = this.#lanes.get(p.name)
    if (running) return running
    const pass = this.#pass(p, clock())
      .catch(this.o.onError)
      .finally(() => this.#lanes.delete(p.name))
    this.#lanes.set(p.name, pass)
    return pass
  }

  /**
   * Every group due for the panel is computed in one call; a frame goes out where the value changed. A
   * pass costs about the same for one scope as for all (one set of queries), so every group with news rides
   * along, and the gap for news is kept between passes rather than per group: groups whose news came at
   * different moments would otherwise each start a pass of their own, out of step.
   */
  async #pass(p: Panel, now: number): Promise<void> {
    const ready = [...this.#groups.values()].filter((g) => g.warming === 0)
    if (!ready.some((g) => this.#due(g, p, now))) return
    const due = ready.filter((g) => this.#due(g, p, now) || g.panels.get(p.name)?.dirty)
    this.#passedAt.set(p.name, now)
    const before = due.map((g) => g.panels.get(p.name)?.json)
    const data = await this.#evaluate(due, p, now)
    due.forEach((g, i) => {
      if (g.panels.get(p.name)?.json !== before[i]) this.#fanOut(g, this.#panelFrame(g, p.name, data[i], now))
    })
  }

  #due(g: Group, p: Panel, now: number): boolean {
    const state = g.panels.get(p.name)
    const gapUp = now - (this.#passedAt.get(p.name) ?? -Infinity) >= p.minGapMs
    return !state || now - state.at >= p.refreshMs || (state.dirty && gapUp)
  }

  async #evaluate(groups: Group[], p: Panel, now: number): Promise<unknown[]> {
    // Cleared before computing: events that arrive meanwhile set it again and are not lost.
    const previous = groups.map((g) => g.panels.get(p.name))
    for (const state of previous) if (state) state.dirty = false
    const data = await p.compute(groups.map((g) => g.scope), now)
    groups.forEach((g, i) => g.panels.set(p.name, { json: JSON.stringify(data[i]), at: now, dirty: previous[i]?.dirty ?? false }))
    return data
  }

  /** One serialized frame to every connection of a group. */
  #fanOut(g: Group, text: string): void {
    for (const c of g.connections) c.send(text)
  }

  #group(scope: Scope): Group {
    const key = scopeKey(scope)
    let g = this.#groups.get(key)
    if (!g) {
      g = { scope, connections: new Set(), panels: new Map(), warming: 0, computing: new Map() }
      this.#groups.set(key, g)
    }
    return g
  }
}
