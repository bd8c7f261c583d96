// The live hub's scheduling (issue 3): one compute per panel per pass for every due scope, panels in the
// order given, frames only when a value changed, a scope whose snapshot is being computed left to it, and a
// snapshot sent once the KPIs are ready, without waiting for the heavier panels.
import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { LiveConnection } from '../../../../server/src/live/connection.ts'
import { LiveHub, type Panel } from '../../../../server/src/live/hub.ts'
import type { Scope } from '../../../../server/src/kpi/scope.ts'

const region = (name: string): Scope => ({ json: { level: 'region', region: name }, zones: [`${name}-1`], excludeZones: false, agentRegions: [name] })

/** A connection whose socket keeps the frames it was sent, parsed. */
function client() {
  const frames: Array<{ type: string; name?: string; scope?: { region?: string }; panels?: Record<string, unknown>; data?: unknown }> = []
  const socket = { OPEN: 1, readyState: 1, bufferedAmount: 0, send: (s: string) => frames.push(JSON.parse(s)), close() {} }
  return { conn: new LiveConnection(socket as unknown as WebSocket, { name: 'wall', role: 'wall' }), frames }
}

/** A panel whose value is a per-scope counter the test moves; it records every compute call, which waits for `gate()`. */
function countingPanel(name: string, log: string[], gate: () => Promise<void> = async () => undefined) {
  const values = new Map<string, number>()
  const calls: string[][] = []
  const panel: Panel = {
    name,
    refreshMs: 60_000,
    minGapMs: 0,
    compute: async (scopes) => {
      calls.push(scopes.map((s) => s.json.region ?? ''))
      log.push(name)
      await gate()
      return scopes.map((s) => ({ n: values.get(s.json.region ?? '') ?? 0 }))
    },
  }
  return { panel, calls, set: (r: string, n: number) => values.set(r, n) }
}

