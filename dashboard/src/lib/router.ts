// A tiny client router over the history API. The server answers every one of these paths with index.html
// (server/src/routes/dashboard.ts, keep its CLIENT_ROUTES in step); `route` is the parsed current location
// and App.svelte picks the view. Views link with `navigate(path)` or the `link` action on an <a>.
import { writable } from 'svelte/store'

export type Route =
  | { name: 'wall' }
  | { name: 'region'; region?: string; city?: string; zone?: string }
  | { name: 'weekly' }
  | { name: 'signin'; next: string }

export const HOME = '/wall'

/** The route of a path and query, or undefined for a path the dashboard does not know. */
export function parseRoute(pathname: string, search = ''): Route | undefined {
  const parts = decodeParts(pathname)
  if (!parts) return undefined
  const [head, ...rest] = parts
  if (head === 'wall' && rest.length === 0) return { name: 'wall' }
  if (head === 'weekly' && rest.length === 0) return { name: 'weekly' }
  if (head === 'signin' && rest.length === 0) return { name: 'signin', next: safeNext(new URLSearchParams(search).get('next')) }
  if (head === 'region' && rest.length <= 3) {
    const [region, city, zone] = rest
    return { name: 'region', ...(region && { region }), ...(city && { city }), ...(zone && { zone }) }
  }
  return undefined
}

function decodeParts(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent)
  } catch {
    return undefined // a malformed %-escape
  }
}

/** The path of a route: the inverse of parseRoute. */
export function routePath(route: Route): string {
  switch (route.name) {
    case 'region':
      return ['/region', route.region, route.city, route.zone].filter((p) => p !== undefined).map((p, i) => (i === 0 ? p : encodeURIComponent(p))).join('/')
    case 'signin':
      return route.next === HOME ? '/signin' : `/signin?next=${encodeURIComponent(route.next)}`
    default:
      return `/${route.name}`
  }
}

/** Only a path on this site may follow sign-in: `next=https://evil.example` must not become a redirect. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && parseRoute(new URL(next, 'http://x').pathname) ? next : HOME
}

function current(): Route {
  return parseRoute(location.pathname, location.search) ?? { name: 'wall' }
}

export const route = writable<Route>({ name: 'wall' })

/** Goes to a path on this site without reloading; `replace` leaves no history entry behind. */
export function navigate(path: string, { replace = false } = {}): void {
  if (replace) history.replaceState(history.state, '', path)
  else history.pushState(null, '', path)
  route.set(current())
}

/** Reads the address bar once (unknown paths, and /, become /wall) and follows back and forward. */
export function startRouter(): void {
  if (!parseRoute(location.pathname)) history.replaceState(null, '', HOME + location.search)
  route.set(current())
  addEventListener('popstate', () => route.set(current()))
}

/** `<a href="/weekly" use:link>`: same-site links navigate in place; modified clicks open as usual. */
export function link(node: HTMLAnchorElement): { destroy(): void } {
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    if (node.origin !== location.origin) return
    event.preventDefault()
    navigate(node.pathname + node.search)
  }
  node.addEventListener('click', onClick)
  return { destroy: () => node.removeEventListener('click', onClick) }
}
