// The audit log and log hygiene (issue 5): acknowledgements, zone uploads and sign-ins are recorded with
// who did them; tokens, passwords and cookies never appear in the service log.
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auth, getJson, postEvents, removeDataDir, startTestApp, TEST_ZONES, TOKENS, type TestApp } from '../../helpers/app.ts'

let t: TestApp
let log = ''
const sink = new Writable({ write: (chunk, _enc, done) => ((log += String(chunk)), done()) })

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'info' }, undefined, sink)
})
afterAll(async () => {
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

describe('audit log', () => {
  it('records sign-ins (failed too), zone uploads and acknowledgements with their actor', async () => {
    await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { token: TOKENS.ops } })
    await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { name: 'mallory', password: 'guess' } })
    await t.app.inject({ method: 'PUT', url: '/api/v1/zones', headers: auth('admin'), payload: TEST_ZONES })
    await postEvents(t.app, [{ event_id: 'au-1', type: 'ticket.created', ts: Date.now() - 30 * 60_000, ticket_id: 'au-t', zone: 'sh-pudong', channel: 'app', category: 'delay', priority: 'urgent' }])
    await t.app.alerts.evaluate()
    const [alert] = t.app.alerts.store.open('urgent_unanswered')
    await t.app.inject({ method: 'POST', url: `/api/v1/alerts/${alert?.id}/ack`, headers: auth('ops'), payload: { note: '已派单' } })
    const { entries } = await getJson<{ entries: Array<{ actor: string; action: string; subject: string; detail: Record<string, unknown> }> }>(t.app, '/api/v1/audit', 'admin')
    const seen = entries.map((e) => `${e.action} ${e.actor} ${e.subject}`)
    expect(seen).toContain('sign-in test-ops test-ops')
    expect(seen.some((s) => s.startsWith('sign-in.failed anonymous@') && s.endsWith('mallory'))).toBe(true)
    expect(seen).toContain(`zones.replace test-admin ${TEST_ZONES.length} zones`)
    expect(entries.find((e) => e.action === 'alert.ack')).toMatchObject({ actor: 'test-ops', subject: alert?.id, detail: { note: '已派单', subject: 'au-t' } })
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: auth('ops') })).statusCode).toBe(403)
  })

  it('keeps tokens, passwords and cookies out of the service log', async () => {
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { token: TOKENS.wall } })
    const cookie = String(signIn.headers['set-cookie']).split(';')[0] as string
    await t.app.inject({ method: 'GET', url: `/wall?token=${TOKENS.executive}` })
    await t.app.inject({ method: 'GET', url: '/api/v1/kpis', headers: { cookie } })
    await t.app.inject({ method: 'GET', url: '/api/v1/kpis', headers: auth('admin') })
    await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { name: 'x', password: 'hunter2-secret' } })
    expect(log.length).toBeGreaterThan(1000)
    for (const secret of [...Object.values(TOKENS), 'hunter2-secret', cookie.split('=')[1] as string]) expect(log).not.toContain(secret)
    expect(log).toContain('token=[redacted]')
  })
})
