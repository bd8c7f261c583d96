// The wall display (/wall) in headless Chromium against the real server on a temporary data directory:
// provisioning with ?token=, tiles equal to GET /api/v1/kpis, ingested events on screen within 3 s, the
// stale notice when the server stops and its recovery when the server comes back on the same port, and
// screenshots at 1080p and 4K in test-results/screenshots/.
import type { AddressInfo } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, businessDay, dayStart } from '../../server/src/kpi/business-time.ts'
import { getJson, postEvents, removeDataDir, startTestApp, TEST_ZONES, TOKENS, type TestApp } from '../helpers/app.ts'
import { askedBreakdowns, launchChromium, screenshot, watchProblems } from '../helpers/browser.ts'
import { buildHistory } from '../helpers/history.ts'

const TZ = 'Asia/Shanghai'
const WALL_KPIS = ['tickets', 'complaint_rate', 'instant_response_rate', 'peak_instant_response_rate', 'orders_per_agent', 'csat_avg', 'urgent_sla_breaches', 'coupons_owed_cny']

let t: TestApp
let port: number
let browser: Browser
let page: Page
let problems: string[]
/** The `by` parameters of every GET /api/v1/kpis the page sent. */
let kpiBreakdowns: string[][]

async function listen(app: TestApp, at = 0): Promise<number> {
  await app.app.listen({ port: at, host: '127.0.0.1' })
  return (app.app.server.address() as AddressInfo).port
}

/** data-value of every tile, by SPEC KPI name. */
function tileValues(p: Page): Promise<Record<string, string>> {
  return p.$$eval('[data-kpi]', (tiles) => Object.fromEntries(tiles.map((el) => [el.getAttribute('data-kpi'), el.getAttribute('data-value')])))
}

/** Tiles whose number differs from the API's (both unrounded; '' on the wall is null in the API). */
async function mismatches(): Promise<string[]> {
  const [shown, api] = await Promise.all([tileValues(page), getJson<{ kpis: Record<string, number | null> }>(t.app, '/api/v1/kpis', 'wall')])
  return WALL_KPIS.filter((k) => {
    const a = api.kpis[k] ?? null
    const s = shown[k]
    return a === null ? s !== '' : s === '' || s === undefined || Math.abs(Number(s) - a) > 1e-9 * Math.max(1, Math.abs(a))
  }).map((k) => `${k}: wall ${String(shown[k])}, api ${String(api.kpis[k])}`)
}

const staleNotice = () => page.locator('[role="alert"]', { hasText: '数据已停止更新' })

beforeAll(async () => {
  browser = await launchChromium()
  t = await startTestApp()
  const now = Date.now()
  const today = businessDay(now, TZ)
  // Settled history only (the newest event 20 min old), so age-based KPIs do not move while we compare.
  const history = buildHistory({ zones: TEST_ZONES.map((z) => z.id), dayStarts: [addDays(today, -1), today].map((d) => dayStart(d, TZ)), now: now - 20 * 60_000, seed: 31, ticketsPerZoneDay: 30 })
  for (let i = 0; i < history.length; i += 1000) await postEvents(t.app, history.slice(i, i + 1000))
  port = await listen(t)
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
  kpiBreakdowns = askedBreakdowns(page)
  // Failed requests are expected while the server is down; a CSP refusal or a script error never is.
  problems = watchProblems(page)
})

