// One ingest batch, row by row (SPEC §4.1): validate each candidate, store the valid ones exactly once,
// quarantine the invalid ones with their reason. Shared by the HTTP route and anything else that ingests.
import type { EventRow } from './events.ts'
import { maskPersonalData } from './mask.ts'
import type { Candidate } from './parse.ts'
import { validateEvent } from './validate.ts'
import type { DurableIngest } from './durable.ts'
import type { RejectedRow } from './writer.ts'

export interface Rejection {
  index: number
  event_id: string
  error: string
}

export interface IngestResult {
  accepted: number
  duplicates: number
  rejected: Rejection[]
  /** The accepted rows are in the local spool and reach ClickHouse when it is back. */
  spooled: boolean
}

/** Longest raw text kept per quarantined row; enough to see what was sent without storing a flood. */
const MAX_RAW = 8_192

export async function ingestBatch(
  candidates: Candidate[],
  sink: Pick<DurableIngest, 'store' | 'quarantine'>,
  principal: string,
  now: number = Date.now(),
): Promise<IngestResult> {
  const rows: EventRow[] = []
  const rejected: Rejection[] = []
  const quarantined: RejectedRow[] = []
  candidates.forEach((c, index) => {
    const v = c.parseError === undefined ? validateEvent(c.value, now) : { ok: false as const, event_id: '', error: c.parseError }
    if (v.ok) rows.push(v.row)
    else {
      rejected.push({ index, event_id: v.event_id, error: v.error })
      const raw = maskPersonalData(c.raw.slice(0, MAX_RAW).toWellFormed())
      quarantined.push({ principal, row_index: index, event_id: v.event_id.slice(0, 128).toWellFormed(), error: v.error, raw })
    }
  })
  const stored = await sink.store(rows)
  if (quarantined.length > 0) await sink.quarantine(quarantined)
  return { accepted: stored.accepted, duplicates: stored.duplicates, rejected, spooled: stored.spooled }
}
