// Who is looking at a laptop view, and what they may do there (SPEC §8). The server enforces all of it;
// the page only avoids offering what would be refused (an acknowledge button to an executive, another
// region to a regional lead).
import { get } from 'svelte/store'
import { api } from './api.ts'
import { principal } from './session.ts'
import type { Principal } from './types.ts'

/** server/src/auth/principals.ts ACKNOWLEDGERS (that module needs Node, so it cannot be bundled here). */
const ACKNOWLEDGERS: ReadonlyArray<Principal['role']> = ['admin', 'ops', 'regional']

export function canAcknowledge(p: Principal | null): boolean {
  return p !== null && ACKNOWLEDGERS.includes(p.role)
}

/**
 * The signed-in principal. A page opened with a session cookie from an earlier visit has not signed in in
 * this tab, so the server is asked once. Without a session this is null, and the view's first data request
 * (whose 401 is not quiet) sends the browser to sign in (lib/api.ts).
 */
export async function whoAmI(): Promise<Principal | null> {
  const known = get(principal)
  if (known) return known
  try {
    const p = (await api.session()).principal
    principal.set(p)
    return p
  } catch {
    return null
  }
}
