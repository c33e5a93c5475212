import type { IpcChannel, Result } from '../../../src/shared/ipc'
import type { JobEvent } from '../../../src/shared/job'
import type { IpcTransport, RequestHandler, RequestSender } from '../../../src/main/ipc/transport'

/** A transport that records its handlers and the events sent, and lets a test call a channel directly. */
export class FakeTransport implements IpcTransport {
  readonly handlers = new Map<IpcChannel, RequestHandler>()
  readonly events: JobEvent[] = []
  /** Each send: one engine tick's events. */
  readonly frames: Array<readonly JobEvent[]> = []

  handle(channel: IpcChannel, handler: RequestHandler): void {
    if (this.handlers.has(channel)) throw new Error(`two handlers for ${channel}`)
    this.handlers.set(channel, handler)
  }

  send(events: readonly JobEvent[]): void {
    this.frames.push(events)
    this.events.push(...events)
  }

  /** Calls `channel` as `sender` would. */
  call(
    channel: IpcChannel,
    payload: unknown,
    sender: RequestSender = { url: TRUSTED_URL },
  ): Promise<Result<unknown>> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`no handler for ${channel}`)
    return handler(payload, sender)
  }
}

export const TRUSTED_URL = 'ferry://app/index.html'
