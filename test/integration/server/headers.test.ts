// Security headers (issue 5): a strict Content-Security-Policy and helmet's headers on every response, and
// CORS closed unless CORS_ORIGINS names an origin.
import { afterAll, describe, expect, it } from 'vitest'
import { auth, removeDataDir, startTestApp, type TestApp } from '../../helpers/app.ts'

let t: TestApp | undefined
afterAll(async () => {
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

const preflight = (app: TestApp['app'], origin: string) =>
  app.inject({ method: 'OPTIONS', url: '/api/v1/kpis', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } })

describe('security headers', () => {
  it('sends helmet headers and a CSP that allows only same-origin scripts; CORS is closed by default', async () => {
    t = await startTestApp()
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/kpis', headers: { ...auth('ops'), origin: 'https://evil.example' } })
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/)
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'|frame-ancestors 'self'/)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    expect((await preflight(t.app, 'https://evil.example')).headers['access-control-allow-origin']).toBeUndefined()
  })

  it('opens CORS to the configured origins only', async () => {
    const dir = t?.dataDir
    await t?.close()
    t = await startTestApp({ CORS_ORIGINS: 'https://ops.example.com' }, dir)
    expect((await preflight(t.app, 'https://ops.example.com')).headers['access-control-allow-origin']).toBe('https://ops.example.com')
    expect((await preflight(t.app, 'https://evil.example')).headers['access-control-allow-origin']).toBeUndefined()
  })
})
