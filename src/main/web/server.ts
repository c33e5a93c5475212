import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { WEB_SOCKET_PATH, WEB_TOKEN_PARAM } from '../../shared/web-protocol'
import type { CopyEngine } from '../../engine'
import { registerIpcHandlers } from '../ipc/handlers'
import { createJobController, type JobController } from '../ipc/job-controller'
import { contentSecurityPolicy, readStaticFile, securityHeaders } from './static-files'
import { createGuard, createToken } from './request-guard'
import { createWebSocketTransport } from './ws-transport'

/** How to start a web shell. */
export interface WebShellOptions {
  engine: CopyEngine
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** 0 (default) picks a free port. */
  port?: number
  /** Defaults to a fresh random token. */
  token?: string
  /** Largest WebSocket message accepted; bigger ones close that connection (default 16 MiB). */
  maxMessageBytes?: number
  /** Folder of the jobs' resume journals (the shell's state folder); absent: jobs keep none. */
  journals?: string
}

/** A running web shell. */
export interface WebShell {
  /** The URL to open, token included. */
  readonly url: string
  readonly origin: string
  readonly port: number
  readonly token: string
  readonly jobs: JobController
  /** Cancels a running job (its partial files removed), closes every connection and the server. */
  close(): Promise<void>
}

/**
 * Starts Ferry's web shell on 127.0.0.1: it serves the built renderer and carries the IPC contract over a
 * WebSocket to the same validated handlers the Electron shell uses. Every HTTP request and the WebSocket upgrade
 * need the token (query string or cookie) and pass the Host/Origin checks of {@link createGuard}.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const token = options.token ?? createToken()
  const transport = createWebSocketTransport()
  const jobs = createJobController(options.engine, (events) => transport.send(events), options.journals)
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? 16 * 1024 * 1024 })
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const guard = createGuard(port, token)
  const headers = securityHeaders(contentSecurityPolicy(`ws://127.0.0.1:${port} ws://localhost:${port}`))
  registerIpcHandlers(transport, { jobs, isTrustedSender: (sender) => guard.isOwnOrigin(sender.url) })

  const reply = (response: ServerResponse, status: number, text: string): void => {
    response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
    response.end(`${text}\n`)
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return reply(response, 405, 'Method not allowed')
      const refusal = guard.check(request, false)
      if (refusal) return reply(response, 403, `Forbidden: ${refusal}. Open the URL Ferry printed.`)
      const { pathname } = new URL(request.url ?? '/', guard.origin)
      const file = pathname === WEB_SOCKET_PATH ? null : await readStaticFile(options.rendererDir, pathname)
      if (!file) return reply(response, 404, 'Not found')
      const extra: Record<string, string> = { 'Content-Type': file.contentType }
      if (guard.tokenInQuery(request)) extra['Set-Cookie'] = guard.cookie()
      response.writeHead(200, { ...headers, ...extra, 'Content-Length': String(file.body.length) })
      response.end(request.method === 'HEAD' ? undefined : file.body)
    })().catch(() => {
      if (!response.headersSent) reply(response, 500, 'Internal error')
      else response.destroy()
    })
  })

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    const { pathname } = new URL(request.url ?? '/', guard.origin)
    const refusal = pathname === WEB_SOCKET_PATH ? guard.check(request, true) : 'no such endpoint'
    if (refusal) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      return
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      transport.attach(ws, { url: request.headers.origin }, jobs.replay())
    })
  })

  return {
    url: `${guard.origin}/?${WEB_TOKEN_PARAM}=${token}`,
    origin: guard.origin,
    port,
    token,
    jobs,
    async close() {
      await jobs.stop()
      transport.closeAll()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
