// Without AUTH_FILE, `npm start` writes a demo auth file with one random token per role (SPEC §8) and
// prints the tokens once; the file itself keeps only their hashes.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { newToken, sha256Hex, type Role } from './principals.ts'

export interface DemoToken {
  name: string
  role: Role
  token: string
  regions?: string[]
}

/** Creates the file unless it exists; returns the new tokens, or undefined when the file was already there. */
export function ensureDemoAuthFile(path: string, firstRegion: string | undefined): DemoToken[] | undefined {
  if (existsSync(path)) return undefined
  const roles: Role[] = ['admin', 'ops', 'executive', 'wall', 'ingest']
  const tokens: DemoToken[] = roles.map((role) => ({ name: `demo-${role}`, role, token: newToken() }))
  if (firstRegion) tokens.push({ name: 'demo-regional', role: 'regional', token: newToken(), regions: [firstRegion] })
  const entries = tokens.map(({ token, ...p }) => ({ ...p, token_sha256: sha256Hex(token) }))
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600 })
  return tokens
}
