// Keeps the stored ticket KPI partials of the whole history filled in the background
// (server/src/kpi/ticket-kpi-hours.ts): once the app is ready, then every few minutes, so that hours that
// settle, a backfill (the demo simulator's first 14 days) and late events in old hours are computed before
// a week or a month is looked at; a query computes what is still missing itself. Stopped before storage
// closes.
import fp from 'fastify-plugin'
import type { Config } from '../config.ts'
import { fillTicketKpiHours } from '../kpi/ticket-kpi-hours.ts'

/** Between two days of a sweep: room for the live walls' queries, which share the embedded engine's sessions with it. */
const PAUSE_MS = 200
/** Between two sweeps over the history. */
const SWEEP_EVERY_MS = 5 * 60_000

export default fp<{ config: Config }>(
  async (app, { config }) => {
    let stopped = false
    let wake = () => {}
    // a sleep begun after the stop would hold the close for its whole length: it ends at once instead
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        if (stopped) return resolve()
        const timer = setTimeout(resolve, ms)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    const sweep = async () => {
      while (!stopped) {
        const started = Date.now()
        try {
          const hours = await fillTicketKpiHours(app.clickhouse, config, () => sleep(PAUSE_MS), () => stopped)
          if (hours > 0) app.log.info({ hours, ms: Date.now() - started }, 'stored ticket KPI partials filled')
        } catch (err) {
          app.log.error({ err }, 'filling the stored ticket KPI partials failed')
        }
        await sleep(SWEEP_EVERY_MS)
      }
    }
    let sweeping: Promise<void> = Promise.resolve()
    app.addHook('onReady', async () => {
      sweeping = sweep()
    })
    app.addHook('onClose', async () => {
      stopped = true
      wake()
      await sweeping
    })
  },
  { name: 'kpi-rollups', dependencies: ['storage'] },
)
