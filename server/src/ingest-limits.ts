// Bounds on ingest work in flight (issue 5): how many requests and how many body bytes the server holds at
// once. Beyond either, a request is answered 429 with Retry-After before its body is read, so a flood
// cannot grow memory, and reads stay answerable while ingest is saturated.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { TooManyRequests } from './errors.ts'

/** Seconds a client is told to wait; one batch usually clears in well under that. */
export const RETRY_AFTER_S = 1

export class InflightLimit {
  #requests = 0
  #bytes = 0

  constructor(
    private readonly maxRequests: number,
    private readonly maxBytes: number,
    /**
     * What a body of unknown length (chunked, no Content-Length) counts as: the largest it may grow to, or
     * all of `maxBytes` when that is less, so that it is still admitted when nothing else is in flight.
     */
    private readonly unknownLengthBytes: number,
  ) {}

  /** onRequest hook: admits the request or answers 429. */
  admit = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const length = request.headers['content-length']
    const bytes = length === undefined ? Math.min(this.unknownLengthBytes, this.maxBytes) : Number(length) || 0
    if (this.#requests >= this.maxRequests || this.#bytes + bytes > this.maxBytes) {
      reply.header('retry-after', String(RETRY_AFTER_S))
      throw new TooManyRequests(`ingest is saturated (${this.#requests} requests, ${this.#bytes} bytes in flight); retry after ${RETRY_AFTER_S} s`)
    }
    this.#requests++
    this.#bytes += bytes
    let released = false
    // onResponse does not run for a request whose client went away; 'close' on the raw response always does.
    reply.raw.once('close', () => {
      if (released) return
      released = true
      this.#requests--
      this.#bytes -= bytes
    })
  }
}
