// Live event load for the push and clients benchmarks (run in the driver process, never in the server's).
// Simulator events (the realistic mix of ingest/simulator) are replayed at a fixed rate with their `ts`
// rewritten to the moment they are sent, in generator order, so every ticket's events keep their order and
// land in today's KPIs the way a live stream does; a set that runs out is replayed again under fresh ids.
import { setTimeout as sleep } from 'node:timers/promises'
import type { IncomingEvent } from '../ingest/events.ts'
import { generateEvents, loadDefaultZones } from '../ingest/simulator/index.ts'

const DAY_MS = 86_400_000
/** Above this many events a round is sent as several POSTs, like the simulator's 5,000-event batches. */
const MAX_BATCH = 5_000
/** Sends what is due this often. */
const TICK_MS = 100
/** POSTs in flight at once; more due events wait and go out in the next, larger batch. */
const MAX_IN_FLIGHT = 4

/** `count` simulator events (rate 1, seed `seed`) of a window ending `endMs`. */
export function simulatorEvents(count: number, endMs: number, seed: number): IncomingEvent[] {
  const days = Math.max(1, Math.ceil(count / 80_000))
  const out: IncomingEvent[] = []
  for (const e of generateEvents({ from: new Date(endMs - days * DAY_MS), to: new Date(endMs), zones: loadDefaultZones(), seed })) {
    out.push(e)
    if (out.length === count) break
  }
  return out
}

export interface PostOutcome {
  status: number
  accepted: number
  rejected: number
}

/** POSTs NDJSON to /api/v1/events; never throws on a status, so callers can count 429s. */
export async function postEvents(url: string, token: string, events: IncomingEvent[]): Promise<PostOutcome> {
  const res = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    body: events.map((e) => JSON.stringify(e)).join('\n'),
  })
  const text = await res.text()
  if (res.status !== 200) return { status: res.status, accepted: 0, rejected: 0 }
  const body = JSON.parse(text) as { accepted: number; rejected: unknown[] }
  return { status: 200, accepted: body.accepted, rejected: body.rejected.length }
}

export interface ReplayStats {
  sent: number
  accepted: number
  rejected: number
  /** Answers other than 200, by status (429/503 mean the ingest shed load). */
  refused: Record<string, number>
  posts: number
  /** From start() to stop(). */
  wallMs: number
}

/** Sends `rate` events a second from `events`, every event stamped with the time it goes out. */
export class Replayer {
  readonly #events: IncomingEvent[]
  #next = 0
  #round = 0
  #inFlight = new Set<Promise<void>>()
  #running = false
  #loop: Promise<void> = Promise.resolve()
  #started = 0
  #stopped = 0
  readonly stats: ReplayStats = { sent: 0, accepted: 0, rejected: 0, refused: {}, posts: 0, wallMs: 0 }

  constructor(
    events: IncomingEvent[],
    private readonly rate: number,
    private readonly url: string,
    private readonly token: string,
    /** Prefix of the ids of this replayer's events, so two replays of one set never collide. */
    private readonly tag: string,
  ) {
    this.#events = events
  }

  start(): void {
    if (this.rate <= 0 || this.#events.length === 0) return
    this.#running = true
    this.#started = performance.now()
    this.#loop = this.#run()
  }

  /** Stops sending and waits for the POSTs in flight. */
  async stop(): Promise<ReplayStats> {
    this.#running = false
    await this.#loop
    await Promise.all(this.#inFlight)
    this.#stopped = performance.now()
    this.stats.wallMs = this.#started === 0 ? 0 : this.#stopped - this.#started
    return this.stats
  }

  async #run(): Promise<void> {
    let due = 0
    while (this.#running) {
      await sleep(TICK_MS)
      due = Math.floor(((performance.now() - this.#started) / 1000) * this.rate) - this.stats.sent
      if (due <= 0 || this.#inFlight.size >= MAX_IN_FLIGHT) continue
      for (let left = due; left > 0 && this.#inFlight.size < MAX_IN_FLIGHT; left -= MAX_BATCH) this.#send(this.#take(Math.min(left, MAX_BATCH)))
    }
  }

  /** The next `n` events, ts spread over the last tick in their order, ids tagged with the replay round. */
  #take(n: number): IncomingEvent[] {
    const now = Date.now()
    const batch: IncomingEvent[] = []
    for (let i = 0; i < n; i++) {
      if (this.#next === this.#events.length) {
        this.#next = 0
        this.#round++
      }
      const e = this.#events[this.#next++] as IncomingEvent
      const prefix = `${this.tag}${this.#round}-`
      batch.push(retag(e, prefix, now - Math.round(((n - 1 - i) * TICK_MS) / n)))
    }
    this.stats.sent += n
    return batch
  }

  #send(batch: IncomingEvent[]): void {
    const p = postEvents(this.url, this.token, batch).then(
      (r) => {
        this.stats.posts++
        if (r.status === 200) {
          this.stats.accepted += r.accepted
          this.stats.rejected += r.rejected
        } else this.stats.refused[r.status] = (this.stats.refused[r.status] ?? 0) + batch.length
      },
      () => {
        this.stats.refused.network = (this.stats.refused.network ?? 0) + batch.length
      },
    )
    const tracked = p.finally(() => this.#inFlight.delete(tracked))
    this.#inFlight.add(tracked)
  }
}

/** A copy of an event with tagged ids and a new ts. */
function retag(e: IncomingEvent, prefix: string, ts: number): IncomingEvent {
  const copy: Record<string, unknown> = { ...e, event_id: prefix + e.event_id, ts }
  if ('ticket_id' in e) copy.ticket_id = prefix + e.ticket_id
  if ('order_id' in e && e.order_id !== undefined) copy.order_id = prefix + e.order_id
  return copy as IncomingEvent
}
