// Dashboard benchmark, driver (a child process of bench/dashboard.ts, which runs the app): posts yesterday
// and today so far as the simulator would have sent them, then drives the system Chromium (playwright-core,
// the browser tests' flags) against the wall:
//  1. time to first KPI: /wall?token=… in a fresh browser context, `loads` times with no other wall connected
//     (after one untimed load), then `loads` times with another wall open on the same scope; each timed in
//     the page from navigation start to the first `[data-kpi="tickets"]` with a numeric data-value (a
//     MutationObserver installed before any page script runs);
//  2. heap: one wall kept open `minutes` while a sender posts `rate` live events every second, its JS heap
//     read over CDP every 30 s (the lowest of 3 readings 2 s apart, each after a forced GC).
// Usage: tsx bench/dashboard-driver.ts <url> <ingest token> <wall token> <loads> <minutes> <events/s>
import { setTimeout as sleep } from 'node:timers/promises'
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core'
import type { IncomingEvent } from '../ingest/events.ts'
import { generateEvents, loadDefaultZones } from '../ingest/simulator/index.ts'
import { addDays, businessDay, dayStart } from '../server/src/kpi/business-time.ts'
import { loadConfig } from '../server/src/config.ts'
import { CHROMIUM, watchProblems } from '../test/helpers/browser.ts'
import { childMain, reportResult } from './child.ts'
import { LOAD_SPACING_MS } from './dashboard-config.ts'
import { heapKinds, type HeapKinds } from './heap-kinds.ts'
import { timed } from './report.ts'

const VIEWPORT = { width: 1920, height: 1080 }
const SAMPLE_MS = 30_000
const SETTLE_READS = 3
const SETTLE_GAP_MS = 2_000
const KPI_TIMEOUT_MS = 30_000
const DAY_MS = 86_400_000

/**
 * Runs before any page script: records when the tickets tile first shows a number and the next frame, and
 * when the live WebSocket was created, opened, brought its first KPIs (a snapshot or a kpis panel frame) and
 * its snapshot (a listener added ahead of the app's own).
 */
const FIRST_KPI_SCRIPT = `(() => {
  const w = window
  const Native = w.WebSocket
  w.WebSocket = class extends Native {
    constructor(...args) {
      super(...args)
      w.__wsCreated ??= performance.now()
      this.addEventListener('open', () => { w.__wsOpen ??= performance.now() })
      this.addEventListener('message', (e) => {
        const head = typeof e.data === 'string' ? e.data.slice(0, 300) : ''
        const snapshot = head.includes('"type":"snapshot"')
        if (snapshot) w.__snapshot ??= performance.now()
        if (snapshot || (head.includes('"type":"panel"') && head.includes('"name":"kpis"'))) w.__kpisFrame ??= performance.now()
      })
    }
  }
  const observer = new MutationObserver(() => {
    if (w.__firstKpi !== undefined) return
    const v = document.querySelector('[data-kpi="tickets"]')?.getAttribute('data-value')
    if (v === null || v === undefined || v === '' || !Number.isFinite(Number(v))) return
    w.__firstKpi = performance.now()
    w.__firstKpiValue = Number(v)
    observer.disconnect()
    requestAnimationFrame(() => setTimeout(() => { w.__firstKpiFrame = performance.now() }, 0))
  })
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value'] })
})()`

/** Milestones of one load, ms since navigation start (the page's performance.now()). */
export interface LoadMarks {
  firstKpiMs: number
  /** The frame after the first KPI was in the DOM (requestAnimationFrame, then a task). */
  firstKpiFrameMs: number | null
  value: number
  responseEndMs: number
  domContentLoadedMs: number
  loadMs: number
  fcpMs: number | null
  /** POST /api/v1/session (the ?token= sign-in) answered (resource timing). */
  signInMs: number | null
  /** The live WebSocket created and opened; its first frame with KPIs (snapshot or kpis panel); its snapshot. */
  wsCreatedMs: number | null
  wsOpenMs: number | null
  kpisFrameMs: number | null
  snapshotMs: number | null
}

export interface HeapSample {
  /** Seconds since the wall was loaded. */
  atSec: number
  /** Runtime.getHeapUsage after HeapProfiler.collectGarbage, the lowest of SETTLE_READS readings. */
  usedBytes: number
  totalBytes: number
  /** Performance.getMetrics: DOM nodes and JS event listeners of the page. */
  nodes: number
  listeners: number
  tickets: number | null
  openAlerts: number
  /** At the second half's first sample and at the last: the heap by kind (bench/heap-kinds.ts). */
  kinds?: HeapKinds
}

