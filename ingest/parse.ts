// Decodes an ingest body into candidate events (SPEC §4.1): a JSON array, NDJSON or an Arrow IPC stream.
// A body that cannot be decoded at all is a BodyError (HTTP 400, with where it broke); in NDJSON a single
// broken line is only that row's problem, so the valid lines around it still land.
import { tableFromIPC } from 'apache-arrow'

export const MEDIA_TYPES = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  arrow: 'application/vnd.apache.arrow.stream',
} as const
export type BodyFormat = keyof typeof MEDIA_TYPES

/** One candidate row: its decoded value, or why its text could not be decoded. `raw` goes to quarantine. */
export interface Candidate {
  value?: unknown
  raw: string
  parseError?: string
}

export class BodyError extends Error {
  override name = 'BodyError'
}

export function formatOf(contentType: string | undefined): BodyFormat | undefined {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase()
  return (Object.keys(MEDIA_TYPES) as BodyFormat[]).find((f) => MEDIA_TYPES[f] === media)
}

export function decodeBody(format: BodyFormat, body: Buffer): Candidate[] {
  if (format === 'arrow') return decodeArrow(body)
  const text = body.toString('utf8')
  return format === 'json' ? decodeJsonArray(text) : decodeNdjson(text)
}

function decodeJsonArray(text: string): Candidate[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    throw new BodyError(`body is not valid JSON: ${jsonErrorWhere(err, text)}`)
  }
  // A lone object is a batch of one: webhook senders often post events one at a time.
  const items = Array.isArray(parsed) ? parsed : typeof parsed === 'object' && parsed !== null ? [parsed] : undefined
  if (!items) throw new BodyError('body must be a JSON array of events')
  return items.map((value) => ({ value, raw: safeStringify(value) }))
}

function decodeNdjson(text: string): Candidate[] {
  const lines = text.split('\n')
  if (lines.at(-1)?.trim() === '') lines.pop()
  return lines.map((line, i) => {
    try {
      return { value: JSON.parse(line), raw: line }
    } catch (err) {
      return { raw: line, parseError: `line ${i + 1} is not valid JSON: ${jsonErrorWhere(err, line)}` }
    }
  })
}

function decodeArrow(body: Buffer): Candidate[] {
  let rows: Array<Record<string, unknown>>
  try {
    rows = tableFromIPC(body)
      .toArray()
      .map((r: { toJSON(): Record<string, unknown> }) => r.toJSON())
  } catch (err) {
    throw new BodyError(`body is not a valid Arrow IPC stream: ${(err as Error).message}`)
  }
  return rows.map((row) => {
    const value = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null).map(([k, v]) => [k, plain(v)]))
    return { value, raw: safeStringify(value) }
  })
}

/** Arrow int64 columns decode as BigInt; keep them exact where they fit, so the validator judges the value. */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : String(v)
  if (v instanceof Date) return v.getTime()
  return v
}

/** "line 3, column 14" from V8's "… at position 57" message. */
function jsonErrorWhere(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err)
  const pos = /position (\d+)/.exec(message)
  if (!pos) return message.includes('Unexpected end') ? `it ends early (line ${lineCol(text, text.length)})` : message
  return `${message.replace(/ in JSON at position \d+.*$/, '').slice(0, 120)} at ${lineCol(text, Number(pos[1]))}`
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? String(value)
  } catch {
    // Only a value nested past the stack's depth gets here, and String() would recurse just as deep.
    return '(too deeply nested to keep)'
  }
}
