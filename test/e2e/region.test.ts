// The regional drill-down (/region/<region>/<city>/<zone>) in headless Chromium against the real server on
// a temporary data directory, as the 华北 regional lead: it opens on their region and offers no other, each
// level shows the numbers the API returns (data-kpi / data-value), a zone lists its tickets with personal
// data masked, acknowledging an alert from the page stores the acknowledgement and its note, and another
// region is refused (403 on every request, a clear notice, no data). Screenshots in test-results/screenshots/.
import type { Browser, Page, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RISK_LEVELS } from '../../server/src/alerts/risk.ts'
import { addDays, businessDay, dayStart } from '../../server/src/kpi/business-time.ts'
import { auth, getJson, postEvents, removeDataDir, startTestApp, TEST_ZONES, TOKENS, type TestApp } from '../helpers/app.ts'
import { askedBreakdowns, kpiMismatches, kpiValues, launchChromium, listen, pageWidth, screenshot, watchProblems } from '../helpers/browser.ts'
import { buildHistory } from '../helpers/history.ts'

const TZ = 'Asia/Shanghai'
const today = businessDay(Date.now(), TZ)
const URGENT = 'E2E-URGENT-1'
const NOTE = '已联系骑手，10分钟内回电'

let t: TestApp
let base: string
let browser: Browser
let page: Page
let problems: string[]
/** The `by` parameters of every GET /api/v1/kpis the page sent. */
let kpiBreakdowns: string[][]

interface DrillRow {
  id: string
  kpis: Record<string, number | null>
}

const enc = (...parts: string[]) => parts.map(encodeURIComponent).join('/')

/** Rows of the drill-down table whose numbers differ from GET /api/v1/drilldown for the same request. */
async function tableMismatches(query: string): Promise<string[]> {
  const api = await getJson<{ rows: DrillRow[] }>(t.app, `/api/v1/drilldown?${query}`, 'regional')
  const ids = await page.$$eval('tr[data-row]', (rows) => rows.map((r) => r.getAttribute('data-row')))
  const problems = ids.length === api.rows.length ? [] : [`rows: page ${ids.join(',')}, api ${api.rows.map((r) => r.id).join(',')}`]
  for (const row of api.rows) problems.push(...kpiMismatches(await kpiValues(page, `tr[data-row="${row.id}"]`), row.kpis, `${row.id} `))
  return problems
}

/** The KPI strip against GET /api/v1/kpis for a scope and window. */
async function stripMismatches(query: string): Promise<string[]> {
  const api = await getJson<{ kpis: Record<string, number | null> }>(t.app, `/api/v1/kpis?${query}`, 'regional')
  const shown = await kpiValues(page, '.strip')
  return Object.keys(shown).length === 0 ? ['no KPI strip'] : kpiMismatches(shown, api.kpis)
}

beforeAll(async () => {
  browser = await launchChromium()
  t = await startTestApp()
  const now = Date.now()
  // Settled history (the newest event 20 min old) over three days, so the numbers hold still while compared.
  const days = [addDays(today, -2), addDays(today, -1), today].map((d) => dayStart(d, TZ))
  const history = buildHistory({ zones: TEST_ZONES.map((z) => z.id), dayStarts: days, now: now - 20 * 60_000, seed: 47, ticketsPerZoneDay: 25 })
  for (let i = 0; i < history.length; i += 1000) await postEvents(t.app, history.slice(i, i + 1000))
  // An urgent ticket nobody answered for 30 minutes: an open urgent_unanswered alert in 海淀区.
  await postEvents(t.app, [{ event_id: 'e2e-urgent', type: 'ticket.created', ts: now - 30 * 60_000, ticket_id: URGENT, zone: 'bj-haidian', channel: 'phone', category: 'delay', priority: 'urgent', text: '急用药品还没送到' }])
  await t.app.alerts.evaluate()
  base = await listen(t)
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
  problems = watchProblems(page)
  kpiBreakdowns = askedBreakdowns(page)
})

