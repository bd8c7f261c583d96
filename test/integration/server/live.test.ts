// GET /api/v1/live over a real socket: authentication on upgrade, the snapshot, pushes that reflect newly
// ingested events and the alerts they cause within 2 s, region scoping, and the heartbeat.
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { auth, postEvents, removeDataDir, startTestApp, TOKENS, type TestApp } from '../../helpers/app.ts'

let t: TestApp
let url: string
let seq = 0
const now = () => Date.now()

type Frame = { type: string; name?: string; data?: { kpis: Record<string, number> }; panels?: { kpis: { kpis: Record<string, number> } }; changed?: Array<{ rule: string; subject: string }>; scope?: Record<string, unknown>; message?: string }

/** A connected client that records every frame it receives. */
async function connect(headers: Record<string, string>): Promise<{ ws: WebSocket; frames: Frame[]; next: (pred: (f: Frame) => boolean, timeoutMs?: number) => Promise<Frame> }> {
  const ws = new WebSocket(url, { headers })
  const frames: Frame[] = []
  const waiters: Array<{ pred: (f: Frame) => boolean; resolve: (f: Frame) => void }> = []
  ws.on('message', (data) => {
    const f = JSON.parse(String(data)) as Frame
    frames.push(f)
    for (const w of [...waiters]) if (w.pred(f)) {
      waiters.splice(waiters.indexOf(w), 1)
      w.resolve(f)
    }
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  const next = (pred: (f: Frame) => boolean, timeoutMs = 5_000) =>
    new Promise<Frame>((resolve, reject) => {
      const seen = frames.find(pred)
      if (seen) return resolve(seen)
      const timer = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${frames.map((f) => f.type).join(',')}`)), timeoutMs)
      waiters.push({ pred, resolve: (f) => (clearTimeout(timer), resolve(f)) })
    })
  return { ws, frames, next }
}

beforeAll(async () => {
  t = await startTestApp()
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  url = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/live`
})
afterAll(async () => {
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

describe('GET /api/v1/live', () => {
  it('answers the upgrade 401 without valid credentials', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }]) {
      const status = await new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { headers })
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
        ws.on('open', () => resolve(101))
        ws.on('error', () => undefined)
      })
      expect(status).toBe(401)
    }
  })

  it('sends a snapshot, then pushes KPIs that include newly ingested tickets within 2 s', async () => {
    const client = await connect(auth('wall'))
    const snapshot = await client.next((f) => f.type === 'snapshot')
    expect(snapshot.scope).toEqual({ level: 'platform' })
    expect(snapshot.panels?.kpis).toBeDefined()
    // the heavier panels are in the snapshot when a pass already computed them, else follow it at once
    const panels = snapshot.panels as Record<string, unknown> | undefined
    for (const name of ['heatmap', 'keywords']) if (!panels?.[name]) await client.next((f) => f.type === 'panel' && f.name === name)
    const before = snapshot.panels?.kpis.kpis.tickets ?? 0
    const tickets = Array.from({ length: 7 }, () => ({ event_id: `live-${seq++}`, type: 'ticket.created', ts: now() - 1000, ticket_id: `lt-${seq}`, zone: 'sh-pudong', channel: 'phone', category: 'damage' }))
    const acked = Date.now()
    await postEvents(t.app, tickets)
    const pushed = await client.next((f) => f.type === 'panel' && f.name === 'kpis' && f.data?.kpis.tickets === before + 7, 2_000)
    expect(pushed.data?.kpis.tickets).toBe(before + 7)
    expect(Date.now() - acked).toBeLessThan(2_000)
    client.ws.close()
  })

  it('pushes an alert that ingested events trigger within 2 s', async () => {
    const client = await connect(auth('ops'))
    await client.next((f) => f.type === 'snapshot')
    const ticketId = `lt-esc-${seq++}`
    const acked = Date.now()
    await postEvents(t.app, [{ event_id: `live-${seq++}`, type: 'ticket.created', ts: now(), ticket_id: ticketId, zone: 'bj-haidian', channel: 'social', category: 'lost', text: '三天了还没找到，我要去消协投诉' }])
    const frame = await client.next((f) => f.type === 'alerts' && (f.changed ?? []).some((a) => a.subject === ticketId), 2_000)
    expect(frame.changed?.find((a) => a.subject === ticketId)?.rule).toBe('escalation_risk')
    expect(Date.now() - acked).toBeLessThan(2_000)
    client.ws.close()
  })

  it('keeps a regional principal inside its regions', async () => {
    const client = await connect(auth('regional'))
    const snapshot = await client.next((f) => f.type === 'snapshot')
    expect(snapshot.scope).toEqual({ level: 'regions', regions: ['华北'] })
    client.ws.send(JSON.stringify({ type: 'subscribe', scope: { region: '华东' } }))
    const error = await client.next((f) => f.type === 'error')
    expect(error.message).toMatch(/may not see region 华东/)
    client.ws.send(JSON.stringify({ type: 'subscribe', scope: { zone: 'bj-chaoyang' } }))
    const zone = await client.next((f) => f.type === 'snapshot' && f.scope?.zone === 'bj-chaoyang')
    expect(zone.scope).toMatchObject({ level: 'zone', region: '华北' })
    client.ws.close()
  })

  it("pushes each scope the heatmap and keywords its REST endpoints answer, folded from the platform's counts", async () => {
    // tickets and orders in two regions today, so a region's panels differ from the platform's
    const at = now() - 120_000
    const texts: Record<string, string> = { 'bj-haidian': '配送员迟到了半小时', 'bj-chaoyang': '骑手态度很差还迟到', 'sh-pudong': '包装破损生鲜漏了' }
    const events = Object.keys(texts).flatMap((zone, i) => [
      { event_id: `live-heat-orders-${i}`, type: 'orders.count', ts: at, zone, count: 50 * (i + 1) },
      ...Array.from({ length: i + 2 }, (_, j) => ({ event_id: `live-heat-${i}-${j}`, type: 'ticket.created', ts: at, ticket_id: `lh-${i}-${j}`, zone, channel: 'app', category: 'delay', text: texts[zone] })),
    ])
    await postEvents(t.app, events)
    const client = await connect(auth('regional'))
    // a snapshot holds only panels that are current; else they follow it
    const snapshot = (await client.next((f) => f.type === 'snapshot')) as unknown as { panels: Record<string, Record<string, unknown> | undefined> }
    const panel = async (name: string) =>
      snapshot.panels[name] ?? ((await client.next((f) => f.type === 'panel' && f.name === name, 20_000)) as unknown as { data: Record<string, unknown> }).data
    const rest = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url, headers: auth('regional') })
      expect(res.statusCode).toBe(200)
      return res.json() as Record<string, unknown>
    }
    const heatmap = await rest('/api/v1/heatmap?metric=complaint_rate&x=hour&y=zone')
    expect(await panel('heatmap')).toMatchObject({ scope: heatmap.scope, xs: heatmap.xs, ys: heatmap.ys, cells: heatmap.cells, zones: heatmap.zones })
    expect((heatmap.ys as string[]).every((z) => z.startsWith('bj-'))).toBe(true)
    expect((heatmap.cells as Array<[number, number, number | null]>).some(([, , v]) => v !== null && v > 0)).toBe(true)
    const keywords = await rest('/api/v1/keywords?limit=40')
    expect(await panel('keywords')).toMatchObject({ scope: keywords.scope, tickets: keywords.tickets, keywords: keywords.keywords })
    const words = (keywords.keywords as Array<{ word: string; count: number }>).map((k) => k.word)
    expect(words).toContain('迟到')
    expect(words).not.toContain('包装破损')
    client.ws.close()
  })

  it('accepts the session cookie a browser gets from signing in, and sends heartbeats', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { token: TOKENS.wall } })
    expect(res.statusCode).toBe(200)
    const setCookie = String(res.headers['set-cookie'])
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Strict/i)
    const client = await connect({ cookie: setCookie.split(';')[0] as string })
    await client.next((f) => f.type === 'snapshot')
    await client.next((f) => f.type === 'heartbeat', 4_000)
    client.ws.close()
  })
})
