// Who is signed in, and the two ways in (SPEC §8, issue 4): a wall display is provisioned once with
// ?token=<token> in its address, which is exchanged for the httpOnly session cookie and then removed from
// the address bar (it would otherwise sit in history and on screenshots); people sign in on /signin.
import { writable } from 'svelte/store'
import { api, ApiError } from './api.ts'
import type { MessageKey } from './i18n.ts'
import type { Principal } from './types.ts'

export const principal = writable<Principal | null>(null)
/** Why the sign-in page was shown, when it was not simply a missing session. */
export const signInNotice = writable<MessageKey | null>(null)

/** Removes ?token= from the address bar and returns it. */
export function takeLinkToken(): string | null {
  const url = new URL(location.href)
  const token = url.searchParams.get('token')
  if (token === null) return null
  url.searchParams.delete('token')
  history.replaceState(history.state, '', url.pathname + url.search + url.hash)
  return token
}

/** Signs in; the message key of what went wrong, or null on success. */
export async function signIn(credentials: { token: string } | { name: string; password: string }): Promise<MessageKey | null> {
  try {
    principal.set((await api.signIn(credentials)).principal)
    return null
  } catch (err) {
    if (!(err instanceof ApiError)) return 'signin.failed'
    if (err.status === 429) return 'signin.too_many'
    return err.status === 401 || err.status === 400 ? 'signin.invalid' : 'signin.failed'
  }
}

/** Exchanges a link's token for a session; false when the token was not accepted. */
export async function provision(token: string): Promise<boolean> {
  const problem = await signIn({ token })
  if (problem === 'signin.invalid') signInNotice.set('signin.link_invalid')
  else if (problem) signInNotice.set(problem)
  return problem === null
}
