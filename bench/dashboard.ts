// Benchmark part "dashboard" (issue 4): what the dashboard costs a browser.
//  1. Bundle: the JS and CSS of a fresh `vite build` (a temporary outDir), raw and gzipped. Target: < 400 kB
//     gzipped in all.
//  2. Time to first KPI: the real app on localhost with yesterday and today so far loaded; /wall?token=… in a
//     fresh Chromium context, navigation start → the tickets tile showing a number (p50/p95); with no other
//     wall connected (the hub evaluates the scope's panels for the newcomer) and with one already open
//     (the snapshot comes from the hub's cache).
//  3. Heap: one wall open --wall-minutes (default 30) with live events posted every second; its JS heap every
//     30 s (the lowest of 3 readings, each after a forced GC), and heap snapshots at the second half's start
//     and end. Target: no growth trend over the second half in what the page keeps, its JS objects and strings.
//     V8's compiled code is shown beside it but not judged: it grows while the JIT tiers up the functions the
//     live updates call and is bounded by the page's code, however long the wall runs.
// This process builds the bundle, then runs the app (it owns the chDB engine); the browser and the event
// sender run in bench/dashboard-driver.ts, a child process.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadDefaultZones } from '../ingest/simulator/index.ts'
import { buildApp } from '../server/src/app.ts'
import { Principals, sha256Hex } from '../server/src/auth/principals.ts'
import { loadConfig } from '../server/src/config.ts'
import { openStorage } from '../sql/client.ts'
import { childMain, reportResult, runChild, type Check } from './child.ts'
import { measureBundle, type BundleFile, type BundleResult } from './dashboard-bundle.ts'
import type { DashboardDriverResult, HeapSample, LoadMarks } from './dashboard-driver.ts'
import { dashboardOptions, LOAD_SPACING_MS, type DashboardOptions } from './dashboard-config.ts'
import { keepData } from './config.ts'
import type { PartResult } from './parts.ts'
import { checkLines, equalCheck, int, ms, percentile, table } from './report.ts'

const TARGET_GZIP_BYTES = 400_000
/** "No growth trend": the second half's growth stays under this share of the heap. */
const TARGET_GROWTH_SHARE = 0.05

childMain(async () => {
  const o = dashboardOptions(process.argv.slice(2))
  console.log('dashboard: vite build into a temporary outDir …')
  const bundle = measureBundle()
  console.log(`\n${bundleTable(bundle)}\n`)

  const dir = mkdtempSync(join(tmpdir(), 'radar-bench-dashboard-'))
  try {
    const app = await startApp(dir)
    let d: DashboardDriverResult
    try {
      d = await runChild<DashboardDriverResult>('./dashboard-driver.ts', {
        args: [app.url, app.tokens.ingest, app.tokens.wall, String(o.loads), String(o.wallMinutes), String(o.wallRate)],
      })
    } finally {
      await app.close()
    }
    console.log(`\n${loadTable(d, o)}\n\n${heapTable(d, o)}\n`)
    const checks = driverChecks(d, o)
    if (bundle.files.length === 0) checks.unshift({ name: 'bundle has JS and CSS', ok: false, detail: 'no .js or .css in the build' })
    console.log(`checks:\n${checkLines(checks)}`)
    await reportResult<PartResult>({ part: 'dashboard', failed: checks.filter((c) => !c.ok).length })
  } finally {
    if (keepData()) console.log(`data kept in ${dir}`)
    else rmSync(dir, { recursive: true, force: true })
  }
})

async function startApp(dataDir: string) {
  const tokens = { ingest: randomBytes(24).toString('hex'), wall: randomBytes(24).toString('hex') }
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', SIMULATOR: 'off', HOST: '127.0.0.1', PORT: '0' })
  const storage = await openStorage({ dataDir })
  const principals = new Principals([
    { name: 'bench-ingest', role: 'ingest', token_sha256: sha256Hex(tokens.ingest) },
    { name: 'bench-wall', role: 'wall', token_sha256: sha256Hex(tokens.wall) },
  ])
  const app = await buildApp({ config, storage, principals, sessionSecret: randomBytes(32).toString('hex') })
  await app.zones.replace(loadDefaultZones())
  await app.listen({ host: config.HOST, port: config.PORT })
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  return { url, tokens, close: () => app.close() }
}

