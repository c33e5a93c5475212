import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, openApp } from './helpers/browser'
import { chownToNobody } from './helpers/files'
import { privateBuild, type ShellProcess, startShell } from './helpers/web-shell'

// The page functions below run in Chromium, where `location` exists; this file is type-checked for Node.
declare const location: { host: string; search: string }

let build: Awaited<ReturnType<typeof privateBuild>>
let home: string
let shell: ShellProcess
let browser: Browser

beforeAll(async () => {
  build = await privateBuild()
  home = await mkdtemp(join(tmpdir(), 'ferry-e2e-home-'))
  await chownToNobody(home)
  shell = await startShell(build.dir, home)
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  expect(await shell?.stop()).toBe(0)
  await build?.remove()
  await rm(home, { recursive: true, force: true })
})

interface Talk {
  token: string
  frames: Array<string | number[]>
}

/** Runs in the page: opens the shell's WebSocket, sends `frames`, resolves with one reply per frame. */
async function talk({ token, frames }: Talk): Promise<{ opened: boolean; received: unknown[] }> {
  const socket = new WebSocket(`ws://${location.host}/ws?token=${token}`)
  const received: unknown[] = []
  return new Promise((resolve) => {
    let opened = false
    socket.onopen = () => {
      opened = true
      for (const frame of frames) socket.send(typeof frame === 'string' ? frame : new Uint8Array(frame))
    }
    socket.onmessage = (event) => {
      received.push(JSON.parse(event.data as string))
      if (received.length === frames.length) {
        socket.close()
        resolve({ opened, received })
      }
    }
    socket.onclose = () => resolve({ opened, received })
  })
}

describe('web shell in Chromium', () => {
  it('loads the app, then takes the token out of the address bar', async () => {
    const { page } = await openApp(browser, shell.url)
    expect(await page.title()).toBe('Ferry')
    await page.waitForFunction(() => !location.search.includes('token'))
    expect(page.url()).toBe(`${shell.origin}/`)
    // A reload (no token in the URL any more) still works: the tab keeps it, and the cookie covers the assets.
    await page.reload()
    expect(await page.title()).toBe('Ferry')
    await page.context().close()
  })

  it('answers malformed WebSocket messages with errors and keeps serving', async () => {
    const { page } = await openApp(browser, shell.url)
    const frames = [
      'this is not json',
      '{"id": 1}',
      '{"id": 2, "channel": "job:launch-missiles", "payload": {}}',
      '{"id": 3, "channel": "job:start", "payload": {"sources": "/etc", "destination": 7}}',
      [0xde, 0xad, 0xbe, 0xef],
      JSON.stringify({ id: 4, channel: 'fs:list', payload: { path: '/' } }),
    ]
    const outcome = await page.evaluate(talk, { token: shell.token, frames })
    expect(outcome.opened).toBe(true)
    // Replies to requests come when their handler is done, so only errors about unreadable frames keep their order.
    expect(outcome.received).toHaveLength(frames.length)
    expect(outcome.received).toEqual(
      expect.arrayContaining([
        { type: 'error', error: { code: 'INVALID_INPUT', message: 'Ignored a message that is not JSON.' } },
        { type: 'error', error: expect.objectContaining({ code: 'INVALID_INPUT' }) },
        {
          type: 'response',
          id: 2,
          result: { ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) },
        },
        {
          type: 'response',
          id: 3,
          result: { ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) },
        },
        { type: 'error', error: expect.objectContaining({ code: 'INVALID_INPUT' }) },
        {
          type: 'response',
          id: 4,
          result: { ok: true, value: expect.objectContaining({ path: '/', parent: null }) },
        },
      ]),
    )
    expect(shell.child.exitCode).toBeNull()
    await page.context().close()
  })

  it('refuses a WebSocket from another origin even with the right token', async () => {
    const { page } = await openApp(browser, 'about:blank')
    await page.setContent('<title>elsewhere</title>')
    const origin = shell.origin
    const outcome = await page.evaluate(
      async ({ origin, token }) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(`${origin.replace('http', 'ws')}/ws?token=${token}`)
          socket.onopen = () => resolve('opened')
          socket.onerror = () => resolve('refused')
        }),
      { origin, token: shell.token },
    )
    expect(outcome).toBe('refused')
    await page.context().close()
  })
})
