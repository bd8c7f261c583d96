// SPEC §8 as a matrix: every endpoint with every role (and none) answers exactly what the role allows, and a
// regional principal is kept inside its regions on every scoped endpoint and listing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { AddressInfo } from 'node:net'
import { auth, postEvents, removeDataDir, startTestApp, TOKENS, type TestApp } from '../../helpers/app.ts'

type Role = keyof typeof TOKENS
const ROLES = Object.keys(TOKENS) as Role[]
const READERS: Role[] = ['admin', 'ops', 'regional', 'executive', 'wall']
let t: TestApp
let alertIds: Record<'north' | 'east', string>

const READ_ENDPOINTS = [
  '/api/v1/kpis',
  '/api/v1/alerts?status=all',
  '/api/v1/heatmap?metric=tickets&x=hour&y=zone',
  '/api/v1/keywords?limit=5',
  '/api/v1/drilldown?level=region',
  '/api/v1/trends/weekly?weeks=2',
  '/api/v1/tickets?zone=bj-haidian',
  '/api/v1/zones',
  '/api/v1/session',
]

beforeAll(async () => {
  t = await startTestApp()
  const now = Date.now()
  const urgent = (id: string, zone: string) => ({ event_id: `acc-${id}`, type: 'ticket.created', ts: now - 30 * 60_000, ticket_id: id, zone, channel: 'app', category: 'delay', priority: 'urgent', text: '配送员态度差' })
  await postEvents(t.app, [urgent('north-t', 'bj-haidian'), urgent('east-t', 'sh-pudong')])
  await t.app.alerts.evaluate()
  const all = (await t.app.alerts.store.list({ status: 'open', rule: 'urgent_unanswered' }))
  alertIds = { north: all.find((a) => a.subject === 'north-t')?.id as string, east: all.find((a) => a.subject === 'east-t')?.id as string }
})
afterAll(async () => {
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

const status = async (method: 'GET' | 'POST' | 'PUT', url: string, role?: Role, payload?: unknown) =>
  (await t.app.inject({ method, url, headers: role ? auth(role) : {}, ...(payload === undefined ? {} : { payload: payload as object }) })).statusCode

describe('every endpoint × every role', () => {
  for (const url of READ_ENDPOINTS) {
    it(`GET ${url}: readers 200, ingest 403, nobody 401`, async () => {
      for (const role of ROLES) expect(await status('GET', url, role), role).toBe(READERS.includes(role) ? 200 : 403)
      expect(await status('GET', url)).toBe(401)
    })
  }

  it('POST /api/v1/events: ingest and admin only', async () => {
    for (const role of ROLES) expect(await status('POST', '/api/v1/events', role, []), role).toBe(role === 'ingest' || role === 'admin' ? 200 : 403)
  })

  it('GET /api/v1/rejected and PUT /api/v1/zones: admin only', async () => {
    for (const role of ROLES) expect(await status('GET', '/api/v1/rejected', role), role).toBe(role === 'admin' ? 200 : 403)
    const zones = (await t.app.inject({ method: 'GET', url: '/api/v1/zones', headers: auth('admin') })).json().zones
    for (const role of ROLES) expect(await status('PUT', '/api/v1/zones', role, zones), role).toBe(role === 'admin' ? 200 : 403)
  })

  it('POST /api/v1/alerts/:id/ack: admin, ops and the regional lead of the alert\'s region', async () => {
    for (const role of ['executive', 'wall', 'ingest'] as Role[]) expect(await status('POST', `/api/v1/alerts/${alertIds.north}/ack`, role, {}), role).toBe(403)
    expect(await status('POST', `/api/v1/alerts/${alertIds.east}/ack`, 'regional', {})).toBe(403)
    expect(await status('POST', `/api/v1/alerts/${alertIds.north}/ack`, 'regional', {})).toBe(200)
    expect(await status('POST', `/api/v1/alerts/${alertIds.east}/ack`, 'ops', {})).toBe(200)
    expect(await status('POST', `/api/v1/alerts/${alertIds.east}/ack`, undefined, {})).toBe(401)
  })

  it('GET /api/v1/live: readers upgrade, ingest 403, nobody 401', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const url = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/live`
    const upgrade = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { headers })
        ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0))
        ws.on('open', () => (ws.close(), resolve(101)))
        ws.on('error', () => undefined)
      })
    for (const role of ROLES) expect(await upgrade(auth(role)), role).toBe(READERS.includes(role) ? 101 : 403)
    expect(await upgrade({})).toBe(401)
  })
})

describe('a regional principal (华北) on every scoped endpoint', () => {
  const scoped = ['/api/v1/kpis', '/api/v1/heatmap', '/api/v1/keywords', '/api/v1/trends/weekly']
  for (const base of scoped) {
    it(`${base}: 403 for another region, city or zone; 200 inside`, async () => {
      for (const q of ['region=华东', 'city=上海', 'zone=sh-pudong']) expect(await status('GET', `${base}?${q}`, 'regional'), q).toBe(403)
      for (const q of ['region=华北', 'city=北京', 'zone=bj-haidian', '']) expect(await status('GET', `${base}?${q}`, 'regional'), q).toBe(200)
    })
  }

  it('gets listings that hold only its regions', async () => {
    const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: auth('regional') })).json()
    expect((await get('/api/v1/drilldown?level=region')).rows.map((r: { id: string }) => r.id)).toEqual(['华北'])
    expect(await status('GET', '/api/v1/drilldown?level=city&parent=华东', 'regional')).toBe(403)
    expect((await get('/api/v1/alerts?status=all')).alerts.every((a: { region: string }) => a.region === '华北')).toBe(true)
    expect((await get('/api/v1/zones')).zones.every((z: { region: string }) => z.region === '华北')).toBe(true)
    expect((await get('/api/v1/kpis')).scope).toEqual({ level: 'regions', regions: ['华北'] })
  })
})
