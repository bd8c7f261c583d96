// Ingest benchmark, HTTP run (a child process: it owns a chDB engine). Starts the real app on a fresh data
// directory, posts the NDJSON batches with N concurrent clients sharing one queue, and checks that every
// event was accepted and stored exactly once.
// With `alerts-off`, the alert engine is stopped once the app is ready: a diagnostic run that shows how much
// of the HTTP rate its evaluation queries take (chDB runs one statement at a time per process).
// Usage: tsx bench/ingest-http.ts <incoming.ndjson> <dataDir> <batchSize> <clients> [alerts-off]
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { buildApp } from '../server/src/app.ts'
import { Principals, sha256Hex } from '../server/src/auth/principals.ts'
import { loadConfig } from '../server/src/config.ts'
import { loadDefaultZones } from '../ingest/simulator/index.ts'
import { openStorage } from '../sql/client.ts'
import { childMain, reportResult, type Check } from './child.ts'
import { readBatches } from './ingest-events.ts'
import { equalCheck, percentile } from './report.ts'
import { StorageTimer, type CallTotals } from './storage-timer.ts'
import { countStored, lineCount, type RunStats } from './ingest-shared.ts'

export interface HttpResult extends RunStats {
  clients: number
  alerts: boolean
  latencyMs: { p50: number; p95: number; max: number }
  /** Share of the wall time the server's event loop was busy (1 = the JS thread was the bottleneck). */
  eventLoopUtilization: number
  storageCalls: CallTotals[]
}

interface Answer {
  accepted: number
  duplicates: number
  rejected: unknown[]
}

childMain(async () => {
  const [incomingPath = '', dataDir = '', batchArg = '5000', clientArg = '2', alertsArg = ''] = process.argv.slice(2)
  const alerts = alertsArg !== 'alerts-off'
  const batches = readBatches(incomingPath, Number(batchArg))
  const events = batches.reduce((n, b) => n + lineCount(b), 0)
  const token = randomBytes(24).toString('hex')

  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', SIMULATOR: 'off', HOST: '127.0.0.1', PORT: '0' })
  const storage = await openStorage({ dataDir })
  const timer = new StorageTimer(storage.client)
  const principals = new Principals([{ name: 'bench-ingest', role: 'ingest', token_sha256: sha256Hex(token) }])
  const app = await buildApp({ config, storage, principals, sessionSecret: randomBytes(32).toString('hex') })
  await app.zones.replace(loadDefaultZones())
  await app.listen({ host: config.HOST, port: config.PORT })
  if (!alerts) await app.alerts.stop()
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/events`
  const post = async (body: Buffer): Promise<Answer> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body,
    })
    const text = await res.text()
    if (res.status !== 200) throw new Error(`POST /api/v1/events answered ${res.status}: ${text.slice(0, 300)}`)
    return JSON.parse(text) as Answer
  }

  // The clients take the next batch from a shared queue, as independent senders would.
  const latencies: number[] = []
  const totals = { accepted: 0, duplicates: 0, rejected: 0 }
  let next = 0
  const client = async () => {
    for (let i = next++; i < batches.length; i = next++) {
      const sent = performance.now()
      const answer = await post(batches[i] as Buffer)
      latencies.push(performance.now() - sent)
      totals.accepted += answer.accepted
      totals.duplicates += answer.duplicates
      totals.rejected += answer.rejected.length
    }
  }
  const clients = Number(clientArg)
  timer.reset()
  const cpuBefore = process.cpuUsage()
  const eluBefore = performance.eventLoopUtilization()
  const start = performance.now()
  await Promise.all(Array.from({ length: clients }, client))
  const wallMs = performance.now() - start
  const cpu = process.cpuUsage(cpuBefore)
  const elu = performance.eventLoopUtilization(eluBefore)
  const storageCalls = timer.totals()

  const stored = await countStored(storage.client)
  const checks: Check[] = [
    equalCheck('accepted', totals.accepted, events),
    equalCheck('duplicates', totals.duplicates, 0),
    equalCheck('rejected', totals.rejected, 0),
    equalCheck('rows in events', stored.rows, events),
    equalCheck('distinct event_id in events', stored.ids, events),
  ]
  // Retrying a batch must be harmless: all of it comes back as duplicates and nothing more is stored.
  const first = batches[0] as Buffer
  const again = await post(first)
  checks.push(equalCheck('re-posted batch: duplicates', again.duplicates, lineCount(first)))
  checks.push(equalCheck('re-posted batch: accepted', again.accepted, 0))
  checks.push(equalCheck('rows in events after the re-post', (await countStored(storage.client)).rows, events))
  await app.close()

  await reportResult<HttpResult>({
    events,
    batches: batches.length,
    clients,
    alerts,
    wallMs,
    eventsPerSec: events / (wallMs / 1000),
    cpuMs: (cpu.user + cpu.system) / 1000,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies) },
    eventLoopUtilization: elu.utilization,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    storageCalls,
    checks,
  })
})
