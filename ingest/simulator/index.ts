// Public surface of the simulator: a deterministic generator of realistic events, the runner that backfills
// and then streams them into the ingest, and the default zones. "seed 000"…"seed 004" in the comments of
// this folder are the domain documents in shared/seeds/ (000_*.txt …), where the defaults come from.

export { generateEvents, DEFAULT_SEED, type GenerateOptions } from './generate.ts'
export { runSimulator, type SimulatorOptions } from './run.ts'
export { loadDefaultZones, type Zone } from './zones.ts'
export { hotEpisodes, type HotEpisode } from './world.ts'
