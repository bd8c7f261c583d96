// The alert engine as a decorator: started once the app is ready (storage migrated, zones loaded) and
// stopped before storage closes.
import fp from 'fastify-plugin'
import { AlertEngine } from '../alerts/engine.ts'
import type { Config } from '../config.ts'

declare module 'fastify' {
  interface FastifyInstance {
    alerts: AlertEngine
  }
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const engine = new AlertEngine(app.clickhouse, app.zones, config, (err) => app.log.error({ err }, 'alert evaluation failed'))
    app.decorate('alerts', engine)
    app.addHook('onReady', async () => engine.start(app.writer))
    app.addHook('onClose', async () => engine.stop())
  },
  { name: 'alerts', dependencies: ['storage'] },
)
