import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { namedQuery } from '../../../sql/queries.ts'

const sqlDir = join(import.meta.dirname, '../../../sql')
const names = (dir: string) => readdirSync(join(sqlDir, dir)).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, ''))
const fragment = (name: string) => readFileSync(join(sqlDir, 'fragments', `${name}.sql`), 'utf8').trimEnd()

describe('named queries', () => {
  it('write every included fragment out in place, fragments inside fragments too', () => {
    const text = namedQuery('kpi_tickets')
    expect(text).not.toMatch(/-- include:/)
    // ticket_parts_in_window includes ticket_kpi_parts: both bodies end up in the KPI query
    const outer = fragment('ticket_parts_in_window').split('-- include: ticket_kpi_parts')
    expect(outer).toHaveLength(2)
    for (const piece of [...outer, fragment('ticket_kpi_parts')]) expect(text).toContain(piece.trim())
  })

  it('leave no include unresolved in any query, and every fragment is used by one', () => {
    const texts = names('queries').map((name) => namedQuery(name))
    for (const text of texts) expect(text).not.toMatch(/-- include:/)
    for (const name of names('fragments')) {
      const raw = names('queries').some((q) => readFileSync(join(sqlDir, 'queries', `${q}.sql`), 'utf8').includes(`-- include: ${name}`))
      const nested = names('fragments').some((f) => f !== name && fragment(f).includes(`-- include: ${name}`))
      expect(raw || nested, `sql/fragments/${name}.sql is included nowhere`).toBe(true)
    }
  })
})
