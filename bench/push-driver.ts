// Push benchmark, driver (a child process of bench/push.ts, which runs the app): a background load of
// simulator events at a fixed rate, wall-role WebSocket clients on the platform, every region and the
// probe zone, and the probes. A probe posts a few tickets in the probe zone (which no background event
// names) and times from the 200 of its POST to the first `kpis` panel frame of the probe zone's scope whose
// `tickets` counts them — exact however busy the platform is. The platform's own latency is read from the
// platform client's frames: the first `kpis` frame from the hub pass that showed the probe, or a later one
// (a pass evaluates every scope at once; one started by the probe's write begins before the ack is sent).
// Usage: tsx bench/push-driver.ts <url> <ingest token> <wall token> <probes> <events/s> <probing budget s>
import { setTimeout as sleep } from 'node:timers/promises'
import type { IncomingEvent } from '../ingest/events.ts'
import { childMain, reportResult } from './child.ts'
import { PROBE_ZONE } from './live-app.ts'
import { postEvents, Replayer, simulatorEvents, type ReplayStats } from './live-load.ts'
import { timed } from './report.ts'
import { LiveClient } from './ws-client.ts'

/** Tickets per probe. */
const PROBE_TICKETS = 3
/** A probe whose frame has not come within this is counted at this value and reported as missed. */
const PROBE_TIMEOUT_MS = 15_000
/** After the last probe, how long the probe zone may take to show every probe ticket. */
const FINAL_WAIT_MS = 180_000
/** The load runs this long before the first probe, so the probes see a steady state. */
const WARM_UP_MS = 10_000
/** Replayed set: a minute of load, replayed under fresh ids if the run is longer. */
const SET_SECONDS = 60

export interface PushDriverResult {
  ticketsPerProbe: number
  timeoutMs: number
  /** Probing stopped at the time budget before every probe was sent. */
  budgetHit: boolean
  /** Probe zone: ack → first frame counting the probe, ms (PROBE_TIMEOUT_MS for a miss). */
  latencies: number[]
  missed: number
  /** Platform: ack → first kpis frame evaluated after the ack, ms (none when no such frame came). */
  platformLatencies: number[]
  /** The probe POSTs' round trips. */
  ackMs: number[]
  /** Probe-zone tickets in the last frame, against those posted. */
  finalTickets: number
  probeTickets: number
  background: ReplayStats
  backgroundSet: { events: number; generateMs: number }
  /** Date.now() bounds of the probing, for the server's figures. */
  from: number
  to: number
  sockets: number
  /** Connections the server closed during the run. */
  dropped: number
}

