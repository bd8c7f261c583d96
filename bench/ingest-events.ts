// The ingest benchmark's workload: a realistic event mix from the simulator, serialized once into two NDJSON
// files — the events as a client sends them (for the HTTP run) and the same events as validated `events`
// rows (for the raw-insert ceiling) — so both runs store byte-for-byte the same rows.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { generateEvents, loadDefaultZones } from '../ingest/simulator/index.ts'
import { validateEvent } from '../ingest/validate.ts'

export interface EventSet {
  /** NDJSON of the events as sent to POST /api/v1/events. */
  incomingPath: string
  /** NDJSON of the validated rows (EventRow), as the writer inserts them. */
  rowsPath: string
  events: number
  incomingBytes: number
  rowsBytes: number
  /** Events per type, most frequent first. */
  mix: Array<[string, number]>
  /** Simulated time span covered, in days. */
  days: number
  /** Events that failed validation or repeated an id: both must be 0 for the run to mean anything. */
  invalid: number
  repeatedIds: number
}

/** A lower bound of events per simulated day at rate 1 (≈ 91k measured on the default zones). */
const EVENTS_PER_DAY_FLOOR = 80_000
/** Events are this far in the past, well clear of the 5-minute future limit (SPEC §4.1). */
const END_MARGIN_MS = 10 * 60_000
const DAY_MS = 86_400_000

/** Generates the first `count` events of a simulated window ending just before now; writes both files. */
export function writeEventSet(dir: string, count: number, seed: number): EventSet {
  const to = Math.floor((Date.now() - END_MARGIN_MS) / 60_000) * 60_000
  const days = Math.ceil(count / EVENTS_PER_DAY_FLOOR)
  const from = to - days * DAY_MS
  const incomingPath = join(dir, 'incoming.ndjson')
  const rowsPath = join(dir, 'rows.ndjson')
  const incoming = new FileSink(incomingPath)
  const rows = new FileSink(rowsPath)
  const mix = new Map<string, number>()
  const ids = new Set<string>()
  let events = 0
  let invalid = 0
  let lastTs = from
  const now = Date.now()
  for (const event of generateEvents({ from: new Date(from), to: new Date(to), zones: loadDefaultZones(), seed })) {
    if (events === count) break
    events++
    mix.set(event.type, (mix.get(event.type) ?? 0) + 1)
    incoming.line(JSON.stringify(event))
    const v = validateEvent(event, now)
    if (!v.ok) invalid++
    else {
      rows.line(JSON.stringify(v.row))
      lastTs = v.row.ts
      ids.add(v.row.event_id)
    }
  }
  incoming.close()
  rows.close()
  return {
    incomingPath,
    rowsPath,
    events,
    incomingBytes: incoming.bytes,
    rowsBytes: rows.bytes,
    mix: [...mix].sort((a, b) => b[1] - a[1]),
    days: (lastTs - from) / DAY_MS,
    invalid,
    repeatedIds: events - invalid - ids.size,
  }
}

/** Buffered line writer: one write per ~1 MiB instead of one per event. */
class FileSink {
  readonly #fd: number
  #pending: string[] = []
  #pendingChars = 0
  bytes = 0

  constructor(path: string) {
    this.#fd = openSync(path, 'w')
  }

  line(text: string): void {
    this.#pending.push(text, '\n')
    this.#pendingChars += text.length + 1
    if (this.#pendingChars > 1 << 20) this.#flush()
  }

  close(): void {
    this.#flush()
    closeSync(this.#fd)
  }

  #flush(): void {
    const chunk = Buffer.from(this.#pending.join(''), 'utf8')
    writeSync(this.#fd, chunk)
    this.bytes += chunk.length
    this.#pending = []
    this.#pendingChars = 0
  }
}

/** Splits an NDJSON file into bodies of `size` lines each (the last may be shorter), without parsing. */
export function readBatches(path: string, size: number): Buffer[] {
  const data = readFileSync(path)
  const batches: Buffer[] = []
  let start = 0
  while (start < data.length) {
    let end = start
    for (let i = 0; i < size && end < data.length; i++) {
      const nl = data.indexOf(0x0a, end)
      end = nl === -1 ? data.length : nl + 1
    }
    batches.push(data.subarray(start, end))
    start = end
  }
  return batches
}