/** Lets every pass that is not held finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10))

function hub(panels: Panel[]) {
  return new LiveHub({ panels, tz: (ms) => new Date(ms).toISOString(), openAlerts: () => [], alertJson: (a) => a, onError: (e) => { throw e } })
}

describe('LiveHub', () => {
  it('computes each panel once per pass for every due scope, KPIs first, and sends only what changed', async () => {
    const log: string[] = []
    const kpis = countingPanel('kpis', log)
    const heat = countingPanel('heatmap', log)
    const h = hub([kpis.panel, heat.panel])
    const a = client()
    const b = client()
    await h.subscribe(a.conn, region('华东'), 1_000)
    await h.subscribe(b.conn, region('华北'), 1_000)
    kpis.calls.length = 0
    heat.calls.length = 0
    log.length = 0
    a.frames.length = 0
    b.frames.length = 0

    kpis.set('华东', 5)
    h.onEvents([{ zone: '华东-1', type: 'ticket.created' } as never, { zone: '华北-1', type: 'ticket.created' } as never])
    await h.tick(() => 2_000)

    expect(kpis.calls).toEqual([['华东', '华北']])
    expect(heat.calls).toEqual([['华东', '华北']])
    expect(log).toEqual(['kpis', 'heatmap'])
    const panelFrames = (f: typeof a.frames) => f.filter((x) => x.type === 'panel').map((x) => `${x.name}:${JSON.stringify(x.data)}`)
    expect(panelFrames(a.frames)).toEqual(['kpis:{"n":5}'])
    expect(panelFrames(b.frames)).toEqual([])
  })

  /** A KPI panel with a 500 ms gap, and a wall on 华东 and on 华北 subscribed at these times. */
  async function twoWalls(at: [number, number]) {
    const kpis = countingPanel('kpis', [])
    kpis.panel.minGapMs = 500
    const h = hub([kpis.panel])
    await h.subscribe(client().conn, region('华东'), at[0])
    await h.subscribe(client().conn, region('华北'), at[1])
    kpis.calls.length = 0
    return { h, calls: kpis.calls }
  }

  it('takes every scope with news into one pass, so the scopes fall into step', async () => {
    const { h, calls } = await twoWalls([1_000, 1_300])
    h.onEvents([{ zone: '华东-1', type: 'ticket.created' } as never, { zone: '华北-1', type: 'ticket.created' } as never])
    // 华北's value is younger than the gap, but the panel has not passed since: both, in one call
    await h.tick(() => 1_600)
    expect(calls).toEqual([['华东', '华北']])
    // nothing new: no pass
    await h.tick(() => 2_200)
    expect(calls).toHaveLength(1)
  })

  it('keeps a panel\'s passes the gap apart whichever scope\'s news comes, so they do not drift out of step', async () => {
    const { h, calls } = await twoWalls([1_000, 1_000])
    h.onEvents([{ zone: '华东-1', type: 'ticket.created' } as never])
    await h.tick(() => 1_600)
    expect(calls).toEqual([['华东']])
    // 华北's news comes after that pass: its own value is 800 ms old, but the panel passed 200 ms ago
    h.onEvents([{ zone: '华北-1', type: 'ticket.created' } as never])
    await h.tick(() => 1_800)
    expect(calls).toHaveLength(1)
    await h.tick(() => 2_100)
    expect(calls).toEqual([['华东'], ['华北']])
  })

  it('leaves a scope to its snapshot while the snapshot is computed, so it is not computed twice', async () => {
    const log: string[] = []
    let open = () => {}
    const gate = new Promise<void>((resolve) => (open = resolve))
    const kpis = countingPanel('kpis', log, () => gate)
    const h = hub([kpis.panel])
    const a = client()
    const snapshot = h.subscribe(a.conn, region('华东'), 1_000)
    const pass = h.tick(() => 1_100)
    open()
    await Promise.all([snapshot, pass])
    expect(kpis.calls).toEqual([['华东']])
    expect(a.frames.map((f) => f.type)).toEqual(['snapshot'])
    expect(a.frames[0]?.panels).toEqual({ kpis: { n: 0 } })
  })

  it('keeps pushing KPIs while a slow heatmap pass is still running', async () => {
    const log: string[] = []
    let slow: Promise<void> | undefined
    let release = () => {}
    const kpis = countingPanel('kpis', log)
    const heat = countingPanel('heatmap', log, async () => slow)
    heat.panel.refreshMs = 0
    const h = hub([kpis.panel, heat.panel])
    const a = client()
    await h.subscribe(a.conn, region('华东'), 1_000)
    slow = new Promise<void>((resolve) => (release = resolve))
    const heatPass = h.tick(() => 2_000)
    await settle()
    for (const n of [1, 2]) {
      kpis.set('华东', n)
      h.onEvents([{ zone: '华东-1', type: 'ticket.created' } as never])
      // not awaited: the tick's promise includes the heatmap lane, which is held
      void h.tick(() => 2_000 + n * 1_000)
      await settle()
    }
    const kpiFrames = a.frames.filter((f) => f.type === 'panel' && f.name === 'kpis').map((f) => f.data)
    expect(kpiFrames).toEqual([{ n: 1 }, { n: 2 }])
    expect(heat.calls, 'one heatmap pass, still running').toHaveLength(2)
    release()
    await heatPass
  })

  it('closes once its running passes are done, and starts none after', async () => {
    const log: string[] = []
    let held: Promise<void> | undefined
    let release = () => {}
    const kpis = countingPanel('kpis', log, async () => held)
    kpis.panel.refreshMs = 0
    const h = hub([kpis.panel])
    await h.subscribe(client().conn, region('华东'), 1_000)
    held = new Promise<void>((resolve) => (release = resolve))
    void h.tick(() => 2_000)
    await settle()
    const running = kpis.calls.length
    expect(running, 'the snapshot and the held pass').toBe(2)
    let closed = false
    const closing = h.close().then(() => (closed = true))
    await settle()
    expect(closed, 'closed while a pass still ran').toBe(false)
    release()
    await closing
    await h.tick(() => 5_000)
    expect(kpis.calls, 'a pass after close').toHaveLength(running)
  })

  it('sends a new scope its snapshot with the KPIs before the heavier panels are computed; they follow as panel frames', async () => {
    const log: string[] = []
    let open = () => {}
    const gate = new Promise<void>((resolve) => (open = resolve))
    const kpis = countingPanel('kpis', log)
    const heat = countingPanel('heatmap', log, () => gate)
    const h = hub([kpis.panel, heat.panel])
    const a = client()
    kpis.set('华东', 3)
    const snapshot = h.subscribe(a.conn, region('华东'), 1_000)
    await settle()
    expect(a.frames.map((f) => f.type), 'snapshot out while the heatmap is held').toEqual(['snapshot'])
    expect(a.frames[0]?.panels).toEqual({ kpis: { n: 3 } })
    open()
    await snapshot
    expect(a.frames.map((f) => `${f.type}:${f.name ?? ''}`)).toEqual(['snapshot:', 'panel:heatmap'])
  })

  it('tells a scope\'s other walls about a value a newcomer\'s snapshot recomputed', async () => {
    const log: string[] = []
    const kpis = countingPanel('kpis', log)
    const h = hub([kpis.panel])
    const a = client()
    const b = client()
    await h.subscribe(a.conn, region('华东'), 1_000)
    kpis.set('华东', 7)
    h.onEvents([{ zone: '华东-1', type: 'ticket.created' } as never])
    await h.subscribe(b.conn, region('华东'), 1_100)
    expect(b.frames[0]?.panels).toEqual({ kpis: { n: 7 } })
    expect(a.frames.filter((f) => f.type === 'panel').map((f) => f.data)).toEqual([{ n: 7 }])
  })

  it('computes a dirty panel once for many newcomers at the same time, and gives each its snapshot', async () => {
    const log: string[] = []
    let release = () => {}
    const held = new Promise<void>((r) => (release = r))
    const kpis = countingPanel('kpis', log, () => held)
    const h = hub([kpis.panel])
    const first = client()
    const subscribed = h.subscribe(first.conn, region('华东'), 1_000)
    release()
    await subscribed
    // then new events make the panel dirty, and 50 walls connect at once
    kpis.set('华东', 3)
    h.onEvents([{ zone: '华东-1', type: 'ticket.created' } as never])
    const walls = Array.from({ length: 50 }, client)
    await Promise.all(walls.map((w) => h.subscribe(w.conn, region('华东'), 2_000)))
    expect(kpis.calls.length).toBe(2)
    for (const w of walls) expect(w.frames.map((f) => f.type)).toEqual(['snapshot'])
    for (const w of walls) expect(w.frames[0]?.panels).toEqual({ kpis: { n: 3 } })
    expect(first.frames.filter((f) => f.type === 'panel').map((f) => f.data)).toEqual([{ n: 3 }])
  })
})
