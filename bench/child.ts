// Child processes for benchmark parts. chDB allows one engine (one data directory) per process, so every
// measurement that opens a database runs in a process of its own; results come back over the IPC channel
// rather than stdout, which chDB and pino may also write to.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { childEnv, cpuProfileDir } from './config.ts'

/** A correctness check of a part: a failed one makes `npm run bench` exit non-zero. */
export interface Check {
  name: string
  ok: boolean
  detail: string
}

interface ResultMessage<T> {
  kind: 'bench-result'
  result: T
}

export interface ChildOptions {
  args?: string[]
  /** Extra environment; the rest is inherited. */
  env?: Record<string, string>
}

/**
 * Runs `file` (a .ts module beside this one, or an absolute path) under tsx and resolves with the result
 * it reported. BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every child there (open it in Chrome
 * DevTools or speedscope) — that is how to see where a part spends its time.
 */
export function runChild<T>(file: string, opts: ChildOptions = {}): Promise<T> {
  const path = file.startsWith('/') ? file : fileURLToPath(new URL(file, import.meta.url))
  const profDir = cpuProfileDir()
  const execArgv = ['--import', 'tsx', ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [])]
  return new Promise((resolve, reject) => {
    const child = fork(path, opts.args ?? [], { execArgv, env: childEnv(opts.env), stdio: 'inherit' })
    let result: { value: T } | undefined
    child.on('message', (msg: unknown) => {
      if (isResult<T>(msg)) result = { value: msg.result }
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (result && code === 0) resolve(result.value)
      else reject(new Error(`${file} ended with ${signal ?? `exit code ${code}`}${result ? '' : ' before reporting a result'}`))
    })
  })
}

function isResult<T>(msg: unknown): msg is ResultMessage<T> {
  return typeof msg === 'object' && msg !== null && (msg as { kind?: unknown }).kind === 'bench-result'
}

/** Called once by a child: hands its result to the parent, then lets the process end. */
export async function reportResult<T>(result: T): Promise<void> {
  const send = process.send?.bind(process)
  if (!send) {
    // Run by hand (`tsx bench/x.ts …`): print instead.
    console.log(JSON.stringify(result, null, 2))
    return
  }
  const message: ResultMessage<T> = { kind: 'bench-result', result }
  await new Promise<void>((resolve, reject) => send(message, undefined, {}, (err) => (err ? reject(err) : resolve())))
  process.disconnect?.()
}

/** Entry point wrapper for a child module: any throw ends the process with code 1 and the error printed. */
export function childMain(run: () => Promise<void>): void {
  run().then(
    // chDB keeps native handles open; exit explicitly once the result is delivered.
    () => process.exit(0),
    (err: unknown) => {
      console.error(err)
      process.exit(1)
    },
  )
}
