// Storage fault injection for tests of durability (issue 5): a switch in front of the real ClickHouse insert
// that makes writes fail, slow down or hang. Only reachable when FAULT_INJECTION=on; nothing about
// ClickHouse itself is imitated — the write path, the spool and the replay all run for real.

export const FAULT_MODES = ['none', 'fail', 'slow', 'hang'] as const
export type FaultMode = (typeof FAULT_MODES)[number]

/** How long a write takes in `slow` mode. */
const SLOW_MS = 2_000

export class StorageFaults {
  #mode: FaultMode = 'none'
  #released: Array<() => void> = []

  get mode(): FaultMode {
    return this.#mode
  }

  set(mode: FaultMode): void {
    this.#mode = mode
    // Hung writes go on (and reach ClickHouse) once the hang is lifted, like a stalled server recovering.
    if (mode !== 'hang') for (const release of this.#released.splice(0)) release()
  }

  /** Called just before each insert into ClickHouse. */
  async beforeInsert(): Promise<void> {
    if (this.#mode === 'fail') throw new Error('injected storage failure')
    if (this.#mode === 'slow') await new Promise((r) => setTimeout(r, SLOW_MS))
    if (this.#mode === 'hang') await new Promise<void>((r) => this.#released.push(r))
  }
}
