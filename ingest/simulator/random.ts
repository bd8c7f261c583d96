// Seeded randomness. Every draw comes from a small PRNG keyed by *what* is being generated (a zone-minute, a
// ticket, an agent) rather than from one shared stream, so any window of time regenerates identically no
// matter where generation started — the property that makes event ids stable across restarts.

const TWO_32 = 4294967296

/** 32-bit FNV-1a of a string: turns ids (zone, ticket, region) into key parts. */
export function hashString(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** Mixes integers (any safe integer, e.g. epoch ms) into one 32-bit key with the murmur3 finaliser. */
export function mixKey(...parts: number[]): number {
  let h = 0x9e3779b9
  for (const p of parts) {
    h = fmix(h ^ (p % TWO_32))
    h = fmix(h ^ Math.floor(p / TWO_32))
  }
  return h
}

function fmix(x: number): number {
  let h = x
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** mulberry32: tiny, fast and plenty for a simulation (not for anything secret). */
export class Rng {
  private state: number

  constructor(key: number) {
    this.state = key >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / TWO_32
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next()
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }

  /** Log-normal with the given median: the usual shape of waiting and handling times. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next())
  }

  /** Poisson count; Knuth's product method while cheap, the normal approximation beyond. */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()))
    const limit = Math.exp(-lambda)
    let k = 0
    for (let p = this.next(); p > limit; p *= this.next()) k++
    return k
  }
}

/** Builds a sampler for a categorical distribution given as `{ value: weight }` (weights need not sum to 1). */
export function weighted<K extends string>(table: Readonly<Record<K, number>>): (rng: Rng) => K {
  const keys = Object.keys(table) as K[]
  const total = keys.reduce((sum, k) => sum + table[k], 0)
  const cumulative: number[] = []
  let acc = 0
  for (const k of keys) cumulative.push((acc += table[k] / total))
  return (rng) => {
    const u = rng.next()
    const i = cumulative.findIndex((c) => u < c)
    return keys[i === -1 ? keys.length - 1 : i] as K
  }
}
