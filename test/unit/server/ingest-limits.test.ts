// The ingest work held at once (issue 5): requests and body bytes, where a body without a Content-Length
// counts as the largest it may grow to, so chunked uploads cannot slip past the byte bound.
import { EventEmitter } from 'node:events'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { describe, expect, it } from 'vitest'
import { InflightLimit } from '../../../server/src/ingest-limits.ts'

/** A request with these headers and its reply; `close()` ends the response as the socket would. */
function call(headers: Record<string, string>) {
  const raw = new EventEmitter()
  const sent: Record<string, string> = {}
  const reply = { raw, header: (k: string, v: string) => void (sent[k] = v) }
  return { request: { headers } as unknown as FastifyRequest, reply: reply as unknown as FastifyReply, sent, close: () => raw.emit('close') }
}

describe('InflightLimit', () => {
  it('counts a body of unknown length as the body limit, and frees it when the response closes', async () => {
    const limit = new InflightLimit(100, 1_000, 600)
    const chunked = call({})
    await limit.admit(chunked.request, chunked.reply)
    const second = call({})
    await expect(limit.admit(second.request, second.reply)).rejects.toThrow(/ingest is saturated \(1 requests, 600 bytes in flight\)/)
    expect(second.sent['retry-after']).toBe('1')
    const small = call({ 'content-length': '300' })
    await limit.admit(small.request, small.reply)
    chunked.close()
    await limit.admit(second.request, second.reply)
  })

  it('admits a body of unknown length alone when the body limit is above the byte bound', async () => {
    const limit = new InflightLimit(100, 1_000, 5_000)
    const first = call({})
    await limit.admit(first.request, first.reply)
    const second = call({ 'content-length': '1' })
    await expect(limit.admit(second.request, second.reply)).rejects.toThrow(/1000 bytes in flight/)
  })

  it('refuses beyond the number of requests however small they are', async () => {
    const limit = new InflightLimit(2, 1_000_000, 1_000)
    for (let i = 0; i < 2; i++) {
      const c = call({ 'content-length': '10' })
      await limit.admit(c.request, c.reply)
    }
    const third = call({ 'content-length': '10' })
    await expect(limit.admit(third.request, third.reply)).rejects.toThrow(/2 requests/)
  })
})
