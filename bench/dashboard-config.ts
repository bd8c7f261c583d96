// Settings of the `dashboard` part. Read here rather than through bench/config.ts' intOption because the
// names have a dash: `--wall-minutes 30` on `tsx bench/dashboard.ts`, `--wall-minutes=30` through
// `npm run bench -- dashboard` (bench/main.ts only knows the value-taking flags listed in config.ts, so a
// spaced value would be read as a part name there), or BENCH_WALL_MINUTES=30 in the environment.
import { parseArgs } from 'node:util'
import { OptionError, type IntOption } from './config.ts'

export const DASHBOARD_OPTIONS = {
  loads: { name: 'loads', help: 'timed loads of /wall, each in a fresh browser context (after one untimed)', default: 10, min: 1 },
  wallMinutes: { name: 'wall-minutes', help: 'length of the wall heap run with live updates', default: 30, min: 1 },
  wallRate: { name: 'wall-rate', help: 'live events posted every second during the heap run', default: 10, min: 1 },
} as const satisfies Record<string, IntOption>

/**
 * Loads of /wall start at least this far apart: POST /api/v1/session (the ?token= sign-in every load does)
 * allows 10 attempts a minute per client address.
 */
export const LOAD_SPACING_MS = 6_500

export type DashboardOptions = Record<keyof typeof DASHBOARD_OPTIONS, number>

export function dashboardOptions(argv: string[]): DashboardOptions {
  const options = Object.fromEntries(Object.values(DASHBOARD_OPTIONS).map((o) => [o.name, { type: 'string' as const }]))
  const { values } = parseArgs({ args: argv, options, strict: false, allowPositionals: true })
  const read = (opt: IntOption): number => {
    const envName = `BENCH_${opt.name.toUpperCase().replaceAll('-', '_')}`
    const raw = values[opt.name] ?? process.env[envName]
    if (raw === true) throw new OptionError(`--${opt.name} needs a value: --${opt.name}=${opt.default}`)
    if (raw === undefined || raw === '') return opt.default
    const n = Number(String(raw).replaceAll('_', ''))
    if (!Number.isInteger(n) || n < opt.min) {
      throw new OptionError(`--${opt.name} / ${envName}=${JSON.stringify(raw)}: must be a whole number ≥ ${opt.min} (${opt.help})`)
    }
    return n
  }
  return Object.fromEntries(Object.entries(DASHBOARD_OPTIONS).map(([key, opt]) => [key, read(opt)])) as DashboardOptions
}
