// Renders a received value inside an error message: short, masked, and safe for any input (never calls a
// value's own toString, which hostile JSON can break).
import { maskPersonalData } from './mask.ts'

/** A short, safe rendering of a value for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (typeof value === 'string') {
    return JSON.stringify(maskPersonalData(value.length > 40 ? `${value.slice(0, 40)}…` : value).toWellFormed())
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}
