// Benchmark part "push": how long after ingest acknowledges events (the 200 of POST /api/v1/events) a
// dashboard sees them — the first `kpis` panel frame on GET /api/v1/live that counts them — while a
// background load posts a realistic mix at a fixed rate. Target: p95 < 1 s.
// One run on a fresh data directory in a process of its own (bench/push-server.ts runs the app,
// bench/push-driver.ts the load, sockets and probes).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { childMain, reportResult, runChild, type Check } from './child.ts'
import { keepData, intOptions, parseFlags, PUSH_OPTIONS } from './config.ts'
import type { PartResult } from './parts.ts'
import type { PushRun } from './push-server.ts'
import { checkLines, equalCheck, int, mib, ms, p50p95, percentile, table, targetLine } from './report.ts'

const TARGET_P95_MS = 1_000

childMain(async () => {
  const o = intOptions(parseFlags(process.argv.slice(2)).flags, PUSH_OPTIONS)
  const dir = mkdtempSync(join(tmpdir(), 'radar-bench-push-'))
  try {
    console.log('push: run …')
    const run = await runChild<PushRun>('./push-server.ts', { args: [dir, String(o.probes), String(o.rate), String(o.budget)] })
    const checks: Check[] = [
      equalCheck('probe tickets shown in the end', run.driver.finalTickets, run.driver.probeTickets),
      equalCheck('background events rejected as invalid', run.driver.background.rejected, 0),
      equalCheck('sockets closed by the server', run.driver.dropped, 0),
    ]
    console.log(`\n${summary(o.rate, run, 'Push: 200 of POST /api/v1/events → first GET /api/v1/live `kpis` frame counting the probe')}\n`)
    console.log(`${callTable(run)}\n`)
    console.log(`checks:\n${checkLines(checks)}`)
    await reportResult<PartResult>({ part: 'push', failed: checks.filter((c) => !c.ok).length })
  } finally {
    if (keepData()) console.log(`data kept in ${dir}`)
    else rmSync(dir, { recursive: true, force: true })
  }
})

function summary(rate: number, r: PushRun, title: string): string {
  const d = r.driver
  const bg = d.background
  const seconds = bg.wallMs / 1000
  const refused = Object.entries(bg.refused).map(([status, n]) => `${int(n)} events ${status}`).join(', ') || 'none'
  const p = (xs: number[], q: number) => ms(percentile(xs, q))
  const p95 = percentile(d.latencies, 95)
  const sentToShown = d.latencies.map((l, i) => l + (d.ackMs[i] ?? 0))
  const late = d.missed > 0 ? `; ${d.missed} not shown within ${d.timeoutMs / 1000} s, counted as ${d.timeoutMs / 1000} s` : ''
  return table(title, [
    ['server settings', r.settings],
    ['background load', `${int(rate)} events/s asked, ${int(bg.accepted / seconds)} achieved (${int(bg.accepted)} accepted in ${int(bg.posts)} POSTs over ${seconds.toFixed(0)} s; refused: ${refused})`],
    ['', `simulator mix replayed with ts = send time (a ${int(d.backgroundSet.events)}-event set, replayed under fresh ids as needed)`],
    ['probes', `${d.latencies.length} × ${d.ticketsPerProbe} tickets in zone bench-probe (${d.budgetHit ? 'stopped by the time budget' : 'all asked'}); ${d.sockets} sockets as role wall: platform, 4 regions, the probe zone`],
    ['latency, probe zone', `p50 ${p(d.latencies, 50)}, p95 ${p(d.latencies, 95)}, p99 ${p(d.latencies, 99)}, max ${ms(Math.max(...d.latencies))}${late}  ${targetLine(`p95 < ${TARGET_P95_MS} ms`, p95 < TARGET_P95_MS)}`],
    ['latency, platform', `p50 ${p(d.platformLatencies, 50)}, p95 ${p(d.platformLatencies, 95)}, p99 ${p(d.platformLatencies, 99)}  (first platform kpis frame from the hub pass that showed the probe, or a later one; ${d.platformLatencies.length} of ${d.latencies.length} probes)`],
    ['probe POST round trip', `p50 ${p(d.ackMs, 50)}, p95 ${p(d.ackMs, 95)}, max ${ms(Math.max(...d.ackMs))}`],
    // what a person at the wall waits: the ack's wait for the writer's next group commit (INGEST_GROUP_MS) too
    ['probe sent → shown', `p50 ${p(sentToShown, 50)}, p95 ${p(sentToShown, 95)}, max ${ms(Math.max(...sentToShown))}  (POST round trip + latency, probe zone)`],
    ['server process', `CPU ${r.server.cores.toFixed(2)} cores, event loop busy ${(100 * r.server.eventLoopUtilization).toFixed(0)} %, RSS mean ${mib(r.server.rssMeanBytes)}, max ${mib(r.server.rssMaxBytes)}`],
    ['live hub passes', `${p50p95(r.passes)}, max ${ms(Math.max(...r.passes))} (tick to end of its pass)`],
    ['panel compute', r.panels.map((x) => `${x.name} ${p50p95(x.ms)} (${int(x.ms.length)}×)`).join('; ')],
  ])
}

/** Where the server's storage time went (summed per call; chDB runs one statement at a time, so calls queue). */
function callTable(r: PushRun): string {
  return table(
    'Storage calls during the run (time summed per call, queueing in chDB included)',
    r.calls.slice(0, 8).map((c): [string, string] => [c.label, `${int(c.calls)} calls, ${(c.ms / 1000).toFixed(0)} s in all, ${ms(c.ms / c.calls)} each`]),
  )
}