export interface SenderStats {
  posts: number
  sent: number
  accepted: number
  rejected: number
  /** Events of POSTs answered other than 200 or not answered. */
  refused: number
}

export interface DashboardDriverResult {
  day: { events: number; from: number; to: number; postMs: number }
  apiTickets: number
  warmup: LoadMarks | null
  /** Timed loads with no other wall connected (the hub evaluates the scope's panels for this one)… */
  cold: LoadMarks[]
  /** … and with another wall already watching the platform (the snapshot comes from the hub's cache). */
  warm: LoadMarks[]
  /** Loads whose tickets tile never showed a number within KPI_TIMEOUT_MS. */
  loadFailures: string[]
  heap: HeapSample[]
  minutes: number
  sender: SenderStats
  /** After the run (sender stopped): tickets on the wall vs GET /api/v1/kpis. */
  end: { wallTickets: number | null; apiTickets: number; stale: boolean }
  problems: string[]
}

childMain(async () => {
  const [url = '', ingestToken = '', wallToken = '', loadsArg = '10', minutesArg = '30', rateArg = '10'] = process.argv.slice(2)
  const loads = Number(loadsArg)
  const minutes = Number(minutesArg)
  const rate = Number(rateArg)
  const tz = loadConfig({}).TZ_BUSINESS

  // Yesterday and today so far (rate 1: a realistic platform), so the tiles have both today and a comparison.
  const now = Date.now()
  const from = dayStart(addDays(businessDay(now, tz), -1), tz)
  const to = now - 60_000
  process.stdout.write('dashboard: generating yesterday and today so far … ')
  const day = [...generateEvents({ from: new Date(from), to: new Date(to), zones: loadDefaultZones(), seed: 4 })]
  const post = await timed(async () => {
    for (let i = 0; i < day.length; i += 5_000) {
      const r = await postNdjson(url, ingestToken, day.slice(i, i + 5_000))
      if (r.status !== 200 || r.rejected > 0) throw new Error(`loading the day: POST answered ${r.status}, ${r.rejected} rejected`)
    }
  })
  console.log(`${day.length.toLocaleString('en-US')} events, posted in ${(post.ms / 1000).toFixed(1)} s`)
  const apiTickets = await kpiTickets(url, wallToken)

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  const problems: string[] = []
  try {
    const loadFailures: string[] = []
    let last = 0
    /** `n` loads one after another (each sign-in spaced as the rate limit needs), null for a failed one. */
    const series = async (label: string, n: number): Promise<Array<LoadMarks | null>> => {
      const out: Array<LoadMarks | null> = []
      for (let i = 0; i < n; i++) {
        await sleep(Math.max(0, last + LOAD_SPACING_MS - Date.now()))
        last = Date.now()
        out.push(
          await loadOnce(browser, url, wallToken, problems).catch((err: unknown) => {
            loadFailures.push(`${label} load ${i + 1}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`)
            return null
          }),
        )
      }
      return out
    }
    console.log(`dashboard: ${loads} timed loads of /wall with no other wall connected (after 1 untimed) …`)
    const [warmup = null, ...cold] = await series('cold', loads + 1)
    // A wall already watching the platform: the hub has the scope's panels and a new wall's snapshot is cached.
    console.log(`dashboard: ${loads} timed loads of /wall with another wall connected …`)
    await sleep(Math.max(0, last + LOAD_SPACING_MS - Date.now()))
    last = Date.now()
    const resident = await browser.newContext({ viewport: VIEWPORT })
    const residentPage = await resident.newPage()
    await residentPage.goto(`${url}/wall?token=${wallToken}`)
    await residentPage.waitForSelector('[data-kpi="tickets"]:not([data-value=""])', { timeout: KPI_TIMEOUT_MS })
    const warm = await series('warm', loads)
    await resident.close()

    await sleep(LOAD_SPACING_MS)
    console.log(`dashboard: wall open ${minutes} min with ${rate} live events/s, heap every ${SAMPLE_MS / 1000} s …`)
    const long = await heapRun(browser, url, ingestToken, wallToken, minutes, rate, problems)
    await reportResult<DashboardDriverResult>({
      day: { events: day.length, from, to, postMs: post.ms },
      apiTickets,
      warmup,
      cold: cold.filter((m): m is LoadMarks => m !== null),
      warm: warm.filter((m): m is LoadMarks => m !== null),
      loadFailures,
      ...long,
      minutes,
      problems,
    })
  } finally {
    await browser.close()
  }
})

