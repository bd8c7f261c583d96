// Benchmark part "ingest": sustained events/s through POST /api/v1/events (NDJSON batches, concurrent
// clients, a realistic event mix) against the ceiling — a raw chDB INSERT … FORMAT JSONEachRow of the same
// rows into the same schema. Target: HTTP ≥ half the ceiling, every event accepted and stored once.
// This process only generates the workload and reports; each run owns a chDB engine in a child of its own.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { childMain, reportResult, runChild, type Check } from './child.ts'
import type { CeilingResult } from './ingest-ceiling.ts'
import { writeEventSet, type EventSet } from './ingest-events.ts'
import type { HttpResult } from './ingest-http.ts'
import type { RunStats } from './ingest-shared.ts'
import { INGEST_OPTIONS, intOption, keepData, parseFlags } from './config.ts'
import { checkLines, int, mib, ms, table, timed } from './report.ts'
import type { PartResult } from './parts.ts'

/** The HTTP path should sustain at least this share of the raw-insert rate (the target). */
const TARGET_RATIO = 0.5

childMain(async () => {
  const { flags } = parseFlags(process.argv.slice(2))
  const events = intOption(flags, INGEST_OPTIONS.events)
  const batch = intOption(flags, INGEST_OPTIONS.batch)
  const clients = intOption(flags, INGEST_OPTIONS.clients)
  const seed = intOption(flags, INGEST_OPTIONS.seed)
  const repeat = intOption(flags, INGEST_OPTIONS.repeat)
  const dir = mkdtempSync(join(tmpdir(), 'radar-bench-ingest-'))
  try {
    process.stdout.write(`ingest: generating ${int(events)} events … `)
    const gen = await timed(async () => writeEventSet(dir, events, seed))
    const set = gen.value
    console.log(ms(gen.ms))
    const rounds: Round[] = []
    for (let r = 1; r <= repeat; r++) rounds.push(await round(set, dir, batch, clients, repeat > 1 ? r : 0))
    const http = median(rounds.map((r) => r.http), (h) => h.eventsPerSec)
    const quiet = median(rounds.map((r) => r.quiet), (h) => h.eventsPerSec)
    const ceiling = median(rounds.map((r) => r.ceiling), (c) => c.runs.raw.eventsPerSec)
    console.log(`\n${summary(set, batch, http, quiet, ceiling)}\n`)
    if (repeat > 1) console.log(`${spread(rounds)}\n`)
    const all: Array<[string, Check[]]> = [
      ['workload', workloadChecks(set, events)],
      ...rounds.flatMap((r, i): Array<[string, Check[]]> => {
        const tag = repeat > 1 ? `, round ${i + 1}` : ''
        return [
          [`HTTP run${tag}`, r.http.checks],
          [`HTTP run, alert engine stopped${tag}`, r.quiet.checks],
          ...Object.entries(r.ceiling.runs).map(([mode, run]): [string, Check[]] => [`ceiling ${mode}${tag}`, run.checks]),
        ]
      }),
    ]
    console.log(all.map(([title, list]) => `checks, ${title}:\n${checkLines(list)}`).join('\n'))
    const failed = all.flatMap(([, list]) => list).filter((c) => !c.ok).length
    await reportResult<PartResult>({ part: 'ingest', failed })
  } finally {
    if (keepData()) console.log(`data kept in ${dir}`)
    else rmSync(dir, { recursive: true, force: true })
  }
})

interface Round {
  http: HttpResult
  quiet: HttpResult
  ceiling: CeilingResult
}

/** One round: the HTTP run, the diagnostic HTTP run and the ceiling runs, one after another. */
async function round(set: EventSet, dir: string, batch: number, clients: number, n: number): Promise<Round> {
  const tag = n > 0 ? ` (round ${n})` : ''
  const httpArgs = (name: string) => [set.incomingPath, fresh(dir, `${name}${n}`), String(batch), String(clients)]
  console.log(`ingest: HTTP run${tag} …`)
  const http = await runChild<HttpResult>('./ingest-http.ts', { args: httpArgs('http') })
  console.log(`ingest: HTTP run with the alert engine stopped${tag} …`)
  const quiet = await runChild<HttpResult>('./ingest-http.ts', { args: [...httpArgs('http-quiet'), 'alerts-off'] })
  console.log(`ingest: ceiling runs${tag} …`)
  const ceiling = await runChild<CeilingResult>('./ingest-ceiling.ts', { args: [set.rowsPath, fresh(dir, `ceiling${n}`), String(batch)] })
  return { http, quiet, ceiling }
}

/** The middle item by `key` (the lower middle for an even count). */
function median<T>(items: T[], key: (item: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor((items.length - 1) / 2)] as T
}