function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`
}

function bundleTable(b: BundleResult): string {
  const sum = (files: BundleFile[], key: 'rawBytes' | 'gzipBytes') => files.reduce((a, f) => a + f[key], 0)
  const kind = (k: BundleFile['kind']) => {
    const files = b.files.filter((f) => f.kind === k)
    return `${files.length} file(s), ${kB(sum(files, 'rawBytes'))} raw, ${kB(sum(files, 'gzipBytes'))} gzipped`
  }
  const gz = sum(b.files, 'gzipBytes')
  const served = b.servedMatches === 'no dist' ? 'dashboard/dist is missing: run `npm run build`' : b.servedMatches ? 'yes' : 'NO — dashboard/dist is stale, the timings below load it; run `npm run build`'
  return table('Dashboard bundle: fresh `vite build --config dashboard/vite.config.ts` (gzip: zlib level 6)', [
    ['JavaScript', kind('js')],
    ['CSS', kind('css')],
    ['total', `${kB(sum(b.files, 'rawBytes'))} raw, ${kB(gz)} gzipped  target < ${kB(TARGET_GZIP_BYTES)} gzipped: ${gz < TARGET_GZIP_BYTES ? 'met' : 'NOT met'}`],
    ...b.files.slice(0, 5).map((f, i): [string, string] => [i === 0 ? 'largest' : '', `${f.path}  ${kB(f.rawBytes)} raw, ${kB(f.gzipBytes)} gzipped`]),
    ['build', `${(b.buildMs / 1000).toFixed(1)} s; served dashboard/dist has the same files: ${served}`],
  ])
}

function loadTable(d: DashboardDriverResult, o: DashboardOptions): string {
  const spread = (xs: number[]) => `p50 ${ms(percentile(xs, 50))}, p95 ${ms(percentile(xs, 95))} (min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))})`
  const rows = (label: string, loads: LoadMarks[]): Array<[string, string]> => {
    const pick = (f: (m: LoadMarks) => number | null) => loads.map(f).filter((n): n is number => n !== null && Number.isFinite(n))
    const p50 = (f: (m: LoadMarks) => number | null) => ms(percentile(pick(f), 50))
    return [
      [`${label}: first KPI`, `${spread(pick((m) => m.firstKpiMs))}  (${loads.length} loads)`],
      ['  next frame', spread(pick((m) => m.firstKpiFrameMs))],
      ['  on the way, p50', `sign-in answered ${p50((m) => m.signInMs)}, WebSocket created ${p50((m) => m.wsCreatedMs)}, open ${p50((m) => m.wsOpenMs)}, first KPIs frame ${p50((m) => m.kpisFrameMs)}, snapshot ${p50((m) => m.snapshotMs)}`],
    ]
  }
  const all = [...d.cold, ...d.warm]
  const p50 = (f: (m: LoadMarks) => number | null) => ms(percentile(all.map(f).filter((n): n is number => n !== null), 50))
  return table(`Time to first KPI: navigation start → [data-kpi="tickets"] with a number; /wall?token=… in a fresh Chromium context, 1920×1080, localhost`, [
    ['data', `${int(d.day.events)} simulator events (yesterday and today so far, rate 1), posted in ${(d.day.postMs / 1000).toFixed(1)} s; today's tickets ${int(d.apiTickets)}`],
    ...rows('no other wall', d.cold),
    ...rows('another wall open', d.warm),
    ['page milestones, p50', `document ${p50((m) => m.responseEndMs)}, DOMContentLoaded ${p50((m) => m.domContentLoadedMs)}, first paint ${p50((m) => m.fcpMs)}, load ${p50((m) => m.loadMs)} (all ${all.length} loads)`],
    ['untimed first load', d.warmup ? `${ms(d.warmup.firstKpiMs)} to the first KPI` : 'failed'],
    ['loads', `${o.loads} of each, ${LOAD_SPACING_MS / 1000} s apart (sign-in allows 10 a minute per address)`],
  ])
}

/** Least-squares slope of bytes over seconds, in bytes per minute. */
function slopePerMinute(samples: readonly HeapSample[]): number {
  const n = samples.length
  if (n < 2) return Number.NaN
  const mx = samples.reduce((a, s) => a + s.atSec, 0) / n
  const my = samples.reduce((a, s) => a + s.usedBytes, 0) / n
  const sxy = samples.reduce((a, s) => a + (s.atSec - mx) * (s.usedBytes - my), 0)
  const sxx = samples.reduce((a, s) => a + (s.atSec - mx) ** 2, 0)
  return (sxy / sxx) * 60
}

