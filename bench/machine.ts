// The machine a benchmark ran on, printed above the figures: numbers mean little without it.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { table } from './report.ts'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))

export interface Machine {
  cpu: string
  /** Cores this process may use (os.availableParallelism, which honours CPU affinity). */
  cores: number
  ramBytes: number
  os: string
  node: string
  chdb: string
  /** The ClickHouse version inside libchdb. */
  engine: string
}

export function collectMachine(): Machine {
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    ramBytes: os.totalmem(),
    os: `${osName()} (${os.type()} ${os.release()}, ${os.arch()})`,
    node: process.version,
    chdb: chdbPackageVersion(),
    engine: engineVersion(),
  }
}

export function formatMachine(m: Machine): string {
  return table('Machine', [
    ['CPU', `${m.cpu}, ${m.cores} cores available`],
    ['RAM', `${(m.ramBytes / 1024 ** 3).toFixed(1)} GiB`],
    ['OS', m.os],
    ['Node', m.node],
    ['chDB', `chdb-node ${m.chdb}, ClickHouse ${m.engine}`],
  ])
}

function osName(): string {
  const file = '/etc/os-release'
  if (!existsSync(file)) return os.version()
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync(file, 'utf8'))
  return pretty?.[1] ?? os.version()
}

function chdbPackageVersion(): string {
  try {
    const entry = fileURLToPath(import.meta.resolve('chdb'))
    const pkg = JSON.parse(readFileSync(join(dirname(entry), 'package.json'), 'utf8')) as { version?: string }
    return pkg.version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/**
 * Asked of a throw-away process: chdb's version() runs a query, which would start this process's one
 * engine on an in-memory directory and block any later part that needs its own.
 */
function engineVersion(): string {
  try {
    const script = "process.stdout.write(String(require('chdb').version().libchdb))"
    return execFileSync(process.execPath, ['-e', script], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 }).trim().replace(/^"|"$/g, '')
  } catch {
    return 'unknown'
  }
}
