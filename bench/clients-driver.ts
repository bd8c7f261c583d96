// Clients benchmark, driver (a child process of bench/clients.ts, which runs the app): loads today so far
// at the simulator's realistic rate, then streams a light live load while WebSocket clients watch — first a
// baseline with one client per scope, then all of them — and reports the Date.now() bounds of both windows
// so the server can read its own CPU and RSS over exactly those spans.
// Today so far holds the simulator's first `day-hours` business hours (20: both peaks) however early the run:
// earlier in the day their times are squeezed into the part of today gone by, so the KPI panels' cost, which
// grows with the day's tickets, is an evening's at any hour and runs are comparable.
// Usage: tsx bench/clients-driver.ts <url> <ingest token> <wall token> <sockets> <seconds> <events/s> <day hours>
import { setTimeout as sleep } from 'node:timers/promises'
import type { IncomingEvent } from '../ingest/events.ts'
import { generateEvents, loadDefaultZones } from '../ingest/simulator/index.ts'
import { businessDay, dayStart } from '../server/src/kpi/business-time.ts'
import { loadConfig } from '../server/src/config.ts'
import { childMain, reportResult } from './child.ts'
import { postEvents, Replayer, simulatorEvents, type ReplayStats } from './live-load.ts'
import { timed } from './report.ts'
import { LiveClient } from './ws-client.ts'

/** Scopes the clients are spread over, in turn: the platform ({}) and every default region. */
const SCOPES: Array<Record<string, string>> = [{}, ...['华东', '华北', '华南', '西南'].map((region) => ({ region }))]
/** Clients connecting at once; a wall display fleet comes up over seconds, not in one burst. */
const CONNECT_CONCURRENCY = 50
/** Quiet time after connecting, so the snapshots' evaluation is not counted in the window. */
const SETTLE_MS = 5_000

export interface Span {
  from: number
  to: number
}

export interface ClientsDriverResult {
  /** `hours`: business hours of the simulator's day posted as today so far, into `elapsedHours` of today. */
  today: { events: number; generateMs: number; postMs: number; hours: number; elapsedHours: number }
  stream: ReplayStats
  baseline: Span & { sockets: number }
  measure: Span & { sockets: number }
  connectMs: number
  /** Frames received by all clients inside the measurement window, by type / panel. */
  frames: Record<string, number>
  bytes: number
  /** Clients without a snapshot, without any kpis frame in the window, and closed by the server. */
  noSnapshot: number
  noKpis: number
  dropped: number
}

const HOUR_MS = 3_600_000

/**
 * The simulator's events (rate 1: a realistic platform) of the day from `day.from` until `hours` in, or until
 * `day.to` if later, with the hours they cover; a longer day is squeezed into [day.from, day.to) keeping every
 * event's order, and an orders.count keeps to the start of a minute (SPEC §4.2) — several land on one minute
 * and add up.
 */
function todaySoFar(day: { from: number; to: number }, hours: number): { events: IncomingEvent[]; hours: number } {
  const until = Math.max(day.to, day.from + hours * HOUR_MS)
  const events = [...generateEvents({ from: new Date(day.from), to: new Date(until), zones: loadDefaultZones(), seed: 2 })]
  const covered = (until - day.from) / HOUR_MS
  const squeeze = (day.to - day.from) / (until - day.from)
  if (squeeze === 1) return { events, hours: covered }
  const squeezed = events.map((e) => {
    const ts = day.from + Math.floor(((typeof e.ts === 'number' ? e.ts : Date.parse(e.ts)) - day.from) * squeeze)
    return { ...e, ts: e.type === 'orders.count' ? ts - (ts % 60_000) : ts }
  })
  return { events: squeezed, hours: covered }
}