childMain(async () => {
  const [url = '', ingestToken = '', wallToken = '', probesArg = '100', rateArg = '5000', budgetArg = '90'] = process.argv.slice(2)
  const probes = Number(probesArg)
  const rate = Number(rateArg)
  const budgetMs = Number(budgetArg) * 1_000

  process.stdout.write(`push: generating ${SET_SECONDS} s of background events … `)
  const gen = await timed(async () => simulatorEvents(Math.max(1_000, rate * SET_SECONDS), Date.now() - 86_400_000, 1))
  console.log(`${gen.value.length.toLocaleString('en-US')} in ${(gen.ms / 1000).toFixed(1)} s`)

  // Platform and regions first, so the probe zone's group is evaluated last in every hub pass.
  const platform = await LiveClient.connect(url, wallToken, {}, { parse: true, keep: true })
  const regions = await Promise.all(['华东', '华北', '华南', '西南'].map((region) => LiveClient.connect(url, wallToken, { region }, { parse: false })))
  const probe = await LiveClient.connect(url, wallToken, { zone: PROBE_ZONE.id }, { parse: true, keep: true })
  const ready = await probe.next((f) => f.type === 'snapshot' && f.scope?.zone === PROBE_ZONE.id, 30_000)
  if (ready === undefined) throw new Error('no snapshot of the probe zone within 30 s')

  const load = new Replayer(gen.value, rate, url, ingestToken, 'bg')
  load.start()
  console.log(`push: background load at ${rate.toLocaleString('en-US')} events/s; warming up ${WARM_UP_MS / 1000} s, then ${probes} probes …`)
  await sleep(WARM_UP_MS)

  const latencies: number[] = []
  const acks: Array<{ perf: number; tickets: number }> = []
  const ackMs: number[] = []
  let missed = 0
  let posted = 0
  const from = Date.now()
  let budgetHit = false
  for (let p = 0; p < probes; p++) {
    if (Date.now() - from > budgetMs) {
      budgetHit = true
      break
    }
    const expected = posted + PROBE_TICKETS
    const shown = probe.next((f) => f.type === 'panel' && f.name === 'kpis' && (f.data?.kpis?.tickets ?? 0) >= expected, PROBE_TIMEOUT_MS + 5_000)
    const sent = performance.now()
    const answer = await postEvents(url, ingestToken, probeTickets(p, Date.now() - 1_000))
    const acked = performance.now()
    if (answer.status !== 200 || answer.accepted !== PROBE_TICKETS) throw new Error(`probe ${p}: POST answered ${answer.status}, accepted ${answer.accepted}`)
    posted = expected
    ackMs.push(acked - sent)
    const seen = await shown
    if (seen === undefined || seen - acked > PROBE_TIMEOUT_MS) missed++
    latencies.push(seen === undefined ? PROBE_TIMEOUT_MS : Math.min(PROBE_TIMEOUT_MS, seen - acked))
    acks.push({ perf: acked, tickets: expected })
    if ((p + 1) % 25 === 0) console.log(`push: ${p + 1} probes, p50 so far ${median(latencies).toFixed(0)} ms`)
    await sleep(250 + Math.random() * 500)
  }
  const to = Date.now()
  const background = await load.stop()

  // Every probe ticket must show in the end, however late (a hub that fell behind catches up once the load stops).
  if (shownTickets(probe) < posted) await probe.next((f) => f.type === 'panel' && f.name === 'kpis' && (f.data?.kpis?.tickets ?? 0) >= posted, FINAL_WAIT_MS)
  const platformLatencies = platformAfter(platform, probe, acks)
  const sockets = [platform, ...regions, probe]
  const dropped = sockets.filter((s) => s.closed !== undefined).length
  for (const s of sockets) s.close()
  await reportResult<PushDriverResult>({
    ticketsPerProbe: PROBE_TICKETS,
    timeoutMs: PROBE_TIMEOUT_MS,
    budgetHit,
    latencies,
    missed,
    platformLatencies,
    ackMs,
    finalTickets: shownTickets(probe),
    probeTickets: posted,
    background,
    backgroundSet: { events: gen.value.length, generateMs: gen.ms },
    from,
    to,
    sockets: sockets.length,
    dropped,
  })
})

function probeTickets(p: number, ts: number): IncomingEvent[] {
  const run = process.pid.toString(36)
  return Array.from({ length: PROBE_TICKETS }, (_, i) => ({
    event_id: `probe-${run}-${p}-${i}`,
    type: 'ticket.created' as const,
    ts,
    ticket_id: `probe-${run}-${p}-${i}`,
    zone: PROBE_ZONE.id,
    channel: 'app' as const,
    category: 'delay' as const,
  }))
}

/** The most tickets any kpis frame of a client has shown. */
function shownTickets(client: LiveClient): number {
  return Math.max(0, ...client.log.filter((l) => l.frame.name === 'kpis').map((l) => l.frame.data?.kpis?.tickets ?? 0))
}

/** Per ack: the wait for the first platform kpis frame from the pass that showed the probe's tickets, or a later pass. */
function platformAfter(platform: LiveClient, probe: LiveClient, acks: Array<{ perf: number; tickets: number }>): number[] {
  const kpiFrames = (c: LiveClient) => c.log.filter((l) => l.frame.type === 'panel' && l.frame.name === 'kpis' && l.frame.at !== undefined)
  const frames = kpiFrames(platform)
  const probeFrames = kpiFrames(probe)
  return acks.flatMap((ack) => {
    const shown = probeFrames.find((l) => (l.frame.data?.kpis?.tickets ?? 0) >= ack.tickets)
    if (!shown) return []
    const pass = Date.parse(shown.frame.at as string)
    const first = frames.find((l) => l.receivedAt >= ack.perf && Date.parse(l.frame.at as string) >= pass)
    return first ? [first.receivedAt - ack.perf] : []
  })
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN
}
