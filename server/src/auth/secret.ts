// The key that signs session cookies: SESSION_SECRET when set, otherwise one generated on first start and
// kept in DATA_DIR, so sessions outlive restarts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'

export function loadSessionSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured
  const path = join(dataDir, 'session.key')
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600 })
  }
  return readFileSync(path, 'utf8').trim()
}
