// The frames of GET /api/v1/live. Each is serialized once per scope and the same string goes to every
// subscriber of that scope.
import type { Alert } from '../alerts/types.ts'
import type { Scope } from '../kpi/scope.ts'
import { inScope } from '../kpi/scope.ts'

export type Frame =
  | { type: 'snapshot'; at: string; scope: Scope['json']; panels: Record<string, unknown>; alerts: unknown[] }
  | { type: 'panel'; at: string; scope: Scope['json']; name: string; data: unknown }
  | { type: 'alerts'; at: string; scope: Scope['json']; changed: unknown[] }
  | { type: 'heartbeat'; at: string }
  | { type: 'error'; at: string; message: string }

/** Whether an alert belongs on a dashboard showing `scope`. */
export function alertInScope(alert: Alert, scope: Scope): boolean {
  if (scope.json.level === 'platform') return true
  if (alert.zone) return inScope(scope, alert.zone)
  return alert.region !== '' && (scope.agentRegions?.includes(alert.region) ?? false)
}

/** A stable key for a scope: subscribers with equal keys share every frame. */
export function scopeKey(scope: Scope): string {
  return JSON.stringify(scope.json)
}
