// Principals and roles (SPEC §8). The auth file holds only a token's SHA-256 or a password's scrypt hash;
// tokens are compared in constant time against every principal so timing reveals nothing.
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'

export const ROLES = ['admin', 'ops', 'regional', 'executive', 'wall', 'ingest'] as const
export type Role = (typeof ROLES)[number]

/** Roles allowed to read dashboards and the read API; `ingest` only writes. */
export const READERS: readonly Role[] = ['admin', 'ops', 'regional', 'executive', 'wall']
/** Roles allowed to acknowledge alerts (SPEC §8). */
export const ACKNOWLEDGERS: readonly Role[] = ['admin', 'ops', 'regional']

export interface Principal {
  name: string
  role: Role
  /** Regions a `regional` principal may see; undefined = every region. */
  regions?: string[]
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/i, 'must be 64 hex digits (the SHA-256 of the token)')
const entry = z
  .object({
    name: z.string().min(1),
    role: z.enum(ROLES),
    regions: z.array(z.string().min(1)).optional(),
    token_sha256: hex64.optional(),
    password_scrypt: z.string().regex(/^scrypt\$[0-9a-f]+\$[0-9a-f]+$/i, 'must be scrypt$<salt hex>$<hash hex>').optional(),
  })
  .refine((p) => p.token_sha256 || p.password_scrypt, 'needs token_sha256 or password_scrypt')
  .refine((p) => p.role !== 'regional' || (p.regions?.length ?? 0) > 0, 'a regional principal needs regions')

type Entry = z.output<typeof entry>

export class AuthFileError extends Error {
  override name = 'AuthFileError'
}

export class Principals {
  readonly #entries: Entry[]

  constructor(json: unknown) {
    const parsed = z.array(entry).min(1).safeParse(json)
    if (!parsed.success) {
      const i = parsed.error.issues[0]
      throw new AuthFileError(`auth file: ${i?.path.join('.') || 'root'}: ${i?.message ?? 'invalid'}`)
    }
    this.#entries = parsed.data
  }

  /** The same principals plus one more token holder (the in-process simulator's per-run token). */
  withToken(name: string, role: Role, token: string): Principals {
    return new Principals([...this.#entries, { name, role, token_sha256: sha256Hex(token) }])
  }

  byToken(token: string): Principal | undefined {
    const digest = createHash('sha256').update(token).digest()
    let found: Entry | undefined
    for (const e of this.#entries) {
      if (e.token_sha256 && timingSafeEqual(digest, Buffer.from(e.token_sha256, 'hex')) && !found) found = e
    }
    return found && toPrincipal(found)
  }

  /** The principal a session cookie names; undefined once it has been removed from the auth file. */
  byName(name: string): Principal | undefined {
    const e = this.#entries.find((p) => p.name === name)
    return e && toPrincipal(e)
  }

  byPassword(name: string, password: string): Principal | undefined {
    const e = this.#entries.find((p) => p.name === name && p.password_scrypt)
    const [, salt = '', hash = ''] = (e?.password_scrypt ?? 'scrypt$00$00').split('$')
    const expected = Buffer.from(hash, 'hex')
    // Hash even for an unknown name, so a missing account answers as slowly as a wrong password.
    const actual = scryptSync(password, Buffer.from(salt, 'hex'), Math.max(expected.length, 32))
    return e && expected.length === actual.length && timingSafeEqual(expected, actual) ? toPrincipal(e) : undefined
  }
}

function toPrincipal(e: Entry): Principal {
  return e.role === 'regional' ? { name: e.name, role: e.role, regions: e.regions } : { name: e.name, role: e.role }
}

export function sha256Hex(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export function hashPassword(password: string): string {
  const salt = randomBytes(16)
  return `scrypt$${salt.toString('hex')}$${scryptSync(password, salt, 32).toString('hex')}`
}

export function newToken(): string {
  return randomBytes(24).toString('base64url')
}
