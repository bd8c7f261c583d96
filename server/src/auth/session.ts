// Browser sessions (SPEC §8, issue 4): a token or password is exchanged once for a signed, httpOnly,
// SameSite=Strict cookie naming the principal and its expiry. The cookie is stateless, so sessions survive
// server restarts (a wall display nobody touches must come back by itself); removing a principal from the
// auth file ends its sessions.

export const SESSION_COOKIE = 'radar_session'
/** Wall displays are provisioned once and left alone, so sessions are long. */
export const SESSION_TTL_MS = 30 * 86_400_000

export interface SessionClaims {
  name: string
  expires: number
}

export function encodeSession(claims: SessionClaims): string {
  return Buffer.from(JSON.stringify({ n: claims.name, e: claims.expires })).toString('base64url')
}

export function decodeSession(value: string, now: number): SessionClaims | undefined {
  try {
    const { n, e } = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { n?: unknown; e?: unknown }
    if (typeof n !== 'string' || typeof e !== 'number' || e <= now) return undefined
    return { name: n, expires: e }
  } catch {
    return undefined
  }
}
