import { describe, expect, it } from 'vitest'
import { isAppUrl } from '../../../src/main/electron/app-url'
import { type LockableContents, lockDown } from '../../../src/main/electron/lock-down'

type Handler = (event: { preventDefault: () => void }, url?: string) => void

function fakeContents() {
  const handlers = new Map<string, Handler>()
  let openHandler: (() => { action: string }) | undefined
  const contents = {
    on: (name: string, handler: Handler) => (handlers.set(name, handler), contents),
    setWindowOpenHandler: (handler: () => { action: string }) => void (openHandler = handler),
  }
  lockDown(contents as unknown as LockableContents, (url) => isAppUrl(url))
  const fire = (name: string, url?: string): boolean => {
    let prevented = false
    handlers.get(name)!({ preventDefault: () => (prevented = true) }, url)
    return prevented
  }
  return { fire, open: () => openHandler!() }
}

describe('window lock-down', () => {
  it('cancels navigation and redirects away from the app, allows the app itself', () => {
    const { fire } = fakeContents()
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true)
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(fire('will-redirect', 'http://127.0.0.1:1/')).toBe(true)
    expect(fire('will-navigate', 'ferry://app/index.html')).toBe(false)
  })

  it('denies new windows and webviews', () => {
    const { fire, open } = fakeContents()
    expect(open()).toEqual({ action: 'deny' })
    expect(fire('will-attach-webview')).toBe(true)
  })
})
