// The benchmark parts `npm run bench` knows. Each runs in a child process of its own (chDB allows one engine
// per process) and reports a PartResult; a part prints its own figures. To add a part: write bench/<name>.ts
// that ends with reportResult<PartResult>(…) inside childMain(…), and list it here.

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
]
