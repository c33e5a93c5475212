import { fileURLToPath } from 'node:url'
import { describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => {
  const state = {
    schemes: [] as unknown[],
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
  }
  return {
    state,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void state.schemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        void state.handlers.set(scheme, handler),
    },
  }
})
vi.mock('electron', () => electron)
const { registerAppScheme, serveAppProtocol } = await import('../../../src/main/electron/app-protocol')

describe('ferry:// app protocol', () => {
  registerAppScheme()
  // From the sources, the page is src/renderer (the bundle's default is out/renderer next to out/main).
  serveAppProtocol(fileURLToPath(new URL('../../../src/renderer', import.meta.url)))
  const handler = electron.state.handlers.get('ferry')!

  it('is a standard, secure scheme', () => {
    expect(electron.state.schemes).toEqual([
      { scheme: 'ferry', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
  })

  it('serves the renderer with a CSP that allows no network access', async () => {
    const response = await handler(new Request('ferry://app/index.html'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const csp = response.headers.get('content-security-policy')!
    expect(csp).toContain("connect-src 'none'")
    expect(csp).toContain("script-src 'self'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toContain('<div id="root">')
  })

  it.each([
    'ferry://other/index.html',
    'ferry://app/../../package.json',
    'ferry://app/%2e%2e/%2e%2e/package.json',
  ])('serves nothing for %s', async (url) => {
    expect((await handler(new Request(url))).status).toBe(404)
  })
})
