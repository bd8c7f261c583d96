// Zone files and uploads (SPEC §4.3): a JSON array of {id, name, city, region}, or CSV with the header
// id,name,city,region. Errors name the row and the field.
import { parse as parseCsv } from 'csv-parse/sync'
import { z } from 'zod'
import type { Zone } from './registry.ts'

const text = (field: string) =>
  z
    .string({ error: (i) => (i.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(128, `${field} must be at most 128 characters`)

const zoneSchema = z.object({ id: text('id'), name: text('name'), city: text('city'), region: text('region') })

export class ZoneDataError extends Error {
  override name = 'ZoneDataError'
}

export function validateZones(input: unknown): Zone[] {
  if (!Array.isArray(input)) throw new ZoneDataError('zones must be an array of {id, name, city, region}')
  if (input.length === 0) throw new ZoneDataError('zones must not be empty')
  const seen = new Set<string>()
  return input.map((row, i) => {
    const parsed = zoneSchema.safeParse(row)
    if (!parsed.success) throw new ZoneDataError(`zone ${i}: ${parsed.error.issues[0]?.message ?? 'is invalid'}`)
    if (seen.has(parsed.data.id)) throw new ZoneDataError(`zone ${i}: id ${JSON.stringify(parsed.data.id)} appears twice`)
    seen.add(parsed.data.id)
    return parsed.data
  })
}

/** Reads a ZONES_FILE's text; `name` decides between CSV (.csv) and JSON. */
export function parseZonesFile(content: string, name: string): Zone[] {
  if (name.toLowerCase().endsWith('.csv')) {
    let rows: unknown[]
    try {
      rows = parseCsv(content, { columns: true, skip_empty_lines: true, trim: true, bom: true })
    } catch (err) {
      throw new ZoneDataError(`${name}: not valid CSV with the header id,name,city,region (${(err as Error).message})`)
    }
    return validateZones(rows)
  }
  let json: unknown
  try {
    json = JSON.parse(content)
  } catch (err) {
    throw new ZoneDataError(`${name}: not valid JSON (${(err as Error).message})`)
  }
  return validateZones(json)
}
