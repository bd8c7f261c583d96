// Splits a file into ingest request bodies without changing its format: NDJSON by lines (streamed, so a
// large file never sits in memory whole), a JSON array by elements, an Arrow stream by record slices.
import { createReadStream, readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { tableFromIPC, tableToIPC } from 'apache-arrow'
import { MEDIA_TYPES, type BodyFormat } from '../parse.ts'

export interface Batch {
  contentType: string
  body: string | Uint8Array
  rows: number
  /** Bytes of the file this batch covers, for the progress bar. */
  bytes: number
}

export function formatOfFile(file: string): BodyFormat {
  if (/\.(ndjson|jsonl)$/i.test(file)) return 'ndjson'
  if (/\.json$/i.test(file)) return 'json'
  if (/\.(arrow|arrows)$/i.test(file)) return 'arrow'
  throw new Error(`${file}: unknown file type; use .ndjson, .jsonl, .json or .arrow`)
}

export async function* batchesOf(file: string, size: number): AsyncGenerator<Batch> {
  const format = formatOfFile(file)
  if (format === 'ndjson') yield* ndjsonBatches(file, size)
  else if (format === 'json') yield* jsonBatches(file, size)
  else yield* arrowBatches(file, size)
}

async function* ndjsonBatches(file: string, size: number): AsyncGenerator<Batch> {
  let lines: string[] = []
  let bytes = 0
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    bytes += Buffer.byteLength(line) + 1
    if (line.trim() === '') continue
    lines.push(line)
    if (lines.length === size) {
      yield { contentType: MEDIA_TYPES.ndjson, body: lines.join('\n'), rows: lines.length, bytes }
      lines = []
      bytes = 0
    }
  }
  if (lines.length > 0) yield { contentType: MEDIA_TYPES.ndjson, body: lines.join('\n'), rows: lines.length, bytes }
}

function* jsonBatches(file: string, size: number): Generator<Batch> {
  const text = readFileSync(file, 'utf8')
  const items: unknown = JSON.parse(text)
  if (!Array.isArray(items)) throw new Error(`${file}: a .json file must hold an array of events`)
  const perItem = text.length / Math.max(1, items.length)
  for (let i = 0; i < items.length; i += size) {
    const slice = items.slice(i, i + size)
    yield { contentType: MEDIA_TYPES.json, body: JSON.stringify(slice), rows: slice.length, bytes: Math.round(perItem * slice.length) }
  }
}

function* arrowBatches(file: string, size: number): Generator<Batch> {
  const buffer = readFileSync(file)
  const table = tableFromIPC(buffer)
  const perRow = buffer.length / Math.max(1, table.numRows)
  for (let i = 0; i < table.numRows; i += size) {
    const slice = table.slice(i, i + size)
    yield { contentType: MEDIA_TYPES.arrow, body: tableToIPC(slice, 'stream'), rows: slice.numRows, bytes: Math.round(perRow * slice.numRows) }
  }
}
