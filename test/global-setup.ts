// Runs once before `npm test`: builds the dashboard when dashboard/dist is missing or older than its
// sources, so the browser tests (test/e2e) and the server's static files see the current dashboard even
// on a fresh clone, where dist/ is not checked in.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const dashboard = join(root, 'dashboard')
const builtIndex = join(dashboard, 'dist', 'index.html')

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))))
}

export default function setup(): void {
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => join(dashboard, p)).filter(existsSync)
  const stale = !existsSync(builtIndex) || Math.max(...sources.map(newestMtime)) > statSync(builtIndex).mtimeMs
  if (!stale) return
  console.log('building the dashboard (dashboard/dist is missing or older than its sources)…')
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'dashboard/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  })
}
