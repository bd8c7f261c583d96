// Replays an event file into a running Complaint Radar through POST /api/v1/events, batch by batch, and
// sums up what the server said. Overloaded answers (429/503) are retried after their Retry-After.
import { statSync } from 'node:fs'
import type { IngestResult, Rejection } from '../pipeline.ts'
import { batchesOf, type Batch } from './batches.ts'
import type { ReplayConfig } from './config.ts'

export interface ReplaySummary {
  accepted: number
  duplicates: number
  rejected: number
  /** The first rejections, with their row numbers in the file. */
  examples: Array<Rejection & { row: number }>
  rows: number
  seconds: number
}

export interface Progress {
  start(totalBytes: number): void
  advance(bytes: number, summary: ReplaySummary): void
  stop(): void
}

const MAX_EXAMPLES = 10
const MAX_RETRIES = 20

export async function replayFile(config: ReplayConfig, progress?: Progress): Promise<ReplaySummary> {
  const started = Date.now()
  const summary: ReplaySummary = { accepted: 0, duplicates: 0, rejected: 0, examples: [], rows: 0, seconds: 0 }
  progress?.start(statSync(config.file).size)
  try {
    for await (const batch of batchesOf(config.file, config.batchSize)) {
      const result = await post(config, batch)
      summary.accepted += result.accepted
      summary.duplicates += result.duplicates
      summary.rejected += result.rejected.length
      for (const r of result.rejected.slice(0, MAX_EXAMPLES - summary.examples.length)) summary.examples.push({ ...r, row: summary.rows + r.index + 1 })
      summary.rows += batch.rows
      progress?.advance(batch.bytes, summary)
    }
  } finally {
    progress?.stop()
  }
  summary.seconds = (Date.now() - started) / 1000
  return summary
}

async function post(config: ReplayConfig, batch: Batch): Promise<IngestResult> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${config.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.token}`, 'content-type': batch.contentType },
      body: batch.body,
    })
    if ((res.status === 429 || res.status === 503) && attempt < MAX_RETRIES) {
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)))
      continue
    }
    const body = (await res.json()) as IngestResult & { message?: string }
    if (!res.ok) throw new Error(`the server answered ${res.status}: ${body.message ?? res.statusText}`)
    return body
  }
}