childMain(async () => {
  const [url = '', ingestToken = '', wallToken = '', socketsArg = '500', secondsArg = '60', streamArg = '20', dayHoursArg = '20'] = process.argv.slice(2)
  const sockets = Number(socketsArg)
  const seconds = Number(secondsArg)
  const stream = Number(streamArg)
  const tz = loadConfig({}).TZ_BUSINESS

  const now = Date.now()
  const day = { from: dayStart(businessDay(now, tz), tz), to: now - 60_000 }
  process.stdout.write('clients: generating today so far … ')
  const gen = await timed(async () => todaySoFar(day, Number(dayHoursArg)))
  const post = await timed(async () => {
    for (let i = 0; i < gen.value.events.length; i += 5_000) {
      const r = await postEvents(url, ingestToken, gen.value.events.slice(i, i + 5_000))
      if (r.status !== 200) throw new Error(`preloading today: POST answered ${r.status}`)
    }
  })
  console.log(`${gen.value.events.length.toLocaleString('en-US')} events, posted in ${(post.ms / 1000).toFixed(1)} s`)

  const baselineSeconds = Math.max(10, Math.round(seconds / 3))
  const set = simulatorEvents(Math.max(1_000, stream * (seconds + baselineSeconds + 60)), now - 2 * 86_400_000, 3)
  const clients: LiveClient[] = []
  const connect = async (n: number) => {
    for (let i = 0; i < n; i += CONNECT_CONCURRENCY) {
      const batch = Array.from({ length: Math.min(CONNECT_CONCURRENCY, n - i) }, (_, j) => SCOPES[(clients.length + i + j) % SCOPES.length] as Record<string, string>)
      clients.push(...(await Promise.all(batch.map((scope) => LiveClient.connect(url, wallToken, scope, { parse: false })))))
    }
  }
  // A client with a scope gets the platform's snapshot on connect, then its own after subscribing.
  const snapshotsDue = (i: number) => (Object.keys(SCOPES[i % SCOPES.length] ?? {}).length > 0 ? 2 : 1)
  const waitForSnapshots = async () => {
    const until = Date.now() + 60_000
    while (Date.now() < until && clients.some((c, i) => c.count('snapshot') < snapshotsDue(i))) await sleep(200)
  }

  await connect(Math.min(sockets, SCOPES.length))
  await waitForSnapshots()
  const live = new Replayer(set, stream, url, ingestToken, 'live')
  live.start()
  console.log(`clients: live stream at ${stream} events/s; baseline ${baselineSeconds} s with ${clients.length} clients …`)
  await sleep(SETTLE_MS)
  const baseline = { from: Date.now(), to: 0, sockets: clients.length }
  await sleep(baselineSeconds * 1_000)
  baseline.to = Date.now()

  console.log(`clients: connecting ${sockets - clients.length} more …`)
  const connected = await timed(async () => {
    await connect(sockets - clients.length)
    await waitForSnapshots()
  })
  await sleep(SETTLE_MS)
  console.log(`clients: measuring ${seconds} s with ${clients.length} clients …`)
  const before = clients.map((c) => new Map(c.counts))
  const bytesBefore = clients.reduce((a, c) => a + c.bytes, 0)
  const measure = { from: Date.now(), to: 0, sockets: clients.length }
  await sleep(seconds * 1_000)
  measure.to = Date.now()
  const frames: Record<string, number> = {}
  clients.forEach((c, i) => {
    for (const [key, n] of c.counts) frames[key] = (frames[key] ?? 0) + n - (before[i]?.get(key) ?? 0)
  })
  const noKpis = clients.filter((c, i) => c.count('panel:kpis') - (before[i]?.get('panel:kpis') ?? 0) === 0).length
  const streamStats = await live.stop()
  const dropped = clients.filter((c) => c.closed !== undefined).length
  const noSnapshot = clients.filter((c) => c.count('snapshot') === 0).length
  const bytes = clients.reduce((a, c) => a + c.bytes, 0) - bytesBefore
  for (const c of clients) c.close()

  await reportResult<ClientsDriverResult>({
    today: { events: gen.value.events.length, generateMs: gen.ms, postMs: post.ms, hours: gen.value.hours, elapsedHours: (day.to - day.from) / HOUR_MS },
    stream: streamStats,
    baseline,
    measure,
    connectMs: connected.ms,
    frames,
    bytes,
    noSnapshot,
    noKpis,
    dropped,
  })
})
