// validateEvent never throws and always either yields a storable row or names a field (property tests),
// and its rows carry what SPEC §4.2 asks.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EVENT_TYPES } from '../../../ingest/events.ts'
import { KEYWORDS_KEY, SEGMENTED_CHARS } from '../../../ingest/keywords/segment.ts'
import { validateEvent } from '../../../ingest/validate.ts'

const now = Date.UTC(2026, 10, 25, 8)

describe('validateEvent', () => {
  it('answers any JSON value with a row or a reason naming a field, never an exception', () => {
    const event = fc.record(
      {
        event_id: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
        type: fc.oneof(fc.constantFrom(...EVENT_TYPES), fc.string()),
        ts: fc.oneof(fc.integer(), fc.string(), fc.double(), fc.constant(now)),
        ticket_id: fc.oneof(fc.string(), fc.anything()),
        zone: fc.oneof(fc.string(), fc.anything()),
        channel: fc.oneof(fc.constantFrom('app', 'phone'), fc.anything()),
        category: fc.oneof(fc.constantFrom('delay', 'fee'), fc.anything()),
        count: fc.oneof(fc.integer(), fc.double(), fc.anything()),
        csat: fc.oneof(fc.integer({ min: -2, max: 8 }), fc.anything()),
        text: fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant('\ud800\u0000'), fc.anything()),
        ['__proto__']: fc.anything(),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(fc.oneof(event, fc.anything()), (input) => {
        const v = validateEvent(input, now)
        if (v.ok) {
          expect(v.row.event_id.length).toBeGreaterThan(0)
          expect(v.row.text.isWellFormed()).toBe(true)
        } else expect(v.error).toMatch(/^[a-z_.]+: |^event must be/)
      }),
      { numRuns: 5000 },
    )
  })

  it('fills the defaults of SPEC §4.2 and keeps valid fields', () => {
    const v = validateEvent({ event_id: 'e1', type: 'ticket.created', ts: '2026-11-25T08:00:00+08:00', ticket_id: 't', zone: 'z', channel: 'app', category: 'fee', text: 'a\u0000b\ud800' }, now)
    expect(v).toMatchObject({ ok: true, row: { priority: 'normal', segment: 'regular', ts: Date.UTC(2026, 10, 25, 0), text: 'ab\ufffd' } })
  })

  it('stores a new ticket with the keywords of its masked text, named by the segmenter key', () => {
    const created = validateEvent({ event_id: 'e2', type: 'ticket.created', ts: now, ticket_id: 't', zone: 'z', channel: 'app', category: 'damage', text: '生鲜包装破损，电话13812345678' }, now)
    expect(created).toMatchObject({ ok: true, row: { words: ['生鲜', '包装破损'], words_key: KEYWORDS_KEY } })
    // an escalation's reason is text too, but only complaints are counted as keywords
    const escalated = validateEvent({ event_id: 'e3', type: 'ticket.escalated', ts: now, ticket_id: 't', reason: '包装破损要求赔偿', to_team: 'legal' }, now)
    expect(escalated).toMatchObject({ ok: true, row: { words: [], words_key: '' } })
  })

  it('takes the keywords of a long text from its first characters only', () => {
    const long = `${'生鲜'.padEnd(SEGMENTED_CHARS - 1, '。')}包装破损`
    const v = validateEvent({ event_id: 'e4', type: 'ticket.created', ts: now, ticket_id: 't', zone: 'z', channel: 'app', category: 'damage', text: long }, now)
    expect(v).toMatchObject({ ok: true, row: { text: long, words: ['生鲜'] } })
  })

  it('accepts a ts up to 5 minutes ahead of the clock and not beyond', () => {
    const e = (ts: number) => ({ event_id: 'x', type: 'ticket.reopened', ts, ticket_id: 't' })
    expect(validateEvent(e(now + 5 * 60_000), now).ok).toBe(true)
    expect(validateEvent(e(now + 5 * 60_000 + 1), now).ok).toBe(false)
  })
})
