// The live store (dashboard/src/lib/live.ts) against a fake socket and fake clock: frames, staleness,
// reconnection with backoff, scope subscriptions.
import { get } from 'svelte/store'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { applyFrame, backoffDelay, INITIAL, LiveFeed, STALE_AFTER_MS, type LiveState, type SocketLike } from '../../../dashboard/src/lib/live.ts'
import type { Alert, LiveFrame, LivePanels } from '../../../dashboard/src/lib/types.ts'

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null
  onmessage: SocketLike['onmessage'] = null
  onclose: SocketLike['onclose'] = null
  sent: unknown[] = []
  closed = false
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  close() {
    this.closed = true
  }
  open() {
    this.onopen?.({} as Event)
  }
  frame(f: LiveFrame) {
    this.onmessage?.({ data: JSON.stringify(f) } as MessageEvent)
  }
  drop() {
    this.onclose?.({} as CloseEvent)
  }
}

const at = '2026-11-25T15:00:00.000+08:00'
const alert = (id: string, opened: string, extra: Partial<Alert> = {}): Alert => ({
  id, rule: 'escalation_risk', subject: `T-${id}`, status: 'firing', severity: 'critical', opened_at: opened, resolved_at: null, value: 1, threshold: 1, ...extra,
})
const panels = { kpis: { kpis: { tickets: 3 } }, heatmap: {}, keywords: {} } as unknown as LivePanels
const snapshot = (alerts: Alert[] = []): LiveFrame => ({ type: 'snapshot', at, scope: { level: 'platform' }, panels, alerts })

let sockets: FakeSocket[]
let refused: number
let feed: LiveFeed
let state: LiveState
let unsubscribe: () => void

beforeEach(() => {
  vi.useFakeTimers()
  sockets = []
  refused = 0
  feed = new LiveFeed({ url: () => 'ws://test/api/v1/live', connect: () => (sockets.push(new FakeSocket()), sockets.at(-1)!), onRefused: () => refused++, random: () => 1 })
  unsubscribe = feed.subscribe((s) => (state = s))
})

afterEach(() => {
  unsubscribe()
  vi.useRealTimers()
})

