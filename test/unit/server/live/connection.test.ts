// A slow live client is dropped instead of growing the server's memory (issue 3).
import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { LiveConnection, MAX_BUFFERED } from '../../../../server/src/live/connection.ts'

/** A socket whose unsent bytes grow with every send and never drain, like a stalled client. */
function stalledSocket() {
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    sent: 0,
    closed: undefined as number | undefined,
    send(data: string) {
      this.bufferedAmount += data.length
      this.sent++
    },
    close(code: number) {
      this.closed = code
      this.readyState = 3
    },
  }
  return socket
}

describe('LiveConnection', () => {
  it('drops a client whose unsent frames pass the bound, and sends nothing more to it', () => {
    const socket = stalledSocket()
    const conn = new LiveConnection(socket as unknown as WebSocket, { name: 'wall', role: 'wall' })
    const frame = 'x'.repeat(64 * 1024)
    let accepted = 0
    for (let i = 0; i < 100; i++) if (conn.send(frame)) accepted++
    expect(socket.closed).toBe(1013)
    expect(accepted).toBe(Math.floor(MAX_BUFFERED / frame.length) + 1)
    expect(socket.bufferedAmount).toBeLessThanOrEqual(MAX_BUFFERED + frame.length)
    expect(conn.send(frame)).toBe(false)
  })
})
