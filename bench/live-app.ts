// The server side of the push and clients benchmarks (the part's own process, which owns the chDB engine):
// the real app on a fresh data directory, listening on 127.0.0.1:0, with tokens for the driver process; a
// sampler of this process' CPU, RSS and event loop; and timers on the live hub's passes and panels, so a
// slow push can be traced to what the hub was doing. The drivers run in a child process, so their CPU is
// not counted here.
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { performance, type EventLoopUtilization } from 'node:perf_hooks'
import type { FastifyInstance } from 'fastify'
import { loadDefaultZones } from '../ingest/simulator/index.ts'
import { buildApp } from '../server/src/app.ts'
import { Principals, sha256Hex } from '../server/src/auth/principals.ts'
import { loadConfig } from '../server/src/config.ts'
import { formatBusiness } from '../server/src/kpi/business-time.ts'
import type { LiveHub, Panel } from '../server/src/live/hub.ts'
import type { Zone } from '../server/src/zones/registry.ts'
import { openStorage } from '../sql/client.ts'
import { appSettings } from './config.ts'
import { StorageTimer } from './storage-timer.ts'

/** A zone no simulator event names: probe tickets go there, so a frame of its scope counts only them. */
export const PROBE_ZONE: Zone = { id: 'bench-probe', name: '探针区', city: '上海', region: '华东' }

export interface LiveApp {
  app: FastifyInstance
  url: string
  tokens: { ingest: string; wall: string }
  storage: StorageTimer
  /** The app's settings that these benchmarks' figures depend on, as one line for the report. */
  settings: string
  /** An instant in the app's business time: "today so far", what the KPI panels cover, grows through the day. */
  businessTime(ms: number): string
  close(): Promise<void>
}

export async function startLiveApp(dataDir: string): Promise<LiveApp> {
  const tokens = { ingest: randomBytes(24).toString('hex'), wall: randomBytes(24).toString('hex') }
  const config = loadConfig(appSettings(dataDir))
  const storage = await openStorage({ dataDir, sessions: config.CHDB_SESSIONS })
  const timer = new StorageTimer(storage.client)
  const principals = new Principals([
    { name: 'bench-ingest', role: 'ingest', token_sha256: sha256Hex(tokens.ingest) },
    { name: 'bench-wall', role: 'wall', token_sha256: sha256Hex(tokens.wall) },
  ])
  const app = await buildApp({ config, storage, principals, sessionSecret: randomBytes(32).toString('hex') })
  await app.zones.replace([...loadDefaultZones(), PROBE_ZONE])
  await app.listen({ host: config.HOST, port: config.PORT })
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const settings = `INGEST_GROUP_MS ${config.INGEST_GROUP_MS} ms, CHDB_SESSIONS ${config.CHDB_SESSIONS} (set them in the environment)`
  return { app, url, tokens, storage: timer, settings, businessTime: (ms) => formatBusiness(ms, config.TZ_BUSINESS), close: () => app.close() }
}

interface Sample {
  at: number
  cpuMicros: number
  rss: number
  elu: EventLoopUtilization
}

export interface ProcessWindow {
  seconds: number
  /** CPU time of the whole process (all threads, chDB's included) per wall second. */
  cores: number
  rssMeanBytes: number
  rssMaxBytes: number
  eventLoopUtilization: number
}

/** Samples this process once a second; `window` gives the figures between two Date.now() instants. */
export class ProcessSampler {
  readonly #samples: Sample[] = []
  readonly #timer: NodeJS.Timeout

  constructor(intervalMs = 1_000) {
    this.#take()
    this.#timer = setInterval(() => this.#take(), intervalMs)
  }

  stop(): void {
    clearInterval(this.#timer)
    this.#take()
  }

  window(from: number, to: number): ProcessWindow {
    const inside = this.#samples.filter((s) => s.at >= from && s.at <= to)
    const first = inside[0]
    const last = inside.at(-1)
    if (!first || !last || last === first) return { seconds: 0, cores: Number.NaN, rssMeanBytes: Number.NaN, rssMaxBytes: Number.NaN, eventLoopUtilization: Number.NaN }
    const seconds = (last.at - first.at) / 1000
    return {
      seconds,
      cores: (last.cpuMicros - first.cpuMicros) / 1e6 / seconds,
      rssMeanBytes: inside.reduce((a, s) => a + s.rss, 0) / inside.length,
      rssMaxBytes: Math.max(...inside.map((s) => s.rss)),
      eventLoopUtilization: performance.eventLoopUtilization(last.elu, first.elu).utilization,
    }
  }

  #take(): void {
    const cpu = process.cpuUsage()
    this.#samples.push({ at: Date.now(), cpuMicros: cpu.user + cpu.system, rss: process.memoryUsage.rss(), elu: performance.eventLoopUtilization() })
  }
}

export interface HubTimes {
  /** Per tick: from the timer's call to the end of its evaluation pass (waiting for earlier passes included). */
  ticks: Array<{ at: number; ms: number }>
  /** Per panel name: each compute's wall time, with the Date.now() it finished. */
  panels: Map<string, Array<{ at: number; ms: number }>>
}

/**
 * Wraps the hub's tick and its panels' compute to time them, without changing what they do. The panels sit
 * in the hub's options (a TypeScript-private field); if that shape changes, only the tick times are kept.
 */
export function timeHub(hub: LiveHub): HubTimes {
  const times: HubTimes = { ticks: [], panels: new Map() }
  const tick = hub.tick.bind(hub)
  hub.tick = (clock: () => number = Date.now) => {
    const start = performance.now()
    return tick(clock).finally(() => times.ticks.push({ at: Date.now(), ms: performance.now() - start }))
  }
  const panels = (hub as unknown as { o?: { panels?: Panel[] } }).o?.panels ?? []
  for (const panel of panels) {
    const compute = panel.compute.bind(panel)
    const list: Array<{ at: number; ms: number }> = []
    times.panels.set(panel.name, list)
    panel.compute = async (scopes, now) => {
      const start = performance.now()
      try {
        return await compute(scopes, now)
      } finally {
        list.push({ at: Date.now(), ms: performance.now() - start })
      }
    }
  }
  return times
}

/** The entries of a timed series between two Date.now() instants. */
export function within<T extends { at: number }>(series: readonly T[], from: number, to: number): T[] {
  return series.filter((s) => s.at >= from && s.at <= to)
}
