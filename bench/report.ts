// Small helpers shared by benchmark parts: percentiles, number formatting and a plain-text table, so every
// part prints its figures the same way.
import type { Check } from './child.ts'

/** Nearest-rank percentile (p in 0–100) of unsorted samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1] as number
}

/** 123456.7 → "123,457" */
export function int(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a'
}

export function ms(n: number): string {
  return Number.isFinite(n) ? `${n.toFixed(n < 100 ? 1 : 0)} ms` : 'n/a'
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`
}

/** Two columns, the labels padded to one width. */
export function table(title: string, rows: Array<[string, string]>): string {
  const width = Math.max(...rows.map(([label]) => label.length))
  return [title, ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n')
}

export function checkLines(checks: readonly Check[]): string {
  return checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`).join('\n')
}

/** A check that two figures are equal, with both in the detail. */
export function equalCheck(name: string, actual: number, expected: number): Check {
  return { name, ok: actual === expected, detail: `${int(actual)}${actual === expected ? '' : ` (expected ${int(expected)})`}` }
}

/** Wall time of an async step, in milliseconds, with its value. */
export async function timed<T>(step: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now()
  const value = await step()
  return { value, ms: performance.now() - start }
}

/**
 * Wall times of `reps` runs of an async step (`samples`), after `warmup` untimed ones (caches, first-run
 * planning, JIT compiles) whose times come back apart (`warmup`).
 */
export async function timings(reps: number, step: () => Promise<unknown>, opts: { warmup?: number } = {}): Promise<{ warmup: number[]; samples: number[] }> {
  const warmup: number[] = []
  for (let i = 0; i < (opts.warmup ?? 1); i++) warmup.push((await timed(step)).ms)
  const samples: number[] = []
  for (let i = 0; i < reps; i++) samples.push((await timed(step)).ms)
  return { warmup, samples }
}

/** "p50 12.3 ms, p95 20.1 ms" */
export function p50p95(samples: readonly number[]): string {
  return `p50 ${ms(percentile(samples, 50))}, p95 ${ms(percentile(samples, 95))}`
}

/** "target p95 < 150 ms: met" */
export function targetLine(what: string, ok: boolean): string {
  return `target ${what}: ${ok ? 'met' : 'NOT met'}`
}
