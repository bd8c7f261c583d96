// Runs the demo simulator inside the server process (chDB allows one engine per process) and sends its
// events through the public ingest API over loopback, exactly as any other client would.
import type { FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'
import type { IncomingEvent } from '../../ingest/events.ts'
import { MEDIA_TYPES } from '../../ingest/parse.ts'
import { runSimulator } from '../../ingest/simulator/index.ts'
import { runQuery } from '../../sql/queries.ts'
import type { Config } from './config.ts'

const DAY_MS = 86_400_000
/** Re-sent on restart so lifecycles cut by the stop complete; their event_ids make the overlap harmless. */
const RESUME_OVERLAP_MS = 60 * 60_000

export function startSimulator(app: FastifyInstance, config: Config, token: string): { stop(): Promise<void> } {
  const abort = new AbortController()
  const { port } = app.server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}/api/v1/events`
  const send = async (events: IncomingEvent[]) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': MEDIA_TYPES.ndjson },
      body: events.map((e) => JSON.stringify(e)).join('\n'),
      signal: abort.signal,
    })
    const result = (await res.json()) as { rejected?: unknown[]; message?: string }
    if (!res.ok) throw new Error(`ingest answered ${res.status}: ${result.message ?? ''}`)
    if (result.rejected?.length) app.log.warn({ rejected: result.rejected.slice(0, 3) }, 'simulator events rejected')
  }
  const done = (async () => {
    const [latest] = await runQuery<{ ms: number }>(app.clickhouse, 'latest_event_ms')
    const from = latest?.ms ? latest.ms - RESUME_OVERLAP_MS : Date.now() - config.SIMULATOR_BACKFILL_DAYS * DAY_MS
    app.log.info({ from: new Date(from).toISOString() }, 'simulator starting')
    await runSimulator({
      send,
      zones: app.zones.list(),
      from: new Date(from),
      rate: config.SIMULATOR_RATE,
      signal: abort.signal,
      log: (msg) => app.log.info(msg),
    })
  })().catch((err: unknown) => {
    if (!abort.signal.aborted) app.log.error({ err }, 'simulator stopped')
  })
  return {
    stop: async () => {
      abort.abort()
      await done
    },
  }
}
