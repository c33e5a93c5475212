import { describe, expect, it } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import { isAppUrl } from '../../../src/main/electron/app-url'
import {
  createElectronTransport,
  type EventTarget,
  type IpcMainLike,
} from '../../../src/main/electron/electron-transport'
import { createMainI18n } from '../../../src/main/electron/main-i18n'
import { describeJobForWindow } from '../../../src/main/electron/window-progress'
import { registerIpcHandlers } from '../../../src/main/ipc/handlers'
import { createJobController } from '../../../src/main/ipc/job-controller'
import { IPC_CHANNELS, JOB_EVENT_CHANNEL } from '../../../src/shared/ipc'
import { FakeEngine } from '../ipc/fake-engine'

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>

/** Records `ipcMain.handle` registrations and invokes them the way Electron would. */
class FakeIpcMain {
  readonly listeners = new Map<string, Listener>()
  readonly handle: IpcMainLike['handle'] = (channel, listener) => {
    if (this.listeners.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.listeners.set(channel, listener as Listener)
  }

  invoke(channel: string, frameUrl: string | null, payload: unknown): Promise<unknown> {
    const listener = this.listeners.get(channel)
    if (!listener) throw new Error(`No handler registered for '${channel}'`)
    const senderFrame = frameUrl === null ? null : { url: frameUrl }
    return listener({ senderFrame } as unknown as IpcMainInvokeEvent, payload)
  }
}

class FakeContents implements EventTarget {
  readonly sent: Array<[string, unknown]> = []
  destroyed = false
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, args[0]])
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

function setUp() {
  const ipc = new FakeIpcMain()
  const contents = new FakeContents()
  const engine = new FakeEngine()
  const transport = createElectronTransport(ipc, () => [contents])
  const jobs = createJobController(engine, (events) => transport.send(events))
  const i18n = createMainI18n(['en-US'])
  const opened: string[] = []
  registerIpcHandlers(transport, {
    jobs,
    isTrustedSender: (sender) => isAppUrl(sender.url),
    setLanguage: (language) => i18n.setLanguage(language),
    openFolder: async (path) => void opened.push(path),
  })
  return { ipc, contents, engine, i18n, jobs, opened }
}

describe('Electron transport over a fake ipcMain', () => {
  it('serves a request from the app frame and sends job events on the event channel', async () => {
    const { ipc, contents, engine } = setUp()
    const result = await ipc.invoke('job:start', 'ferry://app/index.html', {
      sources: ['/a'],
      destination: '/b',
    })
    expect(result).toEqual({ ok: true, value: { jobId: 'job-1' } })
    expect(engine.started).toHaveLength(1)
    await new Promise((resolve) => setImmediate(resolve))
    expect(contents.sent).toEqual([
      [
        JOB_EVENT_CHANNEL,
        [{ type: 'started', jobId: 'job-1', options: { sources: ['/a'], destination: '/b' } }],
      ],
    ])
  })

  it.each([
    ['a page on another origin', 'https://evil.example/'],
    ['a local file', 'file:///home/user/evil.html'],
    ['a frame that has gone away', null],
  ])('refuses %s', async (_label, url) => {
    const { ipc, engine } = setUp()
    const result = await ipc.invoke('job:start', url, { sources: ['/a'], destination: '/b' })
    expect(result).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(engine.started).toEqual([])
  })

  it('answers a malformed payload with an error result instead of throwing into Electron', async () => {
    const { ipc, engine } = setUp()
    await expect(ipc.invoke('job:start', 'ferry://app/', { sources: 'oops' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(engine.started).toEqual([])
  })

  it('registers each channel once on ipcMain', () => {
    const { ipc } = setUp()
    expect(ipc.listeners.size).toBe(IPC_CHANNELS.length)
  })

  it('does not send to a destroyed window', () => {
    const contents = new FakeContents()
    contents.destroyed = true
    const transport = createElectronTransport(new FakeIpcMain(), () => [contents])
    transport.send([{ type: 'warning', jobId: 'j', warning: { code: 'IO_ERROR', message: 'x' } }])
    expect(contents.sent).toEqual([])
  })

  it('switches the main process to the language the window sends, and refuses any other payload', async () => {
    const { ipc, i18n } = setUp()
    const app = 'ferry://app/index.html'
    await expect(ipc.invoke('app:set-language', app, { language: 'zh-CN' })).resolves.toEqual({
      ok: true,
      value: null,
    })
    expect(i18n.language).toBe('zh-CN')
    expect(
      describeJobForWindow(
        { type: 'started', jobId: 'j', options: { sources: ['/a'], destination: '/b' } },
        i18n.t,
      )?.title,
    ).toBe('Ferry — 正在准备…')
    for (const bad of [
      { language: 'fr' },
      { language: 'zh-TW' },
      { language: 'zh-CN', extra: 1 },
      'zh-CN',
      {},
    ]) {
      await expect(ipc.invoke('app:set-language', app, bad)).resolves.toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
    await expect(
      ipc.invoke('app:set-language', 'https://evil.example/', { language: 'en' }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED' },
    })
    expect(i18n.language).toBe('zh-CN')
  })

  it('opens only the destination the job was started with; the page sends a job id, never a path', async () => {
    const { ipc, opened } = setUp()
    const app = 'ferry://app/index.html'
    await ipc.invoke('job:start', app, { sources: ['/a'], destination: '/mnt/backup' })
    await expect(ipc.invoke('job:open-destination', app, { jobId: 'job-1' })).resolves.toEqual({
      ok: true,
      value: null,
    })
    expect(opened).toEqual(['/mnt/backup'])
    await expect(ipc.invoke('job:open-destination', app, { jobId: 'job-9' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    await expect(
      ipc.invoke('job:open-destination', app, { jobId: 'job-1', path: '/etc' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(opened).toEqual(['/mnt/backup'])
  })
})