async function loadOnce(browser: Browser, url: string, wallToken: string, problems: string[]): Promise<LoadMarks> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  try {
    await context.addInitScript(FIRST_KPI_SCRIPT)
    const page = await context.newPage()
    const seen = watchProblems(page)
    await page.goto(`${url}/wall?token=${wallToken}`)
    // Functions, not strings: a string predicate is eval'd in the page, which its CSP (script-src 'self') refuses.
    await page.waitForFunction(() => (globalThis as Record<string, unknown>).__firstKpi !== undefined, null, { timeout: KPI_TIMEOUT_MS })
    await page.waitForFunction(() => (globalThis as Record<string, unknown>).__firstKpiFrame !== undefined, null, { timeout: 5_000 }).catch(() => undefined)
    await page.waitForLoadState('load')
    // The snapshot can come after the first KPIs: the hub's own pass may evaluate the new scope first.
    await page.waitForFunction(() => (globalThis as Record<string, unknown>).__snapshot !== undefined, null, { timeout: 15_000 }).catch(() => undefined)
    const marks = await page.evaluate<LoadMarks>(`(() => {
      const nav = performance.getEntriesByType('navigation')[0]
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]
      const session = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === '/api/v1/session')
      return {
        signInMs: session ? session.responseEnd : null,
        wsCreatedMs: window.__wsCreated ?? null, wsOpenMs: window.__wsOpen ?? null,
        kpisFrameMs: window.__kpisFrame ?? null, snapshotMs: window.__snapshot ?? null,
        firstKpiMs: window.__firstKpi, firstKpiFrameMs: window.__firstKpiFrame ?? null, value: window.__firstKpiValue,
        responseEndMs: nav.responseEnd, domContentLoadedMs: nav.domContentLoadedEventEnd, loadMs: nav.loadEventEnd,
        fcpMs: fcp ? fcp.startTime : null,
      }
    })()`)
    problems.push(...seen)
    return marks
  } finally {
    await context.close()
  }
}

async function heapRun(
  browser: Browser,
  url: string,
  ingestToken: string,
  wallToken: string,
  minutes: number,
  rate: number,
  problems: string[],
): Promise<Pick<DashboardDriverResult, 'heap' | 'sender' | 'end'>> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  try {
    const page = await context.newPage()
    const seen = watchProblems(page)
    page.on('crash', () => seen.push('page crashed'))
    await page.goto(`${url}/wall?token=${wallToken}`)
    await page.waitForSelector('[data-kpi="tickets"]:not([data-value=""])', { timeout: KPI_TIMEOUT_MS })
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')

    const sender = new Sender(url, ingestToken, rate, minutes)
    const started = Date.now()
    const samples = Math.floor((minutes * 60_000) / SAMPLE_MS)
    const heap: HeapSample[] = []
    sender.start()
    try {
      // Sample 0 as the sender starts, then every SAMPLE_MS to the end of the run.
      for (let k = 0; k <= samples; k++) {
        const wait = started + k * SAMPLE_MS - Date.now()
        if (wait > 0) await sleep(wait)
        const s = await sample(cdp, page, url, wallToken, (Date.now() - started) / 1000)
        if (k === Math.ceil(samples / 2) || k === samples) s.kinds = await heapKinds(cdp)
        heap.push(s)
        if (k % 4 === 0 || k === samples) {
          console.log(`dashboard: ${s.atSec.toFixed(0)} s: heap ${(s.usedBytes / 1024 / 1024).toFixed(1)} MiB, ${s.nodes} DOM nodes, ${s.listeners} listeners, tickets ${s.tickets}, open alerts ${s.openAlerts}`)
        }
      }
    } finally {
      await sender.stop()
    }
    // Let the last events reach the wall (one hub pass and a frame), then compare with the API.
    await sleep(3_000)
    const stale = (await page.locator('[role="alert"]', { hasText: '数据已停止更新' }).count()) > 0
    const end = { wallTickets: await tilesTickets(page), apiTickets: await kpiTickets(url, wallToken), stale }
    problems.push(...seen)
    return { heap, sender: sender.stats, end }
  } finally {
    await context.close()
  }
}

/**
 * The heap at one point of the run: the lowest of SETTLE_READS readings SETTLE_GAP_MS apart, each after a
 * forced GC, so a frame or chart animation in flight at that instant does not show up as growth.
 */
