import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createJobController, type JobController } from '../../../src/main/ipc/job-controller'
import { FakeEngine } from '../ipc/fake-engine'

// Electron's binary is not installed here: the guard runs against stand-ins for `app` and `dialog`.
vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  return {
    app: Object.assign(new EventEmitter(), { quit: () => {} }),
    dialog: { showMessageBox: async () => ({ response: 1 }) },
  }
})
const electron = (await import('electron')) as unknown as {
  app: EventEmitter & { quit: () => void }
  dialog: { showMessageBox: (...args: unknown[]) => Promise<{ response: number }> }
}

const { guardQuit } = await import('../../../src/main/electron/quit-guard')
const { createMainI18n } = await import('../../../src/main/electron/main-i18n')

interface FakeEvent {
  preventDefault: () => void
  prevented: boolean
}
const event = (): FakeEvent => {
  const e = { prevented: false, preventDefault: () => (e.prevented = true) }
  return e
}

let win: EventEmitter
let engine: FakeEngine
let jobs: JobController
let quits: number
let asked: number
let answer: number
let i18n: ReturnType<typeof createMainI18n>
let shown: Array<{ buttons: string[]; title: string; message: string; detail: string }>

beforeEach(() => {
  electron.app.removeAllListeners()
  win = new EventEmitter()
  engine = new FakeEngine()
  jobs = createJobController(engine, () => {})
  quits = 0
  asked = 0
  answer = 1
  shown = []
  electron.app.quit = () => void quits++
  electron.dialog.showMessageBox = async (...args: unknown[]) => {
    asked++
    shown.push(args[1] as (typeof shown)[number])
    return { response: answer }
  }
  i18n = createMainI18n(['en-US'])
  guardQuit(win as never, jobs, engine, i18n.t)
})

const settle = () => new Promise((resolve) => setTimeout(resolve, 10))

describe('closing or quitting during a job', () => {
  it('closes at once when no job runs', async () => {
    const close = event()
    win.emit('close', close)
    await settle()
    expect(close.prevented).toBe(false)
    expect(asked).toBe(0)
  })

  it('keeps the window and the job when the user chooses "Keep copying"', async () => {
    await jobs.start({ sources: ['/s'], destination: '/d' })
    const close = event()
    win.emit('close', close)
    await settle()
    expect(close.prevented).toBe(true)
    expect(asked).toBe(1)
    expect(engine.current?.calls).toEqual([])
    expect(quits).toBe(0)
  })

  it('cancels the job, waits for it, then quits when the user confirms', async () => {
    answer = 0
    await jobs.start({ sources: ['/s'], destination: '/d' })
    const job = engine.current!
    const quit = event()
    electron.app.emit('before-quit', quit)
    win.emit('close', event()) // the window's own close during the same quit asks no second question
    await settle()
    expect(quit.prevented).toBe(true)
    expect(asked).toBe(1)
    expect(job.calls).toEqual(['cancel'])
    expect(quits).toBe(1)
    // The quit that follows passes, and the engine's pool is closed before the app exits.
    const again = event()
    electron.app.emit('before-quit', again)
    expect(again.prevented).toBe(false)
    const willQuit = event()
    electron.app.emit('will-quit', willQuit)
    expect(willQuit.prevented).toBe(true)
    await settle()
    expect(engine.closed).toBe(true)
    expect(quits).toBe(2)
    const last = event()
    electron.app.emit('will-quit', last)
    expect(last.prevented).toBe(false)
  })
})

describe("the quit question speaks the window's language", () => {
  it('asks in English, then in 简体中文 after the window switched', async () => {
    await jobs.start({ sources: ['/s'], destination: '/d' })
    win.emit('close', event())
    await settle()
    expect(shown[0]).toMatchObject({
      buttons: ['Cancel copy and quit', 'Keep copying'],
      message: 'A copy is still running.',
    })
    i18n.setLanguage('zh-CN')
    win.emit('close', event())
    await settle()
    expect(shown[1]).toMatchObject({
      buttons: ['取消复制并退出', '继续复制'],
      message: '复制仍在进行。',
      detail: expect.stringContaining('不会留下写了一半的文件'),
    })
  })
})
