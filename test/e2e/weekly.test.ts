// The executive view (/weekly) in headless Chromium against the real server on a temporary data directory:
// the table and the headline numbers equal GET /api/v1/trends/weekly, changes are marked up or down and
// coloured by whether that is good for the KPI, the CSV export holds the table (UTF-8 with BOM), a chart
// exports as PNG, and the print stylesheet gives an A4 landscape report without controls. Screenshots in
// test-results/screenshots/.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, businessDay, dayStart } from '../../server/src/kpi/business-time.ts'
import { getJson, postEvents, removeDataDir, startTestApp, TEST_ZONES, TOKENS, type TestApp } from '../helpers/app.ts'
import { askedBreakdowns, kpiMismatches, kpiValues, launchChromium, listen, pageWidth, screenshot, SHOTS, watchProblems } from '../helpers/browser.ts'
import { buildHistory } from '../helpers/history.ts'

const TZ = 'Asia/Shanghai'
const today = businessDay(Date.now(), TZ)
const TABLE_KPIS = ['tickets', 'complaint_rate', 'instant_response_rate', 'fcr_rate', 'repeat_rate', 'csat_avg', 'mttr_p50_s', 'compensation_cny']
/** Which way is good (dashboard/src/lib/kpis.ts), and what change reads as flat, per table KPI. */
const BETTER: Record<string, { up: boolean; flat: number }> = {
  complaint_rate: { up: false, flat: 0.0005 },
  instant_response_rate: { up: true, flat: 0.0005 },
  fcr_rate: { up: true, flat: 0.0005 },
  repeat_rate: { up: false, flat: 0.0005 },
  csat_avg: { up: true, flat: 0.005 },
}

interface Week {
  week: string
  partial: boolean
  kpis: Record<string, number | null>
  wow: Record<string, number | null>
}

let t: TestApp
let base: string
let browser: Browser
let page: Page
let problems: string[]
/** The `by` parameters of every GET /api/v1/kpis the page sent. */
let kpiBreakdowns: string[][]
let weeks: Week[]

beforeAll(async () => {
  browser = await launchChromium()
  t = await startTestApp()
  const now = Date.now()
  // Two days in each of the last three weeks, settled 20 minutes ago.
  const days = [-15, -14, -8, -7, -1, 0].map((n) => dayStart(addDays(today, n), TZ))
  const history = buildHistory({ zones: TEST_ZONES.map((z) => z.id), dayStarts: days, now: now - 20 * 60_000, seed: 53, ticketsPerZoneDay: 20 })
  for (let i = 0; i < history.length; i += 1000) await postEvents(t.app, history.slice(i, i + 1000))
  weeks = (await getJson<{ weeks: Week[] }>(t.app, '/api/v1/trends/weekly?weeks=12', 'executive')).weeks
  base = await listen(t)
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
  problems = watchProblems(page)
  kpiBreakdowns = askedBreakdowns(page)
  await page.goto(`${base}/weekly?token=${TOKENS.executive}`)
  await page.waitForSelector('tr[data-week]')
})

