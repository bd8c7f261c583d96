// Runs the real server (server/src/main.ts) as a child process on a data directory, for tests that kill it.
import { spawn, type ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { sha256Hex } from '../../server/src/auth/principals.ts'

export const CHILD_TOKENS = { ingest: 'child-ingest-token', admin: 'child-admin-token' } as const

export interface ChildServer {
  url: string
  process: ChildProcess
  /** Resolves with the exit signal or code. */
  exited: Promise<string>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

export async function startChild(dataDir: string, port: number, env: Record<string, string> = {}): Promise<ChildServer> {
  const authFile = join(dataDir, 'test-auth.json')
  writeFileSync(authFile, JSON.stringify(Object.entries(CHILD_TOKENS).map(([role, token]) => ({ name: `child-${role}`, role, token_sha256: sha256Hex(token) }))))
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SIMULATOR: 'off', AUTH_FILE: authFile, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))))
  const url = `http://127.0.0.1:${port}`
  const until = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited during start-up (${child.exitCode})`)
    if (Date.now() > until) throw new Error('the server did not become ready within 60 s')
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false)
    if (ready) return { url, process: child, exited }
    await new Promise((r) => setTimeout(r, 200))
  }
}