async function sample(cdp: CDPSession, page: Page, url: string, wallToken: string, atSec: number): Promise<HeapSample> {
  let used = Number.POSITIVE_INFINITY
  let total = 0
  for (let i = 0; i < SETTLE_READS; i++) {
    if (i > 0) await sleep(SETTLE_GAP_MS)
    await cdp.send('HeapProfiler.collectGarbage')
    const usage = await cdp.send('Runtime.getHeapUsage')
    if (usage.usedSize < used) [used, total] = [usage.usedSize, usage.totalSize]
  }
  const { metrics } = await cdp.send('Performance.getMetrics')
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN
  return { atSec, usedBytes: used, totalBytes: total, nodes: metric('Nodes'), listeners: metric('JSEventListeners'), tickets: await tilesTickets(page), openAlerts: await openAlerts(url, wallToken) }
}

/** Open alerts the wall principal sees: the live store keeps them all, so they are heap the wall needs. */
async function openAlerts(url: string, wallToken: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/alerts`, { headers: { authorization: `Bearer ${wallToken}` } })
  if (res.status !== 200) return Number.NaN
  return ((await res.json()) as { alerts: unknown[] }).alerts.length
}

async function tilesTickets(page: Page): Promise<number | null> {
  const v = await page.locator('[data-kpi="tickets"]').first().getAttribute('data-value')
  return v === null || v === '' ? null : Number(v)
}

async function kpiTickets(url: string, wallToken: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/kpis`, { headers: { authorization: `Bearer ${wallToken}` } })
  if (res.status !== 200) throw new Error(`GET /api/v1/kpis answered ${res.status}`)
  const body = (await res.json()) as { kpis: { tickets: number } }
  return body.kpis.tickets
}

async function postNdjson(url: string, token: string, events: IncomingEvent[]): Promise<{ status: number; accepted: number; rejected: number }> {
  const res = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    body: events.map((e) => JSON.stringify(e)).join('\n'),
  })
  const text = await res.text()
  if (res.status !== 200) return { status: res.status, accepted: 0, rejected: 0 }
  const body = JSON.parse(text) as { accepted: number; rejected: unknown[] }
  return { status: 200, accepted: body.accepted, rejected: body.rejected.length }
}

/**
 * Every second, POSTs the next `rate` simulator events (another seed, a window days back, in generator order
 * so each ticket's steps stay in order) with fresh ids and ts = the moment they go out: new tickets, replies
 * and complaint texts, so the KPI tiles, the heatmap and the keyword cloud keep changing.
 */
class Sender {
  readonly stats: SenderStats = { posts: 0, sent: 0, accepted: 0, rejected: 0, refused: 0 }
  readonly #events: IncomingEvent[]
  #next = 0
  #round = 0
  #timer: NodeJS.Timeout | undefined
  readonly #inFlight = new Set<Promise<void>>()

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly rate: number,
    minutes: number,
  ) {
    const want = Math.min(200_000, rate * 60 * minutes + 1_000)
    const end = Date.now() - 3 * DAY_MS
    this.#events = []
    for (const e of generateEvents({ from: new Date(end - Math.max(1, Math.ceil(want / 80_000)) * DAY_MS), to: new Date(end), zones: loadDefaultZones(), seed: 5 })) {
      this.#events.push(e)
      if (this.#events.length === want) break
    }
  }

  start(): void {
    this.#timer = setInterval(() => this.#send(), 1_000)
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer)
    await Promise.all(this.#inFlight)
  }

  #send(): void {
    const now = Date.now()
    const batch: IncomingEvent[] = []
    for (let i = 0; i < this.rate; i++) {
      if (this.#next === this.#events.length) {
        this.#next = 0
        this.#round++
      }
      const e = this.#events[this.#next++] as IncomingEvent
      const prefix = `live${this.#round}-`
      const copy: Record<string, unknown> = { ...e, event_id: prefix + e.event_id, ts: now }
      if ('ticket_id' in e) copy.ticket_id = prefix + e.ticket_id
      if ('order_id' in e && e.order_id !== undefined) copy.order_id = prefix + e.order_id
      batch.push(copy as IncomingEvent)
    }
    this.stats.sent += batch.length
    const p = postNdjson(this.url, this.token, batch).then(
      (r) => {
        this.stats.posts++
        if (r.status === 200) {
          this.stats.accepted += r.accepted
          this.stats.rejected += r.rejected
        } else this.stats.refused += batch.length
      },
      () => {
        this.stats.refused += batch.length
      },
    )
    const tracked = p.finally(() => this.#inFlight.delete(tracked))
    this.#inFlight.add(tracked)
  }
}
