import type { FerryApi, IpcChannel, IpcRequests, Result } from '../../shared/ipc'
import { requestVerbs } from '../../shared/ipc'
import type { JobEvent } from '../../shared/job'
import {
  WEB_SOCKET_PATH,
  WEB_TOKEN_PARAM,
  type WebRequest,
  type WebServerMessage,
} from '../../shared/web-protocol'

const TOKEN_KEY = 'ferry-web-token'
const RETRY_MIN_MS = 250
const RETRY_MAX_MS = 5_000

/**
 * Reads the web shell's token from the page URL (first visit) or this tab's session storage (after a reload), and
 * takes it out of the address bar so it is not left in history or shown on screen. The server's cookie still
 * authenticates a tab that has neither.
 */
function takeToken(): string | null {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get(WEB_TOKEN_PARAM)
  if (fromUrl) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromUrl)
    } catch {
      // Storage may be disabled; the cookie set by the server still works for this tab.
    }
    url.searchParams.delete(WEB_TOKEN_PARAM)
    window.history.replaceState(window.history.state, '', url)
    return fromUrl
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY)
  } catch {
    return null
  }
}

function lostConnection<T>(): Result<T> {
  return {
    ok: false,
    error: {
      code: 'INTERNAL',
      message:
        "Lost the connection to Ferry's server. Check that `npm run web` is still running, then retry.",
    },
  }
}

/**
 * `window.ferry` in a browser: the preload's API carried over the web shell's WebSocket on `location.host`.
 * Requests are answered by id; job events are pushed. While the socket is down, calls fail with a `Result`
 * error (never a rejection) and the bridge reconnects with backoff. Browsers hide dropped files' real paths, so
 * `pathForFile` returns null and folders are added by path or through the server-side folder browser (`list`).
 */
export function createWebBridge(): FerryApi {
  const token = takeToken()
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
  const query = token ? `?${WEB_TOKEN_PARAM}=${encodeURIComponent(token)}` : ''
  const socketUrl = `${scheme}://${window.location.host}${WEB_SOCKET_PATH}${query}`
  const listeners = new Set<(event: JobEvent) => void>()
  const pending = new Map<number, (result: Result<unknown>) => void>()
  let queued: string[] = []
  let nextId = 1
  let retryMs = RETRY_MIN_MS
  let socket: WebSocket

  const failOutstanding = (): void => {
    for (const resolve of pending.values()) resolve(lostConnection())
    pending.clear()
    queued = []
  }

  const receive = (raw: unknown): void => {
    if (typeof raw !== 'string') return
    let message: WebServerMessage
    try {
      message = JSON.parse(raw) as WebServerMessage
    } catch {
      return
    }
    switch (message.type) {
      case 'response': {
        const resolve = pending.get(message.id)
        pending.delete(message.id)
        resolve?.(message.result)
        return
      }
      case 'events':
        for (const event of message.events) {
          for (const listener of listeners) {
            try {
              listener(event)
            } catch (error) {
              console.error('Ferry: a job event listener threw', error)
            }
          }
        }
        return
      case 'error':
        console.warn(`Ferry server: ${message.error.message}`)
        return
      default: {
        const unexpected: never = message
        return unexpected
      }
    }
  }

  const connect = (): void => {
    socket = new WebSocket(socketUrl)
    socket.addEventListener('open', () => {
      retryMs = RETRY_MIN_MS
      for (const text of queued) socket.send(text)
      queued = []
    })
    socket.addEventListener('message', (event) => receive(event.data))
    socket.addEventListener('close', () => {
      failOutstanding()
      window.setTimeout(connect, retryMs)
      retryMs = Math.min(RETRY_MAX_MS, retryMs * 2)
    })
  }
  connect()

  const invoke = <C extends IpcChannel>(
    channel: C,
    payload: IpcRequests[C]['payload'],
  ): Promise<Result<IpcRequests[C]['result']>> =>
    new Promise((resolve) => {
      const request: WebRequest = { id: nextId++, channel, payload }
      pending.set(request.id, resolve as (result: Result<unknown>) => void)
      const text = JSON.stringify(request)
      if (socket.readyState === WebSocket.OPEN) socket.send(text)
      else queued.push(text)
    })

  return {
    shell: 'web',
    ...requestVerbs(invoke),
    pathForFile: () => null,
    onJobEvent(callback) {
      listeners.add(callback)
      return () => {
        listeners.delete(callback)
      }
    },
  }
}
