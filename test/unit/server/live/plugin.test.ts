// The live plugin's wiring (issue 3): a write reaches the hub as news and starts a pass at once, rather than
// leaving it to the next tick, so an event's KPIs can leave in the pass its own write starts.
import Fastify from 'fastify'
import fp from 'fastify-plugin'
import { describe, expect, it, vi } from 'vitest'
import type { EventRow } from '../../../../ingest/events.ts'
import livePlugin from '../../../../server/src/plugins/live.ts'
import { loadConfig } from '../../../../server/src/config.ts'

/** The app with the two plugins the live one depends on stood in for by what it uses of them. */
async function appWithWriter() {
  const listeners = new Set<(rows: EventRow[]) => void>()
  const app = Fastify()
  const writer = { onWrite: (l: (rows: EventRow[]) => void) => (listeners.add(l), () => listeners.delete(l)) }
  const alerts = { onChange: () => () => {}, store: { open: () => [] } }
  app.register(fp(async (a) => void a.decorate('writer', writer as never), { name: 'storage' }))
  app.register(fp(async (a) => void a.decorate('alerts', alerts as never), { name: 'alerts' }))
  app.register(livePlugin, { config: loadConfig({ SIMULATOR: 'off' }) })
  await app.ready()
  return { app, write: (rows: EventRow[]) => listeners.forEach((l) => l(rows)) }
}

describe('live plugin', () => {
  it('hands a write to the hub and starts a pass before the write returns', async () => {
    const { app, write } = await appWithWriter()
    const onEvents = vi.spyOn(app.live, 'onEvents')
    const tick = vi.spyOn(app.live, 'tick')
    const rows = [{ zone: 'sh-pudong', type: 'ticket.created' } as EventRow]
    write(rows)
    expect(onEvents).toHaveBeenCalledWith(rows)
    expect(tick).toHaveBeenCalledTimes(1)
    expect(onEvents.mock.invocationCallOrder[0]).toBeLessThan(tick.mock.invocationCallOrder[0] as number)
    await app.close()
  })
})