afterAll(async () => {
  await browser?.close()
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

describe('the weekly report', () => {
  it('shows in its table the numbers GET /api/v1/trends/weekly returns, newest week first', async () => {
    expect(await page.$$eval('tr[data-week]', (rows) => rows.map((r) => r.getAttribute('data-week')))).toEqual(weeks.map((w) => w.week).reverse())
    const wrong: string[] = []
    for (const w of weeks) {
      const shown = await kpiValues(page, `tr[data-week="${w.week}"]`)
      expect(Object.keys(shown).sort()).toEqual([...TABLE_KPIS].sort())
      wrong.push(...kpiMismatches(shown, w.kpis, `${w.week} `))
    }
    expect(wrong).toEqual([])
    expect(weeks.filter((w) => (w.kpis.tickets ?? 0) > 0).length).toBeGreaterThanOrEqual(3)
    await screenshot(page, 'weekly-1920x1080', true)
  })

  it('heads the report with the newest complete week', async () => {
    const focus = [...weeks].reverse().find((w) => !w.partial) as Week
    expect(kpiMismatches(await kpiValues(page, '.strip'), focus.kpis)).toEqual([])
    expect(await page.locator(`tr[data-week="${focus.week}"]`).getAttribute('class')).toContain('focus')
  })

  it('marks each change up or down, green when that is good for the KPI and red when bad', async () => {
    let checked = 0
    for (const w of weeks) {
      for (const [kpi, { up, flat }] of Object.entries(BETTER)) {
        const wow = w.wow[kpi] ?? null
        const mark = page.locator(`tr[data-week="${w.week}"] td[data-kpi="${kpi}"] .delta[data-direction]`)
        if (wow === null || w.kpis[kpi] === null) {
          expect(await mark.count(), `${w.week} ${kpi}`).toBe(0)
          continue
        }
        const direction = wow > 0 ? 'up' : wow < 0 ? 'down' : 'flat'
        const tone = Math.abs(wow) < flat ? 'flat' : wow > 0 === up ? 'good' : 'bad'
        expect([await mark.getAttribute('data-direction'), await mark.getAttribute('data-tone')], `${w.week} ${kpi}`).toEqual([direction, tone])
        checked++
      }
    }
    expect(checked).toBeGreaterThan(4)
  })

  it('draws a chart per trend KPI and the categories', async () => {
    expect(await page.locator('[data-chart] [role="img"] canvas').count()).toBe(8)
  })

  it('asks GET /api/v1/kpis for the category breakdown alone, the only one it shows', () => {
    // the newest complete week and the week before, for the category bars
    expect(kpiBreakdowns).toEqual([['category'], ['category']])
  })

  it('exports the table as CSV with a byte-order mark for Excel', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()])
    expect(download.suggestedFilename()).toMatch(/\.csv$/)
    const bytes = readFileSync(await download.path())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n').map((l) => l.split(','))
    expect(lines).toHaveLength(weeks.length + 1)
    const head = lines[0] as string[]
    expect(head.slice(0, 5)).toEqual(['周', '开始日期', '结束日期', '完整周', '投诉工单'])
    expect(lines.slice(1).map((l) => l[0])).toEqual(weeks.map((w) => w.week))
    expect(lines.slice(1).map((l) => Number(l[head.indexOf('投诉工单')]))).toEqual(weeks.map((w) => w.kpis.tickets))
  })

  it('exports a chart as PNG', async () => {
    const card = page.locator('[data-chart="complaint_rate"]')
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button').click()])
    expect(download.suggestedFilename()).toMatch(/\.png$/)
    const bytes = readFileSync(await download.path())
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
    expect(bytes.length).toBeGreaterThan(5_000)
  })

  it('prints as an A4 landscape report without controls', async () => {
    await page.emulateMedia({ media: 'print' })
    await page.waitForTimeout(1_000) // the charts redraw at their paper size
    for (const control of ['导出 CSV', '打印报告']) expect(await page.getByRole('button', { name: control }).isVisible(), control).toBe(false)
    expect(await page.locator('nav').first().isVisible()).toBe(false)
    await screenshot(page, 'weekly-print', true)
    const pdf = await page.pdf({ path: join(SHOTS, 'weekly-print.pdf'), preferCSSPageSize: true, printBackground: true })
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])])
    expect(boxes.length).toBeGreaterThanOrEqual(1)
    // A4 landscape is 842 × 595 points.
    for (const [w, h] of boxes) expect([Math.round(w as number), Math.round(h as number)]).toEqual([842, 595])
    await page.emulateMedia({ media: 'screen' })
  })

  it('fits a 1366×768 laptop without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 1366, height: 768 })
    await page.waitForTimeout(500)
    expect(await pageWidth(page)).toBe(1366)
    await screenshot(page, 'weekly-1366x768')
  })

  it('broke no Content-Security-Policy rule and threw no error on the page', () => {
    expect(problems).toEqual([])
  })
})
