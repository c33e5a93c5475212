import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { WEB_TOKEN_PARAM } from '../../shared/web-protocol'

/** A fresh random token: 192 bits, URL-safe. */
export function createToken(): string {
  return randomBytes(24).toString('base64url')
}

/** Constant-time comparison, so response timing says nothing about how much of a guess was right. */
export function tokensMatch(expected: string, candidate: string | undefined | null): boolean {
  if (!candidate) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(candidate)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Who may talk to one web shell: its port, origin and token. */
export interface Guard {
  readonly origin: string
  readonly cookieName: string
  /** Why the request is refused, or null when it may proceed. `requireOrigin` is set for WebSocket upgrades. */
  check(request: IncomingMessage, requireOrigin: boolean): string | null
  /** The token came in the query string (first visit): the response should set the cookie. */
  tokenInQuery(request: IncomingMessage): boolean
  /** True for our own page's origin (127.0.0.1 or localhost on our port). */
  isOwnOrigin(origin: string | undefined): boolean
  /** The `Set-Cookie` value that lets the page's own asset requests carry the token. */
  cookie(): string
}

/**
 * The web shell's request checks. Host must be the loopback address and port we listen on (stops DNS-rebinding
 * pages); a cross-site `Sec-Fetch-Site` or a foreign `Origin` is refused (stops other local web pages, even on
 * another 127.0.0.1 port, since cookies ignore ports); and the token must come in the query string or our cookie.
 */
export function createGuard(port: number, token: string): Guard {
  const origin = `http://127.0.0.1:${port}`
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const origins = new Set([origin, `http://localhost:${port}`])
  // Port in the name: two Ferry shells on one machine must not overwrite each other's cookie.
  const cookieName = `ferry_token_${port}`

  const queryToken = (request: IncomingMessage): string | null =>
    new URL(request.url ?? '/', origin).searchParams.get(WEB_TOKEN_PARAM)

  const cookieToken = (request: IncomingMessage): string | undefined => {
    for (const part of (request.headers.cookie ?? '').split(';')) {
      const [name, ...value] = part.trim().split('=')
      if (name === cookieName) return value.join('=')
    }
    return undefined
  }

  return {
    origin,
    cookieName,
    check(request, requireOrigin) {
      if (!hosts.has(request.headers.host ?? '')) return 'unexpected Host header'
      const site = request.headers['sec-fetch-site']
      if (site !== undefined && site !== 'same-origin' && site !== 'none')
        return `cross-site request (${site})`
      const from = request.headers.origin
      if (from !== undefined ? !origins.has(from) : requireOrigin)
        return `foreign or missing Origin (${from})`
      if (!tokensMatch(token, queryToken(request)) && !tokensMatch(token, cookieToken(request))) {
        return 'missing or wrong token'
      }
      return null
    },
    isOwnOrigin: (candidate) => candidate !== undefined && origins.has(candidate),
    tokenInQuery: (request) => tokensMatch(token, queryToken(request)),
    cookie: () => `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`,
  }
}
