// Runs once before `npm test`: builds the dashboard when dashboard/dist is missing or older than its
// sources, so the browser tests (test/e2e) and the server's static files see the current dashboard even
// on a fresh clone, where dist/ is not checked in; and in the first minutes of a business day, waits until
// "today so far" can hold the settled events the tests compare with.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { loadConfig } from '../server/src/config.ts'
import { businessDay, dayStart } from '../server/src/kpi/business-time.ts'

const root = join(import.meta.dirname, '..')
const dashboard = join(root, 'dashboard')
const builtIndex = join(dashboard, 'dist', 'index.html')

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))))
}

/**
 * Tests of today's numbers send today's events 20–40 min old, so that no KPI depends on the moment it is
 * read (the oldest age a KPI looks at is 15 min; test/helpers/history.ts, test/e2e/region.test.ts): a
 * business day younger than this has no room for them.
 */
const MIN_DAY_AGE_MS = 45 * 60_000

export default async function setup(): Promise<void> {
  buildDashboard()
  await dayOldEnough()
}

async function dayOldEnough(): Promise<void> {
  const tz = loadConfig({}).TZ_BUSINESS
  const now = Date.now()
  const wait = MIN_DAY_AGE_MS - (now - dayStart(businessDay(now, tz), tz))
  if (wait <= 0) return
  const began = `the business day (${tz}) began ${((MIN_DAY_AGE_MS - wait) / 60_000).toFixed(0)} min ago`
  // For a run of tests that do not look at today, e.g. unit tests while developing.
  if (process.env.TEST_NO_DAY_WAIT === '1') return console.log(`${began}; not waiting (TEST_NO_DAY_WAIT=1): tests of today's numbers may fail`)
  console.log(`${began}; waiting ${(wait / 60_000).toFixed(1)} min until it can hold the tests' settled events (TEST_NO_DAY_WAIT=1 skips this)…`)
  await sleep(wait)
}

function buildDashboard(): void {
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => join(dashboard, p)).filter(existsSync)
  const stale = !existsSync(builtIndex) || Math.max(...sources.map(newestMtime)) > statSync(builtIndex).mtimeMs
  if (!stale) return
  console.log('building the dashboard (dashboard/dist is missing or older than its sources)…')
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'dashboard/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  })
}
