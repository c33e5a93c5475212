import type { WebSocket } from 'ws'
import { z } from 'zod'
import type { IpcChannel, Result } from '../../shared/ipc'
import { IPC_CHANNELS } from '../../shared/ipc'
import type { FerryErrorData, JobEvent } from '../../shared/job'
import type { WebServerMessage } from '../../shared/web-protocol'
import type { IpcTransport, RequestHandler, RequestSender } from '../ipc/transport'

// A client that stops reading must not make the server buffer without bound; past this it is disconnected.
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024
/** No request nests deeper than a few levels; a deeper message is refused before JSON.parse builds it. */
export const MAX_JSON_DEPTH = 16

const envelope = z.strictObject({
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  channel: z.string().max(100),
  payload: z.unknown(),
})

/** The web shell's side of the WebSocket protocol (see src/shared/web-protocol.ts). */
export interface WebSocketTransport extends IpcTransport {
  /** Serves one authenticated connection; `sender` is what the handlers' sender check sees. */
  attach(socket: WebSocket, sender: RequestSender, replay: JobEvent[]): void
  /** Closes every connection. */
  closeAll(): void
}

/**
 * Creates the transport. Every text frame must be a JSON `{ id, channel, payload }`: a frame that is not (binary,
 * not JSON, wrong shape) is answered with an `error` message, an unknown channel with an `INVALID_INPUT` response
 * quoting the id; the connection stays open and the server never throws on input.
 */
export function createWebSocketTransport(): WebSocketTransport {
  const handlers = new Map<IpcChannel, RequestHandler>()
  const sockets = new Set<WebSocket>()
  const channels = new Set<string>(IPC_CHANNELS)

  const postText = (socket: WebSocket, text: string): void => {
    if (socket.readyState !== socket.OPEN) return
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.terminate()
      return
    }
    socket.send(text)
  }
  const post = (socket: WebSocket, message: WebServerMessage): void =>
    postText(socket, JSON.stringify(message))

  const refuse = (socket: WebSocket, message: string): void =>
    post(socket, { type: 'error', error: { code: 'INVALID_INPUT', message } })

  const answer = async (socket: WebSocket, raw: string, sender: RequestSender): Promise<void> => {
    if (jsonDepthExceeds(raw, MAX_JSON_DEPTH)) {
      return refuse(socket, `Ignored a message nested deeper than ${MAX_JSON_DEPTH} levels; no request is.`)
    }
    let data: unknown
    try {
      data = JSON.parse(raw)
    } catch {
      return refuse(socket, 'Ignored a message that is not JSON.')
    }
    const request = envelope.safeParse(data)
    if (!request.success) {
      return refuse(socket, 'Ignored a message that is not a request ({ id, channel, payload }).')
    }
    const { id, channel, payload } = request.data
    const handler = channels.has(channel) ? handlers.get(channel as IpcChannel) : undefined
    let result: Result<unknown>
    if (!handler) {
      const error: FerryErrorData = {
        code: 'INVALID_INPUT',
        message: `Unknown request channel "${channel}".`,
      }
      result = { ok: false, error }
    } else {
      result = await handler(payload, sender).catch((error: unknown) => ({
        ok: false as const,
        error: { code: 'INTERNAL' as const, message: `Ferry hit an unexpected error: ${String(error)}` },
      }))
    }
    post(socket, { type: 'response', id, result })
  }

  return {
    handle(channel, handler) {
      handlers.set(channel, handler)
    },
    send(events) {
      // Serialised once for every socket: the frame is the same for all.
      const text = JSON.stringify({ type: 'events', events } satisfies WebServerMessage)
      for (const socket of sockets) postText(socket, text)
    },
    attach(socket, sender, replay) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      // A socket error (e.g. an oversized frame) closes that connection; it must not reach the process.
      socket.on('error', () => socket.terminate())
      socket.on('message', (data, isBinary) => {
        if (isBinary) return refuse(socket, 'Ignored a binary message; requests are JSON text.')
        void answer(socket, data.toString(), sender)
      })
      if (replay.length > 0) post(socket, { type: 'events', events: replay })
    },
    closeAll() {
      for (const socket of sockets) socket.close(1001, 'Ferry is shutting down')
      sockets.clear()
    },
  }
}

/**
 * True when the JSON text nests arrays/objects deeper than `limit`: one linear pass over the characters (strings
 * skipped, escapes honoured), so a 10 MB message five million levels deep costs milliseconds, not the seconds and
 * hundreds of MiB that parsing it into objects would.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i)
        if (d === 0x5c /* backslash */) i++
        else if (d === 0x22) break
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return true
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--
  }
  return false
}