afterAll(async () => {
  await browser?.close()
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

describe('the regional drill-down, as the 华北 lead', () => {
  it('opens on their own region and offers no other', async () => {
    await page.goto(`${base}/region?token=${TOKENS.regional}`)
    await page.waitForURL(`${base}/region/${enc('华北')}`)
    await page.waitForSelector('tr[data-row]')
    expect(await page.$$eval('tr[data-row]', (rows) => rows.map((r) => r.getAttribute('data-row')))).toEqual(['北京'])
    expect(await page.locator(`a[href^="/region/${enc('华东')}"]`).count()).toBe(0)
    expect(await page.locator('.crumbs a').count()).toBe(0)
    await expect.poll(() => stripMismatches(`region=华北&from=${today}`), { timeout: 10_000 }).toEqual([])
    await expect.poll(() => tableMismatches(`level=city&parent=华北&from=${today}`), { timeout: 10_000 }).toEqual([])
    await screenshot(page, 'region-1920x1080', true)
  })

  it('drills to a city with the numbers of its zones', async () => {
    await page.locator('tr[data-row="北京"] a').click()
    await page.waitForURL(`${base}/region/${enc('华北', '北京')}`)
    // Rows are ordered by risk, ties in the server's order. 海淀区 has the open urgent alert, so it is red and
    // leads; 朝阳区 may be red too when today is young (a history ticket still unanswered), and then comes first
    // by name.
    const api = await getJson<{ rows: Array<{ id: string; risk: (typeof RISK_LEVELS)[number] }> }>(t.app, `/api/v1/drilldown?level=zone&parent=${encodeURIComponent('北京')}&from=${today}`, 'regional')
    expect(api.rows.find((r) => r.id === 'bj-haidian')?.risk).toBe('red')
    const byRisk = [...api.rows].sort((a, b) => RISK_LEVELS.indexOf(a.risk) - RISK_LEVELS.indexOf(b.risk)).map((r) => r.id)
    await expect.poll(() => page.$$eval('tr[data-row]', (rows) => rows.map((r) => r.getAttribute('data-row'))), { timeout: 10_000 }).toEqual(byRisk)
    await expect.poll(() => stripMismatches(`city=北京&from=${today}`), { timeout: 10_000 }).toEqual([])
    await expect.poll(() => tableMismatches(`level=zone&parent=北京&from=${today}`), { timeout: 10_000 }).toEqual([])
    await page.waitForSelector('[role="img"] canvas')
    await screenshot(page, 'region-city-1920x1080', true)
  })

  it("drills to a zone: its numbers, and its latest tickets with personal data masked", async () => {
    await page.locator('tr[data-row="bj-haidian"] a').click()
    await page.waitForURL(`${base}/region/${enc('华北', '北京', 'bj-haidian')}`)
    await page.waitForSelector('tr[data-ticket]')
    await expect.poll(() => stripMismatches(`zone=bj-haidian&from=${today}`), { timeout: 10_000 }).toEqual([])
    const api = await getJson<{ tickets: Array<{ ticket_id: string }> }>(t.app, '/api/v1/tickets?zone=bj-haidian&limit=20', 'regional')
    expect(await page.$$eval('tr[data-ticket]', (rows) => rows.map((r) => r.getAttribute('data-ticket')))).toEqual(api.tickets.map((k) => k.ticket_id))
    const html = await page.content()
    expect(html).toContain('138****5678')
    expect(html).not.toContain('13812345678')
    await screenshot(page, 'region-zone-1920x1080', true)
  })

  it('acknowledges an alert with a note from the page, and the API shows it', async () => {
    const open = await getJson<{ alerts: Array<{ id: string; subject: string }> }>(t.app, '/api/v1/alerts?status=open&rule=urgent_unanswered', 'regional')
    const id = open.alerts.find((a) => a.subject === URGENT)?.id as string
    expect(id).toBeTruthy()
    const item = page.locator(`li[data-alert="${id}"]`)
    await item.getByRole('button', { name: '确认处理' }).click()
    await item.locator('textarea').fill(NOTE)
    await item.getByRole('button', { name: '提交确认' }).click()
    await page.waitForSelector(`li[data-alert="${id}"][data-status="acknowledged"]`)
    expect(await item.textContent()).toContain(NOTE)
    const all = await getJson<{ alerts: Array<{ id: string; status: string; ack_by?: string; ack_note?: string }> }>(t.app, '/api/v1/alerts?status=all', 'ops')
    expect(all.alerts.find((a) => a.id === id)).toMatchObject({ status: 'acknowledged', ack_by: 'test-regional', ack_note: NOTE })
  })

  it('follows the time range: the last 7 days', async () => {
    await page.getByRole('button', { name: '近7天' }).click()
    await expect.poll(() => stripMismatches(`zone=bj-haidian&from=${addDays(today, -6)}`), { timeout: 10_000 }).toEqual([])
  })

  it('refuses another region: 403 on every request, a clear notice and no data', async () => {
    const answers: Response[] = []
    const record = (r: Response) => {
      if (/\/api\/v1\/(kpis|drilldown|heatmap|keywords|tickets)/.test(r.url())) answers.push(r)
    }
    page.on('response', record)
    await page.goto(`${base}/region/${enc('华东')}`)
    await page.locator('[data-refusal="refused"]').waitFor()
    page.off('response', record)
    expect(await page.locator('[data-refusal]').textContent()).toContain('无权查看「华东」')
    expect(answers.length).toBeGreaterThanOrEqual(4)
    expect(answers.map((r) => r.status())).toEqual(answers.map(() => 403))
    expect(await page.locator('[data-kpi], tr[data-row], [role="img"]').count()).toBe(0)
    expect(await page.content()).not.toContain('浦东新区')
    const direct = await t.app.inject({ method: 'GET', url: '/api/v1/tickets?zone=sh-pudong', headers: auth('regional') })
    expect(direct.statusCode).toBe(403)
    await screenshot(page, 'region-refused')
  })

  it('fits a 1366×768 laptop without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 1366, height: 768 })
    await page.goto(`${base}/region/${enc('华北')}`)
    await page.waitForSelector('tr[data-row]')
    expect(await pageWidth(page)).toBe(1366)
    await screenshot(page, 'region-1366x768')
  })

  it('asks GET /api/v1/kpis for no breakdown: the view shows none', () => {
    expect(kpiBreakdowns.length).toBeGreaterThan(3)
    expect(new Set(kpiBreakdowns.map((by) => by.join('&')))).toEqual(new Set(['none']))
  })

  it('broke no Content-Security-Policy rule and threw no error on the page', () => {
    expect(problems).toEqual([])
  })
})
