// Compares API KPI values with independently computed ones: strings and nulls exactly, numbers to a
// relative 1e-9 (ClickHouse and JavaScript may sum floats in another order).
import { expect } from 'vitest'

export function expectSameKpis(actual: Record<string, unknown>, expected: Record<string, number | string | null>, label: string): void {
  for (const [k, e] of Object.entries(expected)) {
    const a = actual[k]
    if (typeof e === 'string') expect(a, `${label}: ${k}`).toBe(e)
    else if (e === null) expect(a, `${label}: ${k}`).toBeNull()
    else expect(Math.abs((a as number) - e), `${label}: ${k} = ${String(a)}, expected ${e}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(e)))
  }
}
