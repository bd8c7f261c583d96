// GET /api/v1/live (SPEC §7): the WebSocket feed. Authenticated like REST (bearer header or the session
// cookie); without valid credentials the upgrade is answered 401. Listeners are attached before the first
// await and every subscription is undone on close, so a reset socket never leaks or crashes anything.
import type { FastifyInstance } from 'fastify'
import { READERS } from '../auth/principals.ts'
import { formatBusiness } from '../kpi/business-time.ts'
import { resolveScope, type ScopeQuery } from '../kpi/scope.ts'
import { LiveConnection } from '../live/connection.ts'
import type { Frame } from '../live/frames.ts'
import type { Config } from '../config.ts'

/** Dead connections (no pong) are found within two of these. */
const PING_MS = 15_000

export default async function liveRoutes(app: FastifyInstance, opts: { config: Config }) {
  const tz = opts.config.TZ_BUSINESS
  const errorFrame = (message: string) => JSON.stringify({ type: 'error', at: formatBusiness(Date.now(), tz), message } satisfies Frame)

  const pinger = setInterval(() => {
    for (const client of app.websocketServer.clients) {
      const conn = (client as { radar?: LiveConnection }).radar
      if (conn && !conn.alive) {
        client.terminate()
        continue
      }
      if (conn) conn.alive = false
      client.ping()
    }
  }, PING_MS)
  app.addHook('onClose', async () => clearInterval(pinger))

  app.get('/api/v1/live', { websocket: true, onRequest: app.allow(READERS) }, (socket, request) => {
    const conn = new LiveConnection(socket, request.principal)
    Object.assign(socket, { radar: conn })
    const subscribe = (q: ScopeQuery) => {
      try {
        const scope = resolveScope(q, app.zones, conn.principal)
        app.live.subscribe(conn, scope, Date.now()).catch((err: unknown) => {
          request.log.error({ err }, 'live snapshot failed')
          conn.send(errorFrame('the snapshot could not be computed; retrying on the next update'))
        })
      } catch (err) {
        conn.send(errorFrame((err as Error).message))
      }
    }
    socket.on('pong', () => {
      conn.alive = true
    })
    socket.on('error', (err) => request.log.warn({ err }, 'live socket error'))
    socket.on('close', () => app.live.unsubscribe(conn))
    socket.on('message', (data) => {
      let msg: { type?: unknown; scope?: unknown }
      try {
        msg = JSON.parse(String(data)) as typeof msg
      } catch {
        conn.send(errorFrame('messages must be JSON, e.g. {"type":"subscribe","scope":{"region":"华东"}}'))
        return
      }
      if (msg.type !== 'subscribe' || (msg.scope !== undefined && (typeof msg.scope !== 'object' || msg.scope === null))) {
        conn.send(errorFrame('unknown message; send {"type":"subscribe","scope":{"region"|"city"|"zone": "…"}}'))
        return
      }
      const s = (msg.scope ?? {}) as Record<string, unknown>
      const pick = (k: string) => (typeof s[k] === 'string' && (s[k] as string).length <= 128 ? (s[k] as string) : undefined)
      subscribe({ region: pick('region'), city: pick('city'), zone: pick('zone') })
    })
    // A client that subscribes to nothing gets the platform (a regional principal: its regions).
    subscribe({})
  })
}
