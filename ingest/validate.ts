// Row-by-row validation of incoming events (SPEC §4.1–4.2). Each invalid row gets a reason a person can act
// on: the field, what was wrong and what was expected. Valid rows come out as `events` table rows, with
// personal data masked and strings made well-formed.
import { z } from 'zod'
import {
  ACTORS,
  AGENT_STATUSES,
  CATEGORIES,
  CHANNELS,
  EVENT_TYPES,
  PRIORITIES,
  SEGMENTS,
  SERVICES,
  type EventRow,
  type EventType,
} from './events.ts'
import { KEYWORDS_KEY, keywordsOf } from './keywords/segment.ts'
import { maskPersonalData } from './mask.ts'
import { describe } from './describe.ts'
import { isoOrNumber, parseTimestamp } from './timestamp.ts'

/** How far ahead of the server clock an event may be (SPEC §4.1). */
export const MAX_FUTURE_MS = 5 * 60_000
const MAX_ID = 128
const MAX_TEXT = 10_000

// No control characters in identifiers: they end up in URLs, logs and alert subjects.
/** Zod error callback: "is required" for a missing field, otherwise what was expected and what came. */
const expected = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'is required' : `must be ${what} (got ${describe(issue.input)})`

const id = z
  .string({ error: expected('a string') })
  .min(1, 'must not be empty')
  .max(MAX_ID, `must be at most ${MAX_ID} characters`)
  .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters')
const optionalId = id.optional()
const freeText = z.string({ error: expected('a string') }).max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`)
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: expected(`one of ${values.join(', ')}`) })
const ticket = { ticket_id: id }

const bodies = {
  'order.created': z.object({ order_id: id, zone: id, service: oneOf(SERVICES).optional() }),
  'orders.count': z.object({
    zone: id,
    count: z
      .number({ error: expected('a whole number ≥ 0') })
      .int('must be a whole number')
      .min(0, 'must be ≥ 0')
      .max(10_000_000, 'is implausibly large for one zone-minute (max 10,000,000)'),
  }),
  'ticket.created': z.object({
    ...ticket,
    zone: id,
    channel: oneOf(CHANNELS),
    category: oneOf(CATEGORIES),
    priority: oneOf(PRIORITIES).default('normal'),
    segment: oneOf(SEGMENTS).default('regular'),
    order_id: optionalId,
    text: freeText.optional(),
  }),
  'ticket.responded': z.object({ ...ticket, responder: oneOf(ACTORS), agent_id: optionalId }),
  'ticket.transferred': z.object({ ...ticket, agent_id: optionalId, to_team: optionalId }),
  'ticket.escalated': z.object({ ...ticket, reason: freeText.optional() }),
  'ticket.resolved': z.object({
    ...ticket,
    resolved_by: oneOf(ACTORS),
    agent_id: optionalId,
    compensation_cny: z
      .number({ error: expected('a number ≥ 0') })
      .min(0, 'must be ≥ 0')
      .max(10_000_000, 'is implausibly large (max 10,000,000)')
      .optional(),
  }),
  'ticket.reopened': z.object(ticket),
  'ticket.rated': z.object({
    ...ticket,
    csat: z
      .number({ error: expected('a whole number from 1 to 5') })
      .int('must be a whole number from 1 to 5')
      .min(1, 'must be from 1 to 5')
      .max(5, 'must be from 1 to 5'),
  }),
  'ticket.followed_up': z.object(ticket),
  'agent.status': z.object({ agent_id: id, status: oneOf(AGENT_STATUSES), region: optionalId }),
} satisfies Record<EventType, z.ZodType>

export type Validation = { ok: true; row: EventRow } | { ok: false; event_id: string; error: string }

/** Validates one decoded event against SPEC §4.2; `now` is the server clock in epoch ms. */
export function validateEvent(input: unknown, now: number): Validation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, event_id: '', error: `event must be a JSON object (got ${describe(input)})` }
  }
  const raw = input as Record<string, unknown>
  const event_id = typeof raw.event_id === 'string' ? raw.event_id : ''
  const fail = (error: string): Validation => ({ ok: false, event_id, error })

  const eid = id.safeParse(raw.event_id)
  if (!eid.success) return fail(`event_id: ${firstMessage(eid.error)}`)
  if (!EVENT_TYPES.includes(raw.type as EventType)) {
    return fail(`type: ${raw.type === undefined ? 'is required' : `unknown event type ${describe(raw.type)}`}; expected one of ${EVENT_TYPES.join(', ')}`)
  }
  const type = raw.type as EventType
  const ts = parseTimestamp(raw.ts)
  if (!ts.ok) return fail(`ts: ${ts.error}`)
  if (ts.ms > now + MAX_FUTURE_MS) {
    return fail(`ts: ${isoOrNumber(ts.ms)} is more than 5 minutes ahead of the server clock`)
  }
  const body = bodies[type].safeParse(raw)
  if (!body.success) {
    const issue = body.error.issues[0]
    return fail(`${issue?.path.join('.') || 'event'}: ${firstMessage(body.error)}`)
  }
  return { ok: true, row: toRow(eid.data, type, ts.ms, body.data as Record<string, unknown>) }
}

function toRow(event_id: string, type: EventType, ts: number, f: Record<string, unknown>): EventRow {
  const str = (k: string) => (typeof f[k] === 'string' ? (f[k] as string).toWellFormed() : '')
  // NUL and other control characters (except line breaks and tabs) carry no meaning in a complaint.
  const text = maskPersonalData((type === 'ticket.escalated' ? str('reason') : str('text')).replace(/[\p{Cc}--[\n\t]]/gv, ''))
  const created = type === 'ticket.created'
  return {
    event_id: event_id.toWellFormed(),
    type,
    ts,
    ticket_id: str('ticket_id'),
    order_id: str('order_id'),
    zone: str('zone'),
    agent_id: str('agent_id'),
    channel: str('channel'),
    category: str('category'),
    priority: str('priority'),
    segment: str('segment'),
    service: str('service'),
    actor: str('responder') || str('resolved_by'),
    status: str('status'),
    region: str('region'),
    to_team: str('to_team'),
    count: typeof f.count === 'number' ? f.count : 0,
    csat: typeof f.csat === 'number' ? f.csat : 0,
    compensation_cny: typeof f.compensation_cny === 'number' ? f.compensation_cny : 0,
    text,
    // segmented once here, so that a keyword read counts stored words instead of segmenting every text again
    words: created ? [...keywordsOf(text)] : [],
    words_key: created ? KEYWORDS_KEY : '',
    ticket_created_at: 0,
    ticket_zone: '',
  }
}

function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'is invalid'
}
