// `npm run bench [-- <part …>] [--flag value …]`: prints the machine, then runs each named part (all of them
// when none is named) in a child process of its own, one after another so they never compete for the CPU.
// Exits 1 when a part's correctness check failed or a part crashed, 2 on a usage error; a missed
// performance target is reported but is not a failure.
import { runChild } from './child.ts'
import { collectMachine, formatMachine } from './machine.ts'
import { INGEST_OPTIONS, intOption, optionHelp, OptionError, parseFlags } from './config.ts'
import { PARTS, type Part, type PartResult } from './parts.ts'

const USAGE = `usage: npm run bench [-- <part …>] [--flag value …]

parts (default: all):
${PARTS.map((p) => `  ${p.name.padEnd(10)} ${p.summary}`).join('\n')}

ingest flags (or environment):
${optionHelp(INGEST_OPTIONS)}

environment: BENCH_CPU_PROF=<dir> writes a CPU profile of every child; BENCH_KEEP=1 keeps the data dirs`

async function main(): Promise<number> {
  const argv = process.argv.slice(2)
  const { positionals, flags } = parseFlags(argv)
  if (flags.help || flags.h) {
    console.log(USAGE)
    return 0
  }
  const unknown = positionals.filter((name) => !PARTS.some((p) => p.name === name))
  if (unknown.length > 0) {
    console.error(`unknown part ${unknown.join(', ')}\n\n${USAGE}`)
    return 2
  }
  for (const opt of Object.values(INGEST_OPTIONS)) intOption(flags, opt) // a bad value stops here, before any work
  const parts = positionals.length === 0 ? PARTS : PARTS.filter((p) => positionals.includes(p.name))
  console.log(`${formatMachine(collectMachine())}\n`)

  // Flags go to every part; each takes the ones it knows.
  const flagArgs = argv.filter((a) => !positionals.includes(a))
  let failed = 0
  for (const part of parts) failed += await runPart(part, flagArgs)
  console.log(failed === 0 ? '\nbench: all checks passed' : `\nbench: ${failed} failure(s): failed checks or crashed parts`)
  return failed === 0 ? 0 : 1
}

async function runPart(part: Part, args: string[]): Promise<number> {
  const started = performance.now()
  try {
    const result = await runChild<PartResult>(part.file, { args })
    console.log(`(${part.name}: ${((performance.now() - started) / 1000).toFixed(0)} s in all)\n`)
    return result.failed
  } catch (err) {
    console.error(`bench part ${part.name} failed: ${err instanceof Error ? err.message : String(err)}`)
    return 1
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof OptionError ? err.message : err)
    process.exit(2)
  },
)
