// The one owner of the live WebSocket (GET /api/v1/live, SPEC §7). Views read the `live` store and call
// live.setScope(); none opens a socket itself. The socket opens with the first subscriber and closes with
// the last. It reconnects by itself after drops and server restarts (exponential backoff with jitter, so a
// floor of walls does not reconnect in lockstep), and calls its data stale after STALE_AFTER_MS without a
// frame: the server sends a heartbeat every 3 s, so silence that long means the data on screen is old.
import { writable, type Readable } from 'svelte/store'
import { mergeAlerts, newestFirst } from './alerts.ts'
import { api, ApiError, toSignIn } from './api.ts'
import type { Alert, LiveFrame, LivePanels, ScopeJson, ScopeQuery } from './types.ts'

export const STALE_AFTER_MS = 10_000
const WATCHDOG_MS = 1_000
const BACKOFF_BASE_MS = 500
/** A restarted server is found within this much of coming back. */
const BACKOFF_CAP_MS = 10_000

/** The part of a browser WebSocket the feed uses, so tests can hand it a fake. */
export interface SocketLike {
  onopen: ((event: Event) => void) | null
  onmessage: ((event: MessageEvent) => void) | null
  onclose: ((event: CloseEvent) => void) | null
  send(data: string): void
  close(): void
}

export interface LiveOptions {
  url: () => string
  connect?: (url: string) => SocketLike
  /**
   * Called when a connection closes without having opened. A browser cannot see the upgrade's 401 when the
   * session has expired, so the default asks GET /api/v1/session, whose 401 leads to the sign-in page.
   */
  onRefused?: () => void
  now?: () => number
  random?: () => number
}

export interface LiveState {
  connected: boolean
  /** No frame for STALE_AFTER_MS (or none yet that long after starting): what is shown is old. */
  stale: boolean
  /** When the last frame of any kind arrived (this browser's clock); null before the first. */
  lastFrameAt: number | null
  scope: ScopeJson | null
  panels: Partial<LivePanels>
  /** Open alerts of the scope, newest first. */
  alerts: Alert[]
  /** The last `error` frame's message, until the next snapshot. */
  error: string | null
}

export const INITIAL: LiveState = { connected: false, stale: false, lastFrameAt: null, scope: null, panels: {}, alerts: [], error: null }

/** The delay before reconnect attempt `attempt` (0-based): half of min(cap, base·2^attempt) plus up to that again. */
export function backoffDelay(attempt: number, random: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt)
  return ceiling / 2 + (random * ceiling) / 2
}

/** The state after one frame; `now` is when it arrived. */
export function applyFrame(state: LiveState, frame: LiveFrame, now: number): LiveState {
  const next = { ...state, lastFrameAt: now, stale: false }
  switch (frame.type) {
    case 'snapshot':
      return { ...next, scope: frame.scope, panels: frame.panels, alerts: newestFirst([...frame.alerts]), error: null }
    case 'panel':
      return { ...next, panels: { ...state.panels, [frame.name]: frame.data } }
    case 'alerts':
      return { ...next, alerts: mergeAlerts(state.alerts, frame.changed) }
    case 'error':
      return { ...next, error: frame.message }
    case 'heartbeat':
      return next
  }
}

export class LiveFeed implements Readable<LiveState> {
  readonly #o: Required<LiveOptions>
  readonly #state = writable<LiveState>(INITIAL, () => {
    this.#start()
    return () => this.#stop()
  })
  #value: LiveState = INITIAL
  #socket: SocketLike | undefined
  #opened = false
  /** When the current socket last showed life: dialled, opened or sent a frame. */
  #aliveAt = 0
  #attempt = 0
  #startedAt = 0
  #scope: ScopeQuery = {}
  #watchdog: ReturnType<typeof setInterval> | undefined
  #retry: ReturnType<typeof setTimeout> | undefined
  #running = false

  constructor(options: LiveOptions) {
    this.#o = { connect: (u) => new WebSocket(u), onRefused: () => undefined, now: Date.now, random: Math.random, ...options }
  }

  readonly subscribe = this.#state.subscribe

  /**
   * Shows another scope: a region, city or zone, or {} for everything the principal may see. Each view sets
   * its own; the choice lasts until the last subscriber leaves.
   */
  setScope(scope: ScopeQuery): void {
    this.#scope = scope
    this.#update((s) => ({ ...s, scope: null, panels: {}, alerts: [] }))
    if (this.#opened) this.#send(scope)
  }

  #start(): void {
    this.#running = true
    this.#startedAt = this.#o.now()
    this.#watchdog = setInterval(() => this.#watch(), WATCHDOG_MS)
    this.#connect()
  }

  #stop(): void {
    this.#running = false
    clearInterval(this.#watchdog)
    clearTimeout(this.#retry)
    this.#drop()
    this.#scope = {}
    this.#update(() => INITIAL)
  }

  #connect(): void {
    const socket = this.#o.connect(this.#o.url())
    this.#socket = socket
    this.#opened = false
    this.#aliveAt = this.#o.now()
    socket.onopen = () => {
      this.#opened = true
      this.#aliveAt = this.#o.now()
      this.#update((s) => ({ ...s, connected: true }))
      // The server subscribes every new connection to everything its principal may see.
      if (Object.keys(this.#scope).length > 0) this.#send(this.#scope)
    }
    socket.onmessage = (event) => this.#receive(event.data)
    socket.onclose = () => this.#closed(socket)
  }

  #receive(data: unknown): void {
    let frame: LiveFrame
    try {
      frame = JSON.parse(String(data)) as LiveFrame
    } catch {
      return
    }
    this.#aliveAt = this.#o.now()
    if (frame.type === 'snapshot') this.#attempt = 0
    this.#update((s) => applyFrame(s, frame, this.#o.now()))
  }

  #closed(socket: SocketLike): void {
    if (socket !== this.#socket) return
    const refused = !this.#opened
    this.#drop()
    this.#update((s) => ({ ...s, connected: false }))
    if (!this.#running) return
    if (refused) this.#o.onRefused()
    this.#retry = setTimeout(() => this.#connect(), backoffDelay(this.#attempt++, this.#o.random()))
  }

  /**
   * Once a second: mark old data stale, and give up on a socket that went silent (a half-open TCP link) or
   * that has been dialling too long (an unreachable host), rather than wait minutes for TCP to time out.
   */
  #watch(): void {
    const now = this.#o.now()
    const stale = now - (this.#value.lastFrameAt ?? this.#startedAt) > STALE_AFTER_MS
    if (stale !== this.#value.stale) this.#update((s) => ({ ...s, stale }))
    if (this.#socket && now - this.#aliveAt > STALE_AFTER_MS) this.#closed(this.#socket)
  }

  #update(change: (s: LiveState) => LiveState): void {
    this.#value = change(this.#value)
    this.#state.set(this.#value)
  }

  #drop(): void {
    const socket = this.#socket
    this.#socket = undefined
    this.#opened = false
    if (!socket) return
    socket.onopen = socket.onmessage = socket.onclose = null
    socket.close()
  }

  #send(scope: ScopeQuery): void {
    this.#socket?.send(JSON.stringify({ type: 'subscribe', scope }))
  }
}

function liveUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/live`
}

async function checkSession(): Promise<void> {
  try {
    await api.session()
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) toSignIn()
  }
}

export const live = new LiveFeed({ url: liveUrl, onRefused: () => void checkSession() })
