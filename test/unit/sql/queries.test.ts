import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { namedQuery } from '../../../sql/queries.ts'

const sqlDir = join(import.meta.dirname, '../../../sql')
const names = (dir: string) => readdirSync(join(sqlDir, dir)).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, ''))
const fragment = (name: string) => readFileSync(join(sqlDir, 'fragments', `${name}.sql`), 'utf8').trimEnd()
const serverDir = join(import.meta.dirname, '../../../server/src')
/** The server's TypeScript, where a fragment included in place of another (runQuery's `swap`) is named. */
const serverSources = (readdirSync(serverDir, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(join(serverDir, f), 'utf8'))

describe('named queries', () => {
  it('write every included fragment out in place, fragments inside fragments too', () => {
    const text = namedQuery('kpi_tickets')
    expect(text).not.toMatch(/-- include:/)
    // ticket_parts_in_window includes ticket_parts_stored_and_computed, which includes the other two
    const nested = ['ticket_parts_in_window', 'ticket_parts_stored_and_computed']
    for (const name of nested) {
      const pieces = fragment(name).split(/^-- include: .*$|^ +-- include: .*$/m)
      expect(pieces.length, name).toBeGreaterThan(1)
      for (const piece of pieces) expect(text).toContain(piece.trim())
    }
    for (const name of ['ticket_parts_stored', 'ticket_kpi_parts']) expect(text).toContain(fragment(name))
  })

  it('include another fragment in place of one when asked to, and only for that text', () => {
    const stored = namedQuery('kpi_tickets', { ticket_parts_stored_and_computed: 'ticket_parts_stored' })
    expect(stored).toContain(fragment('ticket_parts_stored'))
    expect(stored).not.toContain(fragment('ticket_kpi_parts'))
    expect(namedQuery('kpi_tickets')).toContain(fragment('ticket_kpi_parts'))
  })

  it('leave no include unresolved in any query, and every fragment is used by one or swapped in by the server', () => {
    const texts = names('queries').map((name) => namedQuery(name))
    for (const text of texts) expect(text).not.toMatch(/-- include:/)
    for (const name of names('fragments')) {
      const raw = names('queries').some((q) => readFileSync(join(sqlDir, 'queries', `${q}.sql`), 'utf8').includes(`-- include: ${name}`))
      const nested = names('fragments').some((f) => f !== name && fragment(f).includes(`-- include: ${name}`))
      const swapped = serverSources.some((src) => src.includes(`: '${name}'`))
      expect(raw || nested || swapped, `sql/fragments/${name}.sql is included nowhere`).toBe(true)
    }
  })
})
