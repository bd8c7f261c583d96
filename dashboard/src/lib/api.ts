// Typed calls of the read API (SPEC §7). Requests carry the session cookie; a 401 means the session is gone
// or was never there, so the browser goes to the sign-in page and comes back here afterwards. Errors are
// ApiError with the server's status and code (server/src/errors.ts).
import { navigate, routePath } from './router.ts'
import type { Alert, AlertRule, Breakdown, HeatmapBody, KeywordsBody, KpisBody, Principal, ScopeQuery, SeriesBody, Zone } from './types.ts'

export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** Query parameters; a list is sent as the parameter repeated (?by=a&by=b). */
type Query = Record<string, string | number | readonly string[] | undefined>

function url(path: string, query: Query = {}): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue
    for (const one of Array.isArray(v) ? v : [v]) q.append(k, String(one))
  }
  const s = q.toString()
  return s ? `${path}?${s}` : path
}

/** Sends one request; `quiet401` leaves the page alone on 401 (the session calls themselves). */
async function request<T>(method: string, path: string, { query, body, quiet401 = false }: { query?: Query; body?: unknown; quiet401?: boolean } = {}): Promise<T> {
  const res = await fetch(url(path, query), {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await res.json().catch(() => ({}))) as { code?: string; message?: string }
  if (res.ok) return json as T
  if (res.status === 401 && !quiet401 && location.pathname !== '/signin') toSignIn()
  throw new ApiError(res.status, json.code ?? '', json.message ?? res.statusText)
}

/** Sends the browser to sign in, to come back to where it is now. */
export function toSignIn(): void {
  navigate(routePath({ name: 'signin', next: location.pathname + location.search }), { replace: true })
}

type Window = { from?: string; to?: string }

export const api = {
  /** KPIs with the breakdowns `by` names (none for []; SPEC §7's channel and category when left out): each costs a read. */
  kpis: <B extends Breakdown = 'channel' | 'category'>(q: ScopeQuery & Window = {}, by?: readonly B[]) =>
    request<KpisBody<B>>('GET', '/api/v1/kpis', { query: { ...q, by: by && (by.length > 0 ? by : 'none') } }),
  kpiSeries: (q: ScopeQuery & Window & { interval?: 'hour' | 'day' } = {}) => request<SeriesBody>('GET', '/api/v1/kpis/series', { query: { ...q } }),
  alerts: (status: 'open' | 'all' = 'open', rule?: AlertRule) => request<{ alerts: Alert[] }>('GET', '/api/v1/alerts', { query: { status, rule } }),
  acknowledge: (id: string, note?: string) => request<{ alert: Alert }>('POST', `/api/v1/alerts/${encodeURIComponent(id)}/ack`, { body: note ? { note } : {} }),
  heatmap: (q: ScopeQuery & Window & { metric?: string; x?: string; y?: string } = {}) => request<HeatmapBody>('GET', '/api/v1/heatmap', { query: { ...q } }),
  keywords: (q: ScopeQuery & Window & { limit?: number } = {}) => request<KeywordsBody>('GET', '/api/v1/keywords', { query: { ...q } }),
  drilldown: <Row = Record<string, unknown>>(q: { level: 'region' | 'city' | 'zone'; parent?: string } & Window) =>
    request<{ rows: Row[] }>('GET', '/api/v1/drilldown', { query: { ...q } }),
  tickets: <Ticket = Record<string, unknown>>(q: { zone: string; limit?: number }) => request<{ tickets: Ticket[] }>('GET', '/api/v1/tickets', { query: { ...q } }),
  weekly: <Week = Record<string, unknown>>(q: ScopeQuery & { weeks?: number } = {}) => request<{ weeks: Week[] }>('GET', '/api/v1/trends/weekly', { query: { ...q } }),
  zones: () => request<{ zones: Zone[] }>('GET', '/api/v1/zones'),
  session: () => request<{ principal: Principal }>('GET', '/api/v1/session', { quiet401: true }),
  signIn: (credentials: { token: string } | { name: string; password: string }) =>
    request<{ principal: Principal }>('POST', '/api/v1/session', { body: credentials, quiet401: true }),
  signOut: () => request<{ signed_out: true }>('DELETE', '/api/v1/session', { quiet401: true }),
}