afterAll(async () => {
  await browser?.close()
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

describe('the wall', () => {
  it('signs in with ?token= and removes the token from the address bar', async () => {
    await page.goto(`http://127.0.0.1:${port}/wall?token=${TOKENS.wall}`)
    await page.waitForSelector('[data-kpi="tickets"]:not([data-value=""])', { timeout: 15_000 })
    expect(page.url()).toBe(`http://127.0.0.1:${port}/wall`)
    expect(await page.locator('[data-kpi]').count()).toBe(WALL_KPIS.length)
  })

  it('shows on its tiles the numbers GET /api/v1/kpis returns', async () => {
    await expect.poll(mismatches, { timeout: 10_000, interval: 500 }).toEqual([])
    expect(await page.locator('[data-kpi="orders_per_agent"] .value').textContent()).toMatch(/^1:[\d,]+$/)
    await screenshot(page, 'wall-1920x1080')
  })

  it('shows ingested events within 3 s', async () => {
    const before = Number((await tileValues(page)).tickets)
    const at = Date.now() - 1_000
    const fresh = [0, 1, 2].map((i) => ({ event_id: `e2e-${at}-${i}`, type: 'ticket.created', ts: at, ticket_id: `E2E-${at}-${i}`, zone: 'sh-pudong', channel: 'social', category: 'delay', text: '配送超时，骑手联系不上' }))
    await postEvents(t.app, fresh)
    const acknowledged = Date.now()
    await page.waitForSelector(`[data-kpi="tickets"][data-value="${before + 3}"]`, { timeout: 3_000 })
    expect(Date.now() - acknowledged).toBeLessThan(3_000)
  })

  it('fits one screen without scrolling at 1920×1080 and 3840×2160', async () => {
    for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
      await page.setViewportSize({ width, height })
      await page.waitForTimeout(1_500) // charts resize on the next frame; the word cloud lays out again
      // A string, because this file is type-checked for Node, without the DOM's types.
      const size = await page.evaluate<{ w: number; h: number }>('({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight })')
      expect(size, `${width}×${height}`).toEqual({ w: width, h: height })
      await screenshot(page, `wall-${width}x${height}`)
    }
    await page.setViewportSize({ width: 1920, height: 1080 })
  })

  it('says its data is stale when the server stops, and recovers when it is back on the same port', async () => {
    const dataDir = t.dataDir
    await t.close()
    await staleNotice().waitFor({ timeout: 15_000 })
    await screenshot(page, 'wall-stale')

    t = await startTestApp({}, dataDir)
    await listen(t, port)
    await staleNotice().waitFor({ state: 'detached', timeout: 30_000 })
    await expect.poll(mismatches, { timeout: 10_000, interval: 500 }).toEqual([])
    await screenshot(page, 'wall-recovered')
  })

  it("asks GET /api/v1/kpis for yesterday's KPIs alone, no breakdown (its live panel carries today's)", () => {
    expect(kpiBreakdowns.length).toBeGreaterThan(0)
    expect(new Set(kpiBreakdowns.map((by) => by.join('&')))).toEqual(new Set(['none']))
  })

  it('broke no Content-Security-Policy rule and threw no error on the page', () => {
    expect(problems).toEqual([])
  })
})

describe('pages and sign-in', () => {
  it('answers deep links with the dashboard and unknown API paths with JSON 404', async () => {
    for (const url of ['/', '/wall', '/weekly', '/signin', `/region/${encodeURIComponent('华东')}/${encodeURIComponent('上海')}/sh-pudong`]) {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-type'], url).toMatch(/^text\/html/)
      expect(res.headers['content-security-policy'], url).toMatch(/script-src 'self'/)
    }
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' })
    expect(api.statusCode).toBe(404)
    expect(api.json()).toMatchObject({ statusCode: 404 })
  })

  it('sends a refused link token to /signin, where a person signs in and returns', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
    try {
      const p = await context.newPage()
      await p.goto(`http://127.0.0.1:${port}/weekly?token=not-a-token`)
      await p.getByText('链接中的令牌无效').waitFor({ timeout: 10_000 })
      expect(p.url()).toBe(`http://127.0.0.1:${port}/signin?next=%2Fweekly`)
      await p.locator('input[name="token"]').fill(TOKENS.ops)
      await p.locator('button[type="submit"]').click()
      await p.waitForURL(`http://127.0.0.1:${port}/weekly`, { timeout: 10_000 })
      await p.goto(`http://127.0.0.1:${port}/wall`)
      await p.waitForSelector('[data-kpi="tickets"]:not([data-value=""])', { timeout: 15_000 })
    } finally {
      await context.close()
    }
  })
})
