// Storage decorators: the ClickHouse client (migrated at start-up), the exactly-once event writer, and the
// zone registry. Closed last on shutdown, after the writer has drained.
import type { ClickHouseClient } from '@clickhouse/client'
import fp from 'fastify-plugin'
import { EventWriter } from '../../../ingest/writer.ts'
import { migrate } from '../../../sql/migrate.ts'
import type { Storage } from '../../../sql/client.ts'
import { ZoneRegistry } from '../zones/registry.ts'

declare module 'fastify' {
  interface FastifyInstance {
    clickhouse: ClickHouseClient
    writer: EventWriter
    zones: ZoneRegistry
  }
}

export default fp<{ storage: Storage }>(
  async (app, { storage }) => {
    const applied = await migrate(storage.client)
    if (applied.length > 0) app.log.info({ applied }, 'migrations applied')
    const zones = new ZoneRegistry(storage.client)
    await zones.load()
    const writer = new EventWriter(storage.client)
    app.decorate('clickhouse', storage.client)
    app.decorate('writer', writer)
    app.decorate('zones', zones)
    app.addHook('onClose', async () => {
      await writer.drain()
      await storage.close()
    })
  },
  { name: 'storage' },
)
