// Fills the stored ticket KPI partials of the whole history in the background once the app is ready
// (server/src/kpi/ticket-kpi-hours.ts), so that the first look at a week or a month does not compute it
// all at once; a query computes what is still missing itself. Stopped before storage closes.
import fp from 'fastify-plugin'
import type { Config } from '../config.ts'
import { fillTicketKpiHours } from '../kpi/ticket-kpi-hours.ts'

/** Between two days of the fill: room for the live walls' queries, which chDB runs one at a time with it. */
const PAUSE_MS = 200

export default fp<{ config: Config }>(
  async (app, { config }) => {
    let stopped = false
    let filling: Promise<void> = Promise.resolve()
    app.addHook('onReady', async () => {
      const started = Date.now()
      filling = fillTicketKpiHours(app.clickhouse, config, () => new Promise((r) => setTimeout(r, PAUSE_MS)), () => stopped)
        .then((zoneHours) => app.log.info({ zoneHours, ms: Date.now() - started }, 'stored ticket KPI partials filled'))
        .catch((err: unknown) => app.log.error({ err }, 'filling the stored ticket KPI partials failed'))
    })
    app.addHook('onClose', async () => {
      stopped = true
      await filling
    })
  },
  { name: 'kpi-rollups', dependencies: ['storage'] },
)
