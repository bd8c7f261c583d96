// `npm run ingest -- <file>`: replays a file of events into a running server with a progress bar.
import { SingleBar, Presets } from 'cli-progress'
import { loadReplayConfig } from './config.ts'
import { replayFile, type Progress } from './replay.ts'

function progressBar(): Progress {
  const bar = new SingleBar(
    { format: '{bar} {percentage}% | {rows} rows | accepted {accepted} · duplicates {duplicates} · rejected {rejected}', hideCursor: true },
    Presets.shades_classic,
  )
  return {
    start: (total) => bar.start(total, 0, { rows: 0, accepted: 0, duplicates: 0, rejected: 0 }),
    advance: (bytes, s) => bar.increment(bytes, { rows: s.rows, accepted: s.accepted, duplicates: s.duplicates, rejected: s.rejected }),
    stop: () => bar.stop(),
  }
}

async function main(): Promise<void> {
  const config = loadReplayConfig(process.argv.slice(2))
  const s = await replayFile(config, progressBar())
  console.log(`\n${config.file}: ${s.rows} rows in ${s.seconds.toFixed(1)} s (${Math.round(s.rows / Math.max(s.seconds, 0.001))} rows/s)`)
  console.log(`  accepted ${s.accepted}, duplicates ${s.duplicates}, rejected ${s.rejected}`)
  for (const e of s.examples) console.log(`  row ${e.row}${e.event_id ? ` (${e.event_id})` : ''}: ${e.error}`)
  if (s.rejected > s.examples.length) console.log(`  … and ${s.rejected - s.examples.length} more; see GET /api/v1/rejected`)
  process.exitCode = s.rejected > 0 ? 2 : 0
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
