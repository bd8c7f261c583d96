// Benchmark part "clients": the server's CPU and memory while many dashboards watch it live — 500 WebSocket
// clients (role wall) spread over the platform and every region, a light live event stream so the KPI
// panels change about once a second, today so far loaded at the simulator's realistic rate. Target: under
// half a core. A baseline window with one client per scope tells the cost of the panels' evaluation
// (the same whatever the number of clients) from the cost of the fan-out.
// This process runs the real app and samples itself; the clients and the stream run in
// bench/clients-driver.ts, a child process, so their CPU is not counted.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { childMain, reportResult, runChild, type Check } from './child.ts'
import type { ClientsDriverResult } from './clients-driver.ts'
import { ProcessSampler, startLiveApp, timeHub, within, type HubTimes, type ProcessWindow } from './live-app.ts'
import { CLIENTS_OPTIONS, intOptions, keepData, parseFlags } from './config.ts'
import type { PartResult } from './parts.ts'
import { checkLines, equalCheck, int, mib, ms, p50p95, table, targetLine } from './report.ts'

const TARGET_CORES = 0.5

childMain(async () => {
  const o = intOptions(parseFlags(process.argv.slice(2)).flags, CLIENTS_OPTIONS)
  const dir = mkdtempSync(join(tmpdir(), 'radar-bench-clients-'))
  try {
    const live = await startLiveApp(dir)
    const hub = timeHub(live.app.live)
    const sampler = new ProcessSampler()
    live.storage.reset()
    const driver = await runChild<ClientsDriverResult>('./clients-driver.ts', {
      args: [live.url, live.tokens.ingest, live.tokens.wall, String(o.sockets), String(o.seconds), String(o.stream), String(o['day-hours'])],
    })
    sampler.stop()
    const calls = live.storage.totals()
    await live.close()
    const base = sampler.window(driver.baseline.from, driver.baseline.to)
    const main = sampler.window(driver.measure.from, driver.measure.to)
    const checks: Check[] = [
      equalCheck('clients connected', driver.measure.sockets, o.sockets),
      equalCheck('clients without a snapshot', driver.noSnapshot, 0),
      equalCheck('clients closed by the server', driver.dropped, 0),
      equalCheck('clients without a kpis frame in the window', driver.noKpis, 0),
      equalCheck('stream events rejected as invalid', driver.stream.rejected, 0),
    ]
    console.log(`\n${summary(o, driver, base, main, hub, live.settings, live.businessTime(driver.measure.from))}\n`)
    const callRows = calls.slice(0, 10).map((c): [string, string] => [c.label, `${int(c.calls)} calls, ${(c.ms / 1000).toFixed(0)} s in all, ${ms(c.ms / c.calls)} each`])
    console.log(`${table('Storage calls over the whole run (time summed per call, queueing in chDB included)', callRows)}\n`)
    console.log(`checks:\n${checkLines(checks)}`)
    await reportResult<PartResult>({ part: 'clients', failed: checks.filter((c) => !c.ok).length })
  } finally {
    if (keepData()) console.log(`data kept in ${dir}`)
    else rmSync(dir, { recursive: true, force: true })
  }
})

/** How the day was fitted into today so far (bench/clients-driver.ts todaySoFar). */
function squeezed(today: ClientsDriverResult['today']): string {
  return today.hours > today.elapsedHours + 0.01 ? `, squeezed into the ${today.elapsedHours.toFixed(1)} h of today gone by` : ''
}

function summary(o: Record<keyof typeof CLIENTS_OPTIONS, number>, d: ClientsDriverResult, base: ProcessWindow, main: ProcessWindow, hub: HubTimes, settings: string, measuredAt: string): string {
  const seconds = (d.measure.to - d.measure.from) / 1000
  const perClient = (key: string) => ((d.frames[key] ?? 0) / d.measure.sockets / seconds).toFixed(2)
  const frameKinds = Object.entries(d.frames)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${int(n)}`)
    .join(', ')
  const panels = (span: { from: number; to: number }) =>
    [...hub.panels]
      .map(([name, list]) => {
        const times = within(list, span.from, span.to).map((t) => t.ms)
        return `${name} ${int(times.length)}× ${p50p95(times)}`
      })
      .join('; ')
  const proc = (w: ProcessWindow) =>
    `CPU ${w.cores.toFixed(2)} cores, event loop busy ${(100 * w.eventLoopUtilization).toFixed(0)} %, RSS mean ${mib(w.rssMeanBytes)}, max ${mib(w.rssMaxBytes)} (${w.seconds.toFixed(0)} s)`
  const streamed = d.stream.accepted / (d.stream.wallMs / 1000)
  return table(`Clients: the server process with ${int(d.measure.sockets)} live WebSocket dashboards (role wall; platform and 4 regions in turn)`, [
    ['server settings', settings],
    ['today so far', `${int(d.today.events)} simulator events (rate 1) of the day's first ${d.today.hours.toFixed(1)} h${squeezed(d.today)}, posted in ${(d.today.postMs / 1000).toFixed(1)} s before the clients connect; measured from ${measuredAt}`],
    ['live stream', `${o.stream} events/s asked, ${streamed.toFixed(1)} achieved (simulator mix, ts = send time)`],
    [`server, ${int(d.measure.sockets)} clients`, `${proc(main)}  ${targetLine(`CPU < ${TARGET_CORES} core`, main.cores < TARGET_CORES)}`],
    [`server, ${d.baseline.sockets} clients (baseline)`, proc(base)],
    ['frames received', `${int(Object.values(d.frames).reduce((a, b) => a + b, 0))} in ${seconds.toFixed(0)} s (${frameKinds}); per client ${perClient('panel:kpis')} kpis frames/s; ${mib(d.bytes)} in all`],
    ['connecting the rest', `${ms(d.connectMs)} until every client had its snapshot`],
    ['live hub passes, window', `${p50p95(within(hub.ticks, d.measure.from, d.measure.to).map((t) => t.ms))} (tick to end of its pass)`],
    ['panel compute, window', panels(d.measure)],
    ['panel compute, baseline', panels(d.baseline)],
  ])
}
