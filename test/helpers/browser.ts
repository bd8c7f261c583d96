// Headless Chromium for the browser tests (test/e2e): Debian's system browser driven by playwright-core,
// the app listening on a free loopback port, screenshots under test-results/screenshots/, and the page
// problems (script errors, Content-Security-Policy refusals) a test should fail on.
import { existsSync, mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { TestApp } from './app.ts'

export const CHROMIUM = '/usr/bin/chromium'
export const SHOTS = join(import.meta.dirname, '../../test-results/screenshots')

/** Launches the system Chromium, or fails saying how to install it (CI installs it, .ci/run). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the browser tests need Debian's Chromium at ${CHROMIUM}; install it with: apt-get install -y chromium`)
  }
  mkdirSync(SHOTS, { recursive: true })
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
}

/** Listens on a free loopback port and returns the base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
}

/** Collects script errors and CSP refusals of a page; the test expects the list to stay empty. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) problems.push(`console: ${msg.text()}`)
  })
  return problems
}

/** The `by` parameters of every GET /api/v1/kpis a page sends from now on, one list per request. */
export function askedBreakdowns(page: Page): string[][] {
  const asked: string[][] = []
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (url.pathname === '/api/v1/kpis') asked.push(url.searchParams.getAll('by'))
  })
  return asked
}

/** How wide the page is laid out; wider than the viewport means a horizontal scroll bar. (A string, because
 * the test code is compiled without the DOM's types.) */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth')
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage })
}

/** data-value of every [data-kpi] inside `root`, by KPI name ('' is an unknown value). */
export function kpiValues(page: Page, root: string): Promise<Record<string, string>> {
  return page.$$eval(`${root} [data-kpi]`, (els) => Object.fromEntries(els.map((el) => [el.getAttribute('data-kpi'), el.getAttribute('data-value') ?? ''])))
}

/** The KPIs whose shown raw value differs from the API's ('' on the page is null in the API). */
export function kpiMismatches(shown: Record<string, string>, api: Record<string, number | null>, label = ''): string[] {
  return Object.entries(shown)
    .filter(([k, s]) => {
      const a = api[k] ?? null
      return a === null ? s !== '' : s === '' || Math.abs(Number(s) - a) > 1e-9 * Math.max(1, Math.abs(a))
    })
    .map(([k, s]) => `${label}${k}: page ${s}, api ${String(api[k])}`)
}
