// Push benchmark, one run (a child process: it owns a chDB engine). Runs the real app on a fresh data
// directory, times its live hub and samples its CPU and memory, while bench/push-driver.ts — a child of
// this process, so its CPU is not counted here — drives the load, the sockets and the probes.
// Usage: tsx bench/push-server.ts <dataDir> <probes> <events/s> <probing budget s>
import { childMain, reportResult, runChild } from './child.ts'
import { ProcessSampler, startLiveApp, timeHub, within, type ProcessWindow } from './live-app.ts'
import type { PushDriverResult } from './push-driver.ts'
import type { CallTotals } from './storage-timer.ts'

export interface PushRun {
  driver: PushDriverResult
  /** The server process while the probes ran. */
  server: ProcessWindow
  /** Hub passes that ended while the probes ran: tick to end of pass, ms. */
  passes: number[]
  /** Panel computes that ended while the probes ran, ms, per panel name. */
  panels: Array<{ name: string; ms: number[] }>
  /** Storage calls over the whole run (load, probes and hub), largest first. */
  calls: CallTotals[]
  settings: string
}

childMain(async () => {
  const [dataDir = '', probes = '100', rate = '5000', budget = '90'] = process.argv.slice(2)
  const live = await startLiveApp(dataDir)
  const hub = timeHub(live.app.live)
  const sampler = new ProcessSampler()
  live.storage.reset()
  const driver = await runChild<PushDriverResult>('./push-driver.ts', {
    args: [live.url, live.tokens.ingest, live.tokens.wall, probes, rate, budget],
  })
  sampler.stop()
  const calls = live.storage.totals()
  await live.close()
  await reportResult<PushRun>({
    driver,
    server: sampler.window(driver.from, driver.to),
    passes: within(hub.ticks, driver.from, driver.to).map((t) => t.ms),
    panels: [...hub.panels].map(([name, list]) => ({ name, ms: within(list, driver.from, driver.to).map((t) => t.ms) })),
    calls,
    settings: live.settings,
  })
})
