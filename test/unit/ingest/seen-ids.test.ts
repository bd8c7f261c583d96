import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SeenIds } from '../../../ingest/seen-ids.ts'

describe('SeenIds', () => {
  it('never forgets an id it was given (no false "new", which would double-count)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }), { maxLength: 200 }), (ids) => {
        const seen = new SeenIds()
        for (const id of ids) seen.add(id)
        expect(ids.every((id) => seen.mayHave(id))).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  it('says "maybe" to under 1 % of 100,000 new ids after 200,000 stored', () => {
    const seen = new SeenIds()
    for (let i = 0; i < 200_000; i++) seen.add(`evt-${i}`)
    let maybe = 0
    for (let i = 0; i < 100_000; i++) if (seen.mayHave(`other-${i}`)) maybe++
    expect(maybe / 100_000).toBeLessThan(0.01)
  })
})
