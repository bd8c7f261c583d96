// Benchmark settings: a `--name value` flag wins over the BENCH_NAME environment variable, which wins over
// the default. The one place bench/ reads its settings, so every knob is listed in `npm run bench -- --help`.
import { parseArgs } from 'node:util'

export interface IntOption {
  name: string
  help: string
  default: number
  min: number
}

export const INGEST_OPTIONS = {
  events: { name: 'events', help: 'events to generate and ingest (≈ 91k per simulated day)', default: 300_000, min: 1 },
  batch: { name: 'batch', help: 'events per POST / per INSERT', default: 5_000, min: 1 },
  clients: { name: 'clients', help: 'concurrent HTTP clients', default: 2, min: 1 },
  seed: { name: 'seed', help: 'simulator seed', default: 1, min: 0 },
  repeat: { name: 'repeat', help: 'rounds of every run; the median round is shown (a noisy host)', default: 1, min: 1 },
} as const satisfies Record<string, IntOption>

/** `npm run bench -- push`: WebSocket push latency under a background ingest load. */
export const PUSH_OPTIONS = {
  probes: { name: 'probes', help: 'push probes (each: a few tickets posted, then the first KPI frame showing them)', default: 100, min: 1 },
  rate: { name: 'rate', help: 'background load in events/s', default: 5_000, min: 0 },
  budget: { name: 'budget', help: 'most seconds of probing (the diagnostic run gets half)', default: 75, min: 5 },
} as const satisfies Record<string, IntOption>

/** `npm run bench -- queries`: KPI and heatmap latency over a long history. */
export const QUERIES_OPTIONS = {
  tickets: { name: 'tickets', help: 'tickets of history built in ClickHouse', default: 10_000_000, min: 1_000 },
  days: { name: 'days', help: 'business days of history before today', default: 120, min: 14 },
  reps: { name: 'reps', help: 'timed repetitions of every query case', default: 20, min: 1 },
  cap: { name: 'cap', help: 'most seconds of repetitions per query case, at least 5 runs; 0 = no cap', default: 45, min: 0 },
  uuids: { name: 'uuids', help: '1: random ticket ids (like UUIDs) instead of the simulator\'s, which sort by zone and time', default: 0, min: 0 },
} as const satisfies Record<string, IntOption>

/** `npm run bench -- clients`: server CPU and RSS with many live dashboards. */
export const CLIENTS_OPTIONS = {
  sockets: { name: 'sockets', help: 'WebSocket clients, spread over the platform and every region', default: 500, min: 1 },
  seconds: { name: 'seconds', help: 'length of the measurement', default: 60, min: 5 },
  stream: { name: 'stream', help: 'live events/s posted during the measurement', default: 20, min: 0 },
  'day-hours': {
    name: 'day-hours',
    help: "business hours of the day that today so far holds, squeezed into the hours gone by when fewer have (an evening's day at any hour); 0: only the hours gone by",
    default: 20,
    min: 0,
  },
} as const satisfies Record<string, IntOption>

const ALL_OPTIONS = { ...INGEST_OPTIONS, ...PUSH_OPTIONS, ...QUERIES_OPTIONS, ...CLIENTS_OPTIONS }

export class OptionError extends Error {
  override name = 'OptionError'
}

/** Flags after the part names, e.g. `npm run bench -- ingest --events 100000`; every part's flags are known here. */
export function parseFlags(argv: string[]): { positionals: string[]; flags: Record<string, string | boolean | undefined> } {
  // Declared as taking a value, so `--events 100000` is not read as a flag plus a part named "100000".
  const options = Object.fromEntries(Object.keys(ALL_OPTIONS).map((name) => [name, { type: 'string' as const }]))
  const { values, positionals } = parseArgs({ args: argv, options, strict: false, allowPositionals: true })
  return { positionals, flags: values as Record<string, string | boolean | undefined> }
}

/** BENCH_DAY_HOURS for --day-hours: a shell's variable names take no dash. */
function envNameOf(opt: IntOption): string {
  return `BENCH_${opt.name.toUpperCase().replaceAll('-', '_')}`
}

export function intOption(flags: Record<string, string | boolean | undefined>, opt: IntOption): number {
  const envName = envNameOf(opt)
  const raw = flags[opt.name] ?? process.env[envName]
  if (raw === undefined || raw === '') return opt.default
  const n = Number(String(raw).replaceAll('_', ''))
  if (!Number.isInteger(n) || n < opt.min) {
    throw new OptionError(`--${opt.name} / ${envName}=${JSON.stringify(raw)}: must be a whole number ≥ ${opt.min} (${opt.help})`)
  }
  return n
}

export function optionHelp(options: Record<string, IntOption>): string {
  return Object.values(options)
    .map((o) => `  --${o.name.padEnd(8)} ${envNameOf(o).padEnd(14)} ${o.help} (default ${o.default})`)
    .join('\n')
}

/** BENCH_CPU_PROF=<dir>: write a V8 CPU profile of every child process there. */
export function cpuProfileDir(): string | undefined {
  return process.env.BENCH_CPU_PROF || undefined
}

/** BENCH_KEEP=1: keep the temporary data directories for a look afterwards. */
export function keepData(): boolean {
  return process.env.BENCH_KEEP === '1'
}

/** Every option of a part, read as intOption does. */
export function intOptions<K extends string>(flags: Record<string, string | boolean | undefined>, options: Record<K, IntOption>): Record<K, number> {
  return Object.fromEntries((Object.entries(options) as Array<[K, IntOption]>).map(([key, opt]) => [key, intOption(flags, opt)])) as Record<K, number>
}

/** "--probes 100, --rate 5000": a part's flags and defaults, for its summary in `npm run bench -- --help`. */
export function flagSummary(options: Record<string, IntOption>): string {
  return Object.values(options)
    .map((o) => `--${o.name} ${o.default}`)
    .join(', ')
}

/**
 * The app settings a live bench runs with: the environment's (INGEST_GROUP_MS, CHDB_SESSIONS, …), the app's
 * config module validating them, with the bench's own data directory and a free port on loopback.
 */
export function appSettings(dataDir: string): NodeJS.ProcessEnv {
  return { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', SIMULATOR: 'off', HOST: '127.0.0.1', PORT: '0' }
}

/** The environment of a bench child process: this process's, plus the part's own settings. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra }
}
