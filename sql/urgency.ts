// Statements sent on behalf of what a wall is waiting for (a live KPI pass, a newcomer's first KPIs) are
// marked urgent, so that the embedded engine, which runs parameterized statements one per session
// (sql/chdb-pool.ts), takes them before a sparkline series or a keyword pass waiting for a session. A server
// runs statements side by side and needs no such order.
import { AsyncLocalStorage } from 'node:async_hooks'

const urgency = new AsyncLocalStorage<true>()

/** Runs `work` with every statement it sends, however deep, marked urgent. */
export function urgently<T>(work: () => Promise<T>): Promise<T> {
  return urgency.run(true, work)
}

export function isUrgent(): boolean {
  return urgency.getStore() === true
}
