// One browser's WebSocket: what it subscribed to and a bounded send. A client that cannot keep up (its
// unsent bytes pass MAX_BUFFERED) is dropped rather than allowed to grow the server's memory.
import type { WebSocket } from 'ws'
import type { Principal } from '../auth/principals.ts'
import type { Scope } from '../kpi/scope.ts'

/** A wall gets a few KB a second; a megabyte behind means the client or its network has stalled. */
export const MAX_BUFFERED = 1024 * 1024
/** WebSocket close code 1013: try again later. */
const TRY_AGAIN_LATER = 1013

export class LiveConnection {
  scope: Scope | undefined
  alive = true

  constructor(
    readonly socket: WebSocket,
    readonly principal: Principal,
  ) {}

  /** Sends a serialized frame; false when the client was dropped instead. */
  send(frame: string): boolean {
    if (this.socket.readyState !== this.socket.OPEN) return false
    if (this.socket.bufferedAmount > MAX_BUFFERED) {
      this.socket.close(TRY_AGAIN_LATER, 'client too slow')
      return false
    }
    this.socket.send(frame)
    return true
  }
}
