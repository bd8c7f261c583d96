// Lifecycle events stored before their ticket.created (sql/migrations/0010_ticket_summary.sql): the writer
// keeps them at hour 0 until the ticket arrives, then copies them onto its key (and deletes them in the
// background), so the KPIs of the ticket's window count them; and a process that stopped between storing a ticket and moving its early rows moves
// them when the next one starts writing.
import { expect, it } from 'vitest'
import { validateEvent } from '../../../ingest/validate.ts'
import { EventWriter } from '../../../ingest/writer.ts'
import { computeKpis } from '../../../server/src/kpi/kpis.ts'
import { PLATFORM_SCOPE } from '../../../server/src/kpi/scope.ts'
import { useStorage } from '../../helpers/app.ts'

const settings = { TZ_BUSINESS: 'Asia/Shanghai', PEAK_WINDOWS: [] as Array<[number, number]>, PROMOTION_DAYS: [], COUPON_CNY: 5 }
const now = Date.now()
const created = now - 3_600_000
const storage = useStorage('radar-early-')
let seq = 0

const rows = (events: Array<Record<string, unknown>>) =>
  events.map((e) => {
    const v = validateEvent({ event_id: `e-${seq++}`, ...e }, now)
    if (!v.ok) throw new Error(v.error)
    return v.row
  })
const creation = (ticket: string) => ({ type: 'ticket.created', ts: created, ticket_id: ticket, zone: 'sh-pudong', channel: 'app', category: 'delay' })
/** Answered after 30 s, resolved after 10 min by a person who paid 8 CNY, rated 2. */
const lifecycle = (ticket: string) => [
  { type: 'ticket.responded', ts: created + 30_000, ticket_id: ticket, responder: 'human' },
  { type: 'ticket.resolved', ts: created + 600_000, ticket_id: ticket, resolved_by: 'human', compensation_cny: 8 },
  { type: 'ticket.rated', ts: created + 700_000, ticket_id: ticket, csat: 2 },
]
const hourZeroRows = async () => {
  const rs = await storage().client.query({ query: "SELECT count() AS n FROM ticket_summary WHERE created_hour = toDateTime(0, 'UTC')", format: 'JSONEachRow' })
  return Number((await rs.json<{ n: number }>())[0]?.n)
}


it('counts lifecycle events that arrived in batches before their ticket, and moves them off hour 0', async () => {
  const writer = new EventWriter(storage().client)
  await writer.write(rows(lifecycle('t-late')))
  expect(await hourZeroRows()).toBeGreaterThan(0)
  await writer.write(rows([creation('t-late')]))
  // the copy is made in the write; the hour-0 rows are deleted in the background
  await expect.poll(hourZeroRows, { timeout: 10_000 }).toBe(0)

  const { kpis } = await computeKpis(storage().client, PLATFORM_SCOPE, { from: created - 1, to: now }, settings, now, [])
  expect(kpis).toMatchObject({ tickets: 1, instant_response_rate: 1, frt_p50_s: 30, resolution_rate: 1, fcr_rate: 1, mttr_p50_s: 600, csat_avg: 2, bad_review_rate: 1, compensation_cny: 8 })
})

it('moves early rows whose ticket was stored by a process that stopped before moving them', async () => {
  await new EventWriter(storage().client).write(rows(lifecycle('t-stopped')))
  // The ticket stored as that process would have, without the move that follows a write.
  await storage().client.insert({ table: 'events', values: rows([creation('t-stopped')]), format: 'JSONEachRow' })
  expect(await hourZeroRows()).toBeGreaterThan(0)

  await new EventWriter(storage().client).write(rows([{ type: 'ticket.created', ts: now - 1_000, ticket_id: 't-other', zone: 'sh-pudong', channel: 'app', category: 'delay' }]))
  await expect.poll(hourZeroRows, { timeout: 10_000 }).toBe(0)
  const { kpis } = await computeKpis(storage().client, PLATFORM_SCOPE, { from: created - 1, to: created + 1 }, settings, now, [])
  expect(kpis).toMatchObject({ tickets: 2, frt_p50_s: 30, resolution_rate: 1, compensation_cny: 16 })
})