function spread(rounds: Round[]): string {
  const range = (values: number[], f: (n: number) => string) => `${f(Math.min(...values))} – ${f(Math.max(...values))}`
  const rate = (pick: (r: Round) => number) => `${range(rounds.map(pick), int)} events/s`
  return table(`Spread over ${rounds.length} rounds (each figure above is the median round for that run)`, [
    ['HTTP', rate((r) => r.http.eventsPerSec)],
    ['HTTP, alert engine stopped', rate((r) => r.quiet.eventsPerSec)],
    ['ceiling, raw INSERT/batch', rate((r) => r.ceiling.runs.raw.eventsPerSec)],
    ['ratio, within a round', range(rounds.map((r) => r.http.eventsPerSec / r.ceiling.runs.raw.eventsPerSec), (n) => n.toFixed(2))],
  ])
}

function fresh(dir: string, name: string): string {
  const path = join(dir, name)
  mkdirSync(path)
  return path
}

/** The workload itself must be sound, or the HTTP checks would be judged against the wrong numbers. */
function workloadChecks(set: EventSet, asked: number): Check[] {
  return [
    { name: 'events generated', ok: set.events === asked, detail: `${int(set.events)} of ${int(asked)} asked` },
    { name: 'events valid', ok: set.invalid === 0, detail: `${int(set.invalid)} invalid` },
    { name: 'event ids unique', ok: set.repeatedIds === 0, detail: `${int(set.repeatedIds)} repeated` },
  ]
}

function summary(set: EventSet, batch: number, http: HttpResult, quiet: HttpResult, ceiling: CeilingResult): string {
  const raw = ceiling.runs.raw
  const ratio = http.eventsPerSec / raw.eventsPerSec
  const mix = set.mix.map(([type, n]) => `${type} ${((100 * n) / set.events).toFixed(n * 1000 < set.events ? 2 : 1)}%`).join(', ')
  const head = table('Ingest: POST /api/v1/events (NDJSON) vs raw chDB INSERT … FORMAT JSONEachRow (same rows, same schema)', [
    ['events', `${int(set.events)} (${set.days.toFixed(1)} simulated days at rate 1), ${int(http.batches)} batches of ${int(batch)}`],
    ['payload', `${mib(set.incomingBytes)} NDJSON as sent, ${mib(set.rowsBytes)} as validated rows`],
    ['mix', mix],
    [`HTTP, ${http.clients} clients`, `${int(http.eventsPerSec)} events/s  ${runLine(http)}`],
    ['', `batch latency p50 ${ms(http.latencyMs.p50)}, p95 ${ms(http.latencyMs.p95)}, max ${ms(http.latencyMs.max)}; event loop busy ${pct(http.eventLoopUtilization)}`],
    ['HTTP, alert engine stopped', `${int(quiet.eventsPerSec)} events/s  ${runLine(quiet)}  (diagnostic)`],
    ['', `batch latency p50 ${ms(quiet.latencyMs.p50)}, p95 ${ms(quiet.latencyMs.p95)}; event loop busy ${pct(quiet.eventLoopUtilization)}`],
    ['ceiling, raw INSERT/batch', `${int(raw.eventsPerSec)} events/s  ${runLine(raw)}`],
    ['ratio HTTP / ceiling', `${ratio.toFixed(2)}  target ≥ ${TARGET_RATIO.toFixed(2)}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}  (alert engine stopped: ${(quiet.eventsPerSec / raw.eventsPerSec).toFixed(2)})`],
    ['one INSERT of all rows', `${int(ceiling.runs.single.eventsPerSec)} events/s  ${runLine(ceiling.runs.single)}`],
    ['client.insert/batch', `${int(ceiling.runs.client.eventsPerSec)} events/s  ${runLine(ceiling.runs.client)}  (the writer's call, no de-dup)`],
  ])
  return [head, callTable('Storage calls during the HTTP run', http), callTable('… and with the alert engine stopped', quiet)].join('\n\n')
}

/** Where the HTTP run's storage time went: summed wall time per kind of call. */
function callTable(title: string, run: HttpResult): string {
  const rows = run.storageCalls
    .slice(0, 6)
    .map((c): [string, string] => [c.label, `${int(c.calls)} calls, ${ms(c.ms)} (${pct(c.ms / run.wallMs)} of the run's wall time)`])
  return table(`${title} (time summed per call; calls can overlap)`, rows)
}

/** "(12.3 s wall, CPU 1.6 cores, peak RSS 900 MiB)" */
function runLine(run: RunStats): string {
  return `(${(run.wallMs / 1000).toFixed(1)} s wall, CPU ${(run.cpuMs / run.wallMs).toFixed(2)} cores, peak RSS ${mib(run.peakRssBytes)})`
}

function pct(share: number): string {
  return `${(100 * share).toFixed(0)}%`
}
