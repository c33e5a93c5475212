import { request } from 'node:http'
import WebSocket from 'ws'
import type { IpcChannel, Result } from '../../../src/shared/ipc'
import type { JobEvent } from '../../../src/shared/job'
import type { WebServerMessage } from '../../../src/shared/web-protocol'

/** A raw HTTP GET with exactly the headers given (fetch would not let a test forge Host or Sec-Fetch-Site). */
export function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

/**
 * Opens a WebSocket wrapped in a {@link Client} (listening from the start, so messages the server sends right
 * after the upgrade are not missed); rejects with the HTTP status when the upgrade is refused.
 */
export function openSocket(url: string, origin: string | undefined): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, origin === undefined ? {} : { origin })
    const client = new Client(socket)
    socket.once('open', () => resolve(client))
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    socket.once('error', reject)
  })
}

/** Collects every message a socket receives and answers requests by id. */
export class Client {
  readonly messages: WebServerMessage[] = []
  /** `performance.now()` when each message arrived, index for index. */
  readonly receivedAt: number[] = []
  private nextId = 1
  private readonly waiters: Array<() => void> = []

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as WebServerMessage)
      this.receivedAt.push(performance.now())
      for (const wake of this.waiters.splice(0)) wake()
    })
  }

  get events(): JobEvent[] {
    return this.messages.flatMap((m) => (m.type === 'events' ? m.events : []))
  }

  /** Waits until a received message satisfies `match`. */
  async waitFor(match: (m: WebServerMessage) => boolean, timeoutMs = 10_000): Promise<WebServerMessage> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = this.messages.find(match)
      if (found) return found
      if (Date.now() > deadline)
        throw new Error(`timed out; got ${JSON.stringify(this.messages).slice(0, 500)}`)
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve)
        setTimeout(resolve, 100)
      })
    }
  }

  /** Sends a request and resolves with its result. */
  async call(channel: IpcChannel | string, payload: unknown): Promise<Result<unknown>> {
    const id = this.nextId++
    this.socket.send(JSON.stringify({ id, channel, payload }))
    const response = await this.waitFor((m) => m.type === 'response' && m.id === id)
    return (response as Extract<WebServerMessage, { type: 'response' }>).result
  }
}
