// Storage decorators: the ClickHouse client (migrated at start-up), the exactly-once event writer behind
// the durable ingest (with its local spool and fault-injection switch), and the zone registry. Closed last
// on shutdown, after in-flight writes and spool replays have finished.
import { join } from 'node:path'
import type { ClickHouseClient } from '@clickhouse/client'
import fp from 'fastify-plugin'
import { DurableIngest } from '../../../ingest/durable.ts'
import { StorageFaults } from '../../../ingest/faults.ts'
import { SeenIds } from '../../../ingest/seen-ids.ts'
import { Spool } from '../../../ingest/spool.ts'
import { EventWriter } from '../../../ingest/writer.ts'
import { migrate } from '../../../sql/migrate.ts'
import type { Storage } from '../../../sql/client.ts'
import type { Config } from '../config.ts'
import { trackRollupChecks } from '../kpi/rollup-checks.ts'
import { ZoneRegistry } from '../zones/registry.ts'

declare module 'fastify' {
  interface FastifyInstance {
    clickhouse: ClickHouseClient
    writer: EventWriter
    ingest: DurableIngest
    faults: StorageFaults
    zones: ZoneRegistry
  }
}

export default fp<{ storage: Storage; config: Config }>(
  async (app, { storage, config }) => {
    const applied = await migrate(storage.client)
    if (applied.length > 0) app.log.info({ applied }, 'migrations applied')
    const zones = new ZoneRegistry(storage.client)
    await zones.load()
    const faults = new StorageFaults()
    // Embedded, this process is the only writer, so a filter of the stored ids can spare most lookups.
    const seen = storage.kind === 'embedded' ? new SeenIds() : undefined
    if (seen) app.log.info({ ids: await seen.load(storage.client) }, 'stored event ids loaded')
    const writer = new EventWriter(storage.client, { beforeInsert: () => faults.beforeInsert(), seen, spacingMs: config.INGEST_GROUP_MS })
    // likewise, a read can skip checking stored rollups that no write has touched since its last check
    if (storage.kind === 'embedded') trackRollupChecks(storage.client, writer)
    const spool = new Spool(join(config.DATA_DIR, 'spool'), Math.floor(config.SPOOL_MAX_MB * 1024 * 1024))
    const ingest = new DurableIngest(writer, spool, {
      insertTimeoutMs: config.INSERT_TIMEOUT_MS,
      onError: (err, context) => app.log.warn({ err, spool: spool.stats() }, context),
    })
    app.decorate('clickhouse', storage.client)
    app.decorate('writer', writer)
    app.decorate('ingest', ingest)
    app.decorate('faults', faults)
    app.decorate('zones', zones)
    app.addHook('onClose', async () => {
      await ingest.stop()
      await storage.close()
    })
  },
  { name: 'storage' },
)
