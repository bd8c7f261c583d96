// The benchmark parts `npm run bench` knows. Each runs in a child process of its own (chDB allows one engine
// per process) and reports a PartResult; a part prints its own figures. To add a part: write bench/<name>.ts
// that ends with reportResult<PartResult>(…) inside childMain(…), and list it here.
import { CLIENTS_OPTIONS, flagSummary, PUSH_OPTIONS, QUERIES_OPTIONS } from './config.ts'

export interface Part {
  name: string
  /** Module beside this file, run under tsx. */
  file: string
  summary: string
}

/** What a part hands back to bench/main.ts. */
export interface PartResult {
  part: string
  /** Correctness checks that failed; a missed performance target is not a failure. */
  failed: number
}

export const PARTS: readonly Part[] = [
  {
    name: 'ingest',
    file: './ingest.ts',
    summary: 'events/s through POST /api/v1/events against the raw chDB INSERT ceiling',
  },
  {
    name: 'push',
    file: './push.ts',
    summary: `ack of POST /api/v1/events → first WebSocket KPI frame showing it, under background load (${flagSummary(PUSH_OPTIONS)})`,
  },
  {
    name: 'queries',
    file: './queries.ts',
    summary: `computeKpis / heatmapJson latency over a history built in ClickHouse (${flagSummary(QUERIES_OPTIONS)})`,
  },
  {
    name: 'clients',
    file: './clients.ts',
    summary: `server CPU and RSS with many live WebSocket dashboards (${flagSummary(CLIENTS_OPTIONS)})`,
  },
  {
    name: 'dashboard',
    file: './dashboard.ts',
    summary: 'bundle size, time to first KPI on /wall, wall JS heap over a long live run (--loads=10, --wall-minutes=30, --wall-rate=10)',
  },
]