describe('LiveFeed', () => {
  it('opens one socket for its first subscriber and closes it after the last', () => {
    const second = feed.subscribe(() => undefined)
    expect(sockets).toHaveLength(1)
    second()
    unsubscribe()
    expect(sockets[0]?.closed).toBe(true)
    unsubscribe = () => undefined
  })

  it('takes panels and alerts from the snapshot, then applies panel and alert frames', () => {
    const s = sockets[0]!
    s.open()
    s.frame(snapshot([alert('a', '2026-11-25T10:00:00+08:00'), alert('b', '2026-11-25T12:00:00+08:00')]))
    expect(state.connected).toBe(true)
    expect(state.panels.kpis?.kpis.tickets).toBe(3)
    expect(state.alerts.map((a) => a.id)).toEqual(['b', 'a'])
    s.frame({ type: 'panel', at, scope: { level: 'platform' }, name: 'kpis', data: { kpis: { tickets: 4 } } as unknown as LivePanels['kpis'] })
    expect(state.panels.kpis?.kpis.tickets).toBe(4)
    s.frame({ type: 'alerts', at, scope: { level: 'platform' }, changed: [alert('c', '2026-11-25T14:00:00+08:00'), alert('a', '2026-11-25T10:00:00+08:00', { status: 'resolved' })] })
    expect(state.alerts.map((a) => a.id)).toEqual(['c', 'b'])
  })

  it('goes stale after 10 s without a frame, redials, and is fresh again with the next frame', () => {
    const s = sockets[0]!
    s.open()
    s.frame(snapshot())
    const last = state.lastFrameAt
    vi.advanceTimersByTime(STALE_AFTER_MS - 1_000)
    s.frame({ type: 'heartbeat', at })
    vi.advanceTimersByTime(STALE_AFTER_MS)
    expect(state.stale).toBe(false)
    vi.advanceTimersByTime(1_500)
    expect(state.stale).toBe(true)
    expect(state.lastFrameAt).toBeGreaterThan(last!)
    // The silent socket is given up and a new one dialled.
    expect(s.closed).toBe(true)
    vi.advanceTimersByTime(backoffDelay(0, 1))
    expect(sockets).toHaveLength(2)
    sockets[1]!.open()
    sockets[1]!.frame(snapshot())
    expect(state.stale).toBe(false)
  })

  it('calls a page that never received anything stale too', () => {
    vi.advanceTimersByTime(STALE_AFTER_MS + 1_000)
    expect(state.stale).toBe(true)
    expect(state.lastFrameAt).toBeNull()
  })

  it('reconnects after a drop with growing delays, reset by a snapshot', () => {
    sockets[0]!.open()
    sockets[0]!.drop()
    expect(state.connected).toBe(false)
    expect(refused).toBe(0)
    vi.advanceTimersByTime(backoffDelay(0, 1))
    expect(sockets).toHaveLength(2)
    // The server is down: attempts fail before opening, each waiting longer.
    sockets[1]!.drop()
    expect(refused).toBe(1)
    vi.advanceTimersByTime(backoffDelay(1, 1) - 1)
    expect(sockets).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(sockets).toHaveLength(3)
    sockets[2]!.open()
    sockets[2]!.frame(snapshot())
    sockets[2]!.drop()
    vi.advanceTimersByTime(backoffDelay(0, 1))
    expect(sockets).toHaveLength(4)
  })

  it('sends the chosen scope on open and again after reconnecting', () => {
    feed.setScope({ region: '华东' })
    sockets[0]!.open()
    expect(sockets[0]!.sent).toEqual([{ type: 'subscribe', scope: { region: '华东' } }])
    feed.setScope({ city: '上海' })
    expect(sockets[0]!.sent.at(-1)).toEqual({ type: 'subscribe', scope: { city: '上海' } })
    expect(state.panels).toEqual({})
    sockets[0]!.drop()
    vi.advanceTimersByTime(backoffDelay(0, 1))
    sockets[1]!.open()
    expect(sockets[1]!.sent).toEqual([{ type: 'subscribe', scope: { city: '上海' } }])
    // Back to everything: said once, and not again on the next connection (the server's default).
    feed.setScope({})
    expect(sockets[1]!.sent.at(-1)).toEqual({ type: 'subscribe', scope: {} })
    sockets[1]!.drop()
    // No snapshot came on the second socket, so this is the second attempt in a row.
    vi.advanceTimersByTime(backoffDelay(1, 1))
    sockets[2]!.open()
    expect(sockets[2]!.sent).toEqual([])
  })

  it('forgets the scope when the last subscriber leaves', () => {
    feed.setScope({ zone: 'sh-pudong' })
    unsubscribe()
    unsubscribe = feed.subscribe((s) => (state = s))
    sockets.at(-1)!.open()
    expect(sockets.at(-1)!.sent).toEqual([])
  })
})

describe('backoffDelay', () => {
  it('doubles from half a second, with jitter in the upper half, up to 10 s', () => {
    expect([backoffDelay(0, 0), backoffDelay(0, 1)]).toEqual([250, 500])
    expect([backoffDelay(3, 0), backoffDelay(3, 1)]).toEqual([2_000, 4_000])
    expect([backoffDelay(30, 0), backoffDelay(30, 1)]).toEqual([5_000, 10_000])
  })
})

describe('applyFrame', () => {
  it('keeps the last error until the next snapshot', () => {
    const errored = applyFrame(INITIAL, { type: 'error', at, message: 'no such region' }, 1)
    expect(errored.error).toBe('no such region')
    expect(applyFrame(errored, snapshot(), 2).error).toBeNull()
  })
})
