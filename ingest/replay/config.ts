// Settings of the replay command (`npm run ingest -- <file>`): flags first, then the environment.
import { parseArgs } from 'node:util'
import { GROUP_MAX_ROWS } from '../writer.ts'

export interface ReplayConfig {
  file: string
  url: string
  token: string
  batchSize: number
}

const HELP = `usage: npm run ingest -- <file.ndjson|.json|.arrow> [--url http://127.0.0.1:8080] [--token T] [--batch ${GROUP_MAX_ROWS}]
  --token defaults to RADAR_TOKEN (a token of role ingest or admin); --url to RADAR_URL.`

export function loadReplayConfig(argv: string[], env: Record<string, string | undefined> = process.env): ReplayConfig {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { url: { type: 'string' }, token: { type: 'string' }, batch: { type: 'string' } },
  })
  const file = positionals[0]
  const token = values.token ?? env.RADAR_TOKEN
  const batchSize = Number(values.batch ?? GROUP_MAX_ROWS)
  if (!file) throw new Error(`no file given\n${HELP}`)
  if (!token) throw new Error(`no token: pass --token or set RADAR_TOKEN\n${HELP}`)
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) throw new Error(`--batch must be a whole number from 1 to 100000\n${HELP}`)
  return { file, url: (values.url ?? env.RADAR_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, ''), token, batchSize }
}
