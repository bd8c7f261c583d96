// The running simulator: backfill history as fast as the ingest takes it, then stream live, sending each
// event once its time has come. Event ids are deterministic, so a restart that re-sends history is harmless
// (the ingest drops duplicates by event_id).

import { setTimeout as sleep } from 'node:timers/promises'
import type { IncomingEvent } from '../events.ts'
import { GROUP_MAX_ROWS } from '../writer.ts'
import { generateEvents, releaseTime } from './generate.ts'
import type { Zone } from './zones.ts'

export interface SimulatorOptions {
  /** Delivers one batch, e.g. a POST to /api/v1/events; awaited, so a slow ingest slows the simulator. */
  send: (events: IncomingEvent[]) => Promise<void>
  zones: Zone[]
  /** Start of the backfill; typically 14 days ago. */
  from: Date
  rate?: number
  seed?: number
  /** Events per send (default: the writer's full group, which is stored without waiting for the group commit's spacing). */
  batchSize?: number
  /** Stops the simulator; the promise then resolves. */
  signal?: AbortSignal
  log?: (msg: string) => void
  /** The current time in epoch ms (default Date.now); a faster clock replays at speed, e.g. in tests. */
  clock?: () => number
}

/** A backfill reports progress every this many events. */
const PROGRESS_EVERY = 100_000
/** Live mode sends what has become due once a second. */
const LIVE_TICK_MS = 1000
/** A failed send is retried with doubling pauses up to this long; ids make retries safe. */
const MAX_RETRY_PAUSE_MS = 30_000
/** The generator runs open-ended; this is the latest Date JavaScript can represent. */
const END_OF_TIME = new Date(8.64e15)

export async function runSimulator(opts: SimulatorOptions): Promise<void> {
  const clock = opts.clock ?? Date.now
  const started = clock()
  const log = opts.log ?? (() => {})
  const { from, zones, seed, rate } = opts
  const source = new Lookahead(generateEvents({ from, to: END_OF_TIME, zones, seed, rate, now: new Date(started) }))
  const out = new Sender(opts.send, opts.batchSize ?? GROUP_MAX_ROWS, log, opts.signal)
  const t0 = performance.now()
  const backfilled = await out.sendDue(source, started)
  if (opts.signal?.aborted) return
  log(`simulator: backfilled ${backfilled} events in ${((performance.now() - t0) / 1000).toFixed(1)} s, now streaming live`)
  while (await pause(LIVE_TICK_MS, opts.signal)) await out.sendDue(source, clock())
}

/** A generator with a one-event look-ahead, so we can stop in front of the first event not yet due. */
class Lookahead {
  private pending: IteratorResult<IncomingEvent> | undefined

  constructor(private readonly events: Generator<IncomingEvent>) {}

  peek(): IncomingEvent | undefined {
    this.pending ??= this.events.next()
    return this.pending.done === true ? undefined : this.pending.value
  }

  take(): void {
    this.pending = undefined
  }
}

class Sender {
  constructor(
    private readonly send: (events: IncomingEvent[]) => Promise<void>,
    private readonly batchSize: number,
    private readonly log: (msg: string) => void,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Sends every event due by `until`, in batches; returns how many went out. */
  async sendDue(source: Lookahead, until: number): Promise<number> {
    let sent = 0
    let batch: IncomingEvent[] = []
    for (let next = source.peek(); next !== undefined && releaseTime(next) <= until; next = source.peek()) {
      batch.push(next)
      source.take()
      if (batch.length >= this.batchSize) {
        if (!(await this.deliver(batch))) return sent
        sent += batch.length
        batch = []
        this.progress(sent, next)
      }
    }
    if (batch.length > 0 && (await this.deliver(batch))) sent += batch.length
    return sent
  }

  private reported = 0

  /** Long backfills say how far they have got. */
  private progress(sent: number, last: IncomingEvent): void {
    if (sent - this.reported < PROGRESS_EVERY) return
    this.reported = sent
    this.log(`simulator: sent ${sent} events, up to ${new Date(releaseTime(last)).toISOString()}`)
  }

  /** Delivers one batch, retrying failures until it goes through; false if aborted first. */
  private async deliver(batch: IncomingEvent[]): Promise<boolean> {
    for (let wait = 500; !this.signal?.aborted; wait = Math.min(2 * wait, MAX_RETRY_PAUSE_MS)) {
      try {
        await this.send(batch)
        return true
      } catch (err) {
        if (this.signal?.aborted) return false
        this.log(`simulator: send of ${batch.length} events failed (${String(err)}), retrying in ${wait} ms`)
        if (!(await pause(wait, this.signal))) return false
      }
    }
    return false
  }
}

/** Sleeps; false if the signal aborted the sleep. */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal })
    return true
  } catch {
    return false
  }
}