/**
 * Theil–Sen slope (the median of the slopes between every pair of samples), in bytes per minute: a
 * cross-check on the least-squares fit, which one odd sample at the end of the run can tilt on its own (a
 * steady leak moves both alike; one high reading moves only least squares).
 */
function medianSlopePerMinute(samples: readonly HeapSample[]): number {
  const slopes: number[] = []
  for (const [i, a] of samples.entries()) {
    for (const b of samples.slice(i + 1)) if (b.atSec > a.atSec) slopes.push(((b.usedBytes - a.usedBytes) / (b.atSec - a.atSec)) * 60)
  }
  return slopes.length === 0 ? Number.NaN : percentile(slopes, 50)
}

interface HeapTrend {
  slope: number
  /** Theil–Sen slope of the same samples, for comparison. */
  medianSlope: number
  halfMinutes: number
  /** Mean heap over the half, the size the growth is judged against. */
  mean: number
  share: number
  fitted: number
}

function heapTrend(heap: readonly HeapSample[]): HeapTrend {
  const endSec = heap.at(-1)?.atSec ?? 0
  const half = heap.filter((s) => s.atSec >= endSec / 2 - 1)
  const slope = slopePerMinute(half)
  const halfMinutes = (endSec - (half[0]?.atSec ?? endSec)) / 60
  const mean = half.reduce((a, s) => a + s.usedBytes, 0) / Math.max(1, half.length)
  const share = (slope * halfMinutes) / mean
  return { slope, medianSlope: medianSlopePerMinute(half), halfMinutes, mean, share, fitted: half.length }
}

/** What the page keeps (JS objects and strings) at the second half's two snapshots, and its growth. */
function pageHeap(heap: readonly HeapSample[]): { from: number; to: number; perMinute: number; share: number; met: boolean } | undefined {
  const [a, b] = heap.filter((s) => s.kinds)
  if (!a?.kinds || !b?.kinds || b.atSec <= a.atSec) return undefined
  const from = a.kinds.objects + a.kinds.strings
  const to = b.kinds.objects + b.kinds.strings
  const share = (to - from) / ((from + to) / 2)
  return { from, to, perMinute: ((to - from) / (b.atSec - a.atSec)) * 60, share, met: share < TARGET_GROWTH_SHARE }
}

function heapTable(d: DashboardDriverResult, o: DashboardOptions): string {
  const mibs = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`
  const at = (sec: number) => d.heap.reduce<HeapSample | undefined>((best, s) => (!best || Math.abs(s.atSec - sec) < Math.abs(best.atSec - sec) ? s : best), undefined)
  const first = d.heap[0]
  const oneMin = at(60)
  const last = d.heap.at(-1)
  const t = heapTrend(d.heap)
  const page = pageHeap(d.heap)
  const rose = d.heap.slice(1).filter((s, i) => (s.tickets ?? 0) > (d.heap[i]?.tickets ?? 0)).length
  const perMinute = d.heap.filter((s) => Math.round(s.atSec) % 60 < 15).map((s) => (s.usedBytes / 1024 / 1024).toFixed(1))
  const kibPerMin = (slope: number) => (Number.isFinite(slope) ? `${slope >= 0 ? '+' : '−'}${(Math.abs(slope) / 1024).toFixed(1)} KiB/min` : 'n/a')
  return table(`Wall heap: /wall open ${o.wallMinutes} min, ${o.wallRate} live events posted every second, JS heap every 30 s (CDP; lowest of 3 readings 2 s apart, each after a forced GC)`, [
    ['heap used', `${first ? mibs(first.usedBytes) : 'n/a'} at 0 s, ${oneMin ? mibs(oneMin.usedBytes) : 'n/a'} at ${oneMin?.atSec.toFixed(0)} s, ${last ? mibs(last.usedBytes) : 'n/a'} at ${last?.atSec.toFixed(0)} s (${last ? mibs(last.totalBytes) : 'n/a'} allocated)`],
    ['page\'s heap, second half', page ? `JS objects and strings ${mibs(page.from)} → ${mibs(page.to)} (${kibPerMin(page.perMinute)}) = ${(100 * page.share).toFixed(1)} % over the half  target no growth (< ${100 * TARGET_GROWTH_SHARE} %): ${page.met ? 'met' : 'NOT met'}` : 'n/a (no snapshots)'],
    ['  by kind (heap snapshots)', kindsLine(d.heap)],
    ['whole heap, second half', `${kibPerMin(t.slope)} (least squares over ${t.fitted} samples, ${t.halfMinutes.toFixed(1)} min) = ${(100 * t.share).toFixed(1)} % of the mean heap (${mibs(t.mean)}) over the half, V8's compiled code included`],
    ['  cross-checks', `median of pairwise slopes ${kibPerMin(t.medianSlope)}; least squares kept up for a day: ${Number.isFinite(t.slope) ? `${t.slope >= 0 ? '+' : '−'}${mibs(Math.abs(t.slope) * 60 * 24)}` : 'n/a'}`],
    ['heap by minute (MiB)', perMinute.join(' ')],
    ['DOM nodes', `${oneMin?.nodes ?? 'n/a'} at 1 min, ${last?.nodes ?? 'n/a'} at the end; JS event listeners ${oneMin?.listeners ?? 'n/a'} → ${last?.listeners ?? 'n/a'}`],
    ['open alerts', `${oneMin?.openAlerts ?? 'n/a'} at 1 min, ${last?.openAlerts ?? 'n/a'} at the end (the live store holds every open alert of the scope)`],
    ['tickets tile', `${first?.tickets ?? 'n/a'} → ${last?.tickets ?? 'n/a'}, rose in ${rose} of ${Math.max(0, d.heap.length - 1)} intervals`],
    ['sender', `${int(d.sender.posts)} POSTs, ${int(d.sender.accepted)} events accepted, ${int(d.sender.rejected)} rejected, ${int(d.sender.refused)} refused`],
  ])
}

