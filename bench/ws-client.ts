// A GET /api/v1/live client for the benchmarks (driver process), on the `ws` package as a wall's browser
// would speak it: bearer token on the upgrade, a subscribe message, then frames (server/src/live/frames.ts).
// `parse: false` keeps a client cheap when hundreds run in one process: it reads only a frame's type and
// panel name from the first bytes (JSON.stringify writes `type` first, and `name` before `data`).
import WebSocket from 'ws'

export interface KpiFrame {
  type: string
  at?: string
  name?: string
  scope?: Record<string, unknown>
  data?: { kpis?: { tickets?: number } }
  panels?: { kpis?: { kpis?: { tickets?: number } } }
}

type Waiter = { pred: (f: KpiFrame, receivedAt: number) => boolean; resolve: (at: number) => void }

export class LiveClient {
  /** Frames received, by type (`panel` frames by `panel:<name>`). */
  readonly counts = new Map<string, number>()
  bytes = 0
  /** Every parsed frame with its receive time (performance.now()), when asked for. */
  readonly log: Array<{ frame: KpiFrame; receivedAt: number }> = []
  closed: { code: number; reason: string } | undefined
  #waiters: Waiter[] = []

  private constructor(
    readonly ws: WebSocket,
    private readonly parse: boolean,
    private readonly keep: boolean,
  ) {
    ws.on('message', (data: Buffer) => this.#onFrame(data))
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() }
    })
  }

  /** Opens a connection and subscribes to `scope` ({} for the principal's default). */
  static async connect(url: string, token: string, scope: Record<string, string>, opts: { parse: boolean; keep?: boolean }): Promise<LiveClient> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/live`, { headers: { authorization: `Bearer ${token}` } })
    const client = new LiveClient(ws, opts.parse, opts.keep ?? false)
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade answered ${res.statusCode}`)))
    })
    ws.on('error', () => undefined) // a reset after the run is reported by `closed`, not thrown
    if (Object.keys(scope).length > 0) ws.send(JSON.stringify({ type: 'subscribe', scope }))
    return client
  }

  /** Resolves with the receive time (performance.now()) of the first later frame that matches. */
  next(pred: (f: KpiFrame, receivedAt: number) => boolean, timeoutMs: number): Promise<number | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter)
        resolve(undefined)
      }, timeoutMs)
      const waiter: Waiter = { pred, resolve: (at) => (clearTimeout(timer), resolve(at)) }
      this.#waiters.push(waiter)
    })
  }

  count(key: string): number {
    return this.counts.get(key) ?? 0
  }

  close(): void {
    this.ws.close()
  }

  #onFrame(data: Buffer): void {
    const receivedAt = performance.now()
    this.bytes += data.length
    if (!this.parse) {
      const head = data.subarray(0, 300).toString('utf8')
      const type = /^\{"type":"(\w+)"/.exec(head)?.[1] ?? 'unknown'
      const name = type === 'panel' ? /"name":"(\w+)"/.exec(head)?.[1] : undefined
      this.#bump(name ? `panel:${name}` : type)
      return
    }
    const frame = JSON.parse(data.toString('utf8')) as KpiFrame
    this.#bump(frame.type === 'panel' ? `panel:${frame.name}` : frame.type)
    if (this.keep) this.log.push({ frame, receivedAt })
    for (const w of [...this.#waiters]) {
      if (w.pred(frame, receivedAt)) {
        this.#waiters.splice(this.#waiters.indexOf(w), 1)
        w.resolve(receivedAt)
      }
    }
  }

  #bump(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1)
  }
}
