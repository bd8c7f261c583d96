// The live hub as a decorator, wired to the writer (new events) and the alert engine (alert changes), with
// its evaluation tick and heartbeat timers.
import fp from 'fastify-plugin'
import type { Config } from '../config.ts'
import { formatBusiness } from '../kpi/business-time.ts'
import { LiveHub } from '../live/hub.ts'
import { livePanels } from '../live/panels.ts'
import { alertJson } from '../routes/alerts.ts'

declare module 'fastify' {
  interface FastifyInstance {
    live: LiveHub
  }
}

/** For the panels' refreshes, and for news that came while a panel's gap was not up yet. */
const TICK_MS = 250
/** The wall calls its data stale after 10 s without a frame. */
const HEARTBEAT_MS = 3_000

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const tz = config.TZ_BUSINESS
    const hub = new LiveHub({
      panels: livePanels(app, config),
      tz: (ms) => formatBusiness(ms, tz),
      openAlerts: () => app.alerts.store.open(),
      alertJson: (a) => alertJson(a, tz),
      onError: (err) => app.log.error({ err }, 'live evaluation failed'),
    })
    app.decorate('live', hub)
    // A write starts a pass at once where the panels' gaps allow: the KPIs then follow each group commit
    // without waiting for the next tick.
    const onWrite = app.writer.onWrite((rows) => {
      hub.onEvents(rows)
      void hub.tick()
    })
    const stops = [onWrite, app.alerts.onChange((changed) => hub.onAlerts(changed, Date.now()))]
    const timers = [setInterval(() => void hub.tick(), TICK_MS), setInterval(() => hub.heartbeat(Date.now()), HEARTBEAT_MS)]
    app.addHook('onClose', async () => {
      for (const t of timers) clearInterval(t)
      for (const stop of stops) stop()
      await hub.close()
    })
  },
  { name: 'live', dependencies: ['storage', 'alerts'] },
)