/** How each kind of heap moved between the two snapshots of the second half (bench/heap-kinds.ts). */
function kindsLine(heap: readonly HeapSample[]): string {
  const [a, b] = heap.filter((s) => s.kinds)
  if (!a?.kinds || !b?.kinds || b.atSec <= a.atSec) return 'n/a'
  const minutes = (b.atSec - a.atSec) / 60
  const kinds = [['compiled code', 'code'], ['JS objects', 'objects'], ['strings', 'strings']] as const
  const moved = kinds.map(([label, k]) => {
    const d = b.kinds![k] - a.kinds![k]
    return `${label} ${(a.kinds![k] / 1024 / 1024).toFixed(2)} → ${(b.kinds![k] / 1024 / 1024).toFixed(2)} MiB (${d >= 0 ? '+' : '−'}${(Math.abs(d) / 1024 / minutes).toFixed(1)} KiB/min)`
  })
  return `${moved.join('; ')}, ${a.atSec.toFixed(0)} s → ${b.atSec.toFixed(0)} s`
}

function driverChecks(d: DashboardDriverResult, o: DashboardOptions): Check[] {
  const loads = [...d.cold, ...d.warm]
  const wrong = loads.filter((m) => m.value !== d.apiTickets).map((m) => m.value)
  const first = d.heap[0]?.tickets ?? null
  const last = d.heap.at(-1)?.tickets ?? null
  const samples = Math.floor((o.wallMinutes * 60) / 30) + 1
  return [
    { name: 'loads with a KPI on screen', ok: d.loadFailures.length === 0 && loads.length === 2 * o.loads && d.warmup !== null, detail: d.loadFailures.length === 0 ? `${loads.length + 1} of ${2 * o.loads + 1}` : d.loadFailures.join('; ') },
    { name: 'first tickets value equals GET /api/v1/kpis', ok: wrong.length === 0, detail: wrong.length === 0 ? int(d.apiTickets) : `${wrong.join(', ')} (expected ${d.apiTickets})` },
    equalCheck('heap samples', d.heap.length, samples),
    { name: 'live updates reached the wall', ok: first !== null && last !== null && last > first, detail: `tickets ${first} → ${last}` },
    { name: 'wall equals GET /api/v1/kpis after the run', ok: d.end.wallTickets === d.end.apiTickets, detail: `wall ${d.end.wallTickets}, api ${d.end.apiTickets}` },
    { name: 'wall not stale after the run', ok: !d.end.stale, detail: d.end.stale ? 'the stale notice is up' : 'no stale notice' },
    equalCheck('live events rejected or refused', d.sender.rejected + d.sender.refused, 0),
    { name: 'page errors and CSP refusals', ok: d.problems.length === 0, detail: d.problems.length === 0 ? 'none' : d.problems.slice(0, 3).join('; ') },
  ]
}
