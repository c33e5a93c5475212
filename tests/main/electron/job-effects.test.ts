/**
 * What the main process does around a job besides the window: keeps the system awake while one runs (a stand-in
 * for `powerSaveBlocker`), and notifies when one ends while the window is in the background, in its language.
 */
import { describe, expect, it } from 'vitest'
import { createJobEndNotifier, type Notice } from '../../../src/main/electron/job-end-notice'
import { createMainI18n } from '../../../src/main/electron/main-i18n'
import { createSleepInhibitor } from '../../../src/main/electron/sleep-inhibitor'
import type { JobEvent } from '../../../src/shared/job'
import { summaryOf } from '../ipc/fake-engine'

/** Records what Electron's powerSaveBlocker would be asked. */
function fakeBlocker() {
  const held = new Map<number, string>()
  let next = 1
  return {
    held,
    start(type: 'prevent-app-suspension' | 'prevent-display-sleep') {
      held.set(next, type)
      return next++
    },
    stop(id: number) {
      held.delete(id)
      return true
    },
  }
}

const started = (jobId: string): JobEvent => ({
  type: 'started',
  jobId,
  options: { sources: ['/s'], destination: '/d' },
})
const finished = (jobId: string): JobEvent => ({ type: 'finished', summary: summaryOf(jobId, 'done') })

describe('sleep inhibition', () => {
  it('holds one app-suspension blocker while any job runs and releases it when none does', () => {
    const blocker = fakeBlocker()
    const sleep = createSleepInhibitor(blocker)
    expect(blocker.held.size).toBe(0)
    sleep.observe(started('a'))
    expect([...blocker.held.values()]).toEqual(['prevent-app-suspension'])
    sleep.observe(started('b'))
    sleep.observe({ type: 'progress', progress: { ...summaryOf('a', 'done'), state: 'running' } as never })
    expect(blocker.held.size).toBe(1)
    sleep.observe(finished('a'))
    expect(blocker.held.size).toBe(1)
    sleep.observe(finished('b'))
    expect(blocker.held.size).toBe(0)
    expect(sleep.holding).toBe(false)
  })

  it('lets go on quit even with a job still counted', () => {
    const blocker = fakeBlocker()
    const sleep = createSleepInhibitor(blocker)
    sleep.observe(started('a'))
    sleep.release()
    expect(blocker.held.size).toBe(0)
    sleep.observe(finished('a'))
    expect(blocker.held.size).toBe(0)
  })
})

describe('notification when a job ends', () => {
  function setUp(active: boolean, systemLocale = 'en-US') {
    const i18n = createMainI18n([systemLocale])
    const shown: Notice[] = []
    const notify = createJobEndNotifier({
      t: i18n.t,
      language: () => i18n.language,
      windowActive: () => active,
      show: (notice) => shown.push(notice),
    })
    return { i18n, shown, notify }
  }

  it("says how the job ended, in the window's language, only when the window is not in front", () => {
    const { i18n, shown, notify } = setUp(false)
    const summary = { ...summaryOf('j', 'done'), filesDone: 3, bytesCopied: 3 * 1024 * 1024, filesFailed: 1 }
    notify({ type: 'finished', summary })
    expect(shown).toEqual([
      { title: 'Copy finished with errors', body: '3 files copied (3.00 MiB), 1 file failed.' },
    ])
    i18n.setLanguage('zh-CN')
    notify({ type: 'finished', summary })
    expect(shown[1]).toEqual({
      title: '复制完成，但有错误',
      body: '已复制 3 个文件（3.00 MiB）；1 个文件失败。',
    })
    notify(started('k'))
    expect(shown).toHaveLength(2)

    const front = setUp(true)
    front.notify({ type: 'finished', summary })
    expect(front.shown).toEqual([])
  })

  it('says "Safe to remove" when every copy is durable on a removable destination', () => {
    const { shown, notify } = setUp(false)
    const summary = { ...summaryOf('j', 'done'), filesDone: 1, durable: true, removable: true }
    notify({ type: 'finished', summary })
    expect(shown[0]!.body).toBe('1 file copied (0 B). Safe to remove.')
    notify({ type: 'finished', summary: { ...summary, durable: false } })
    expect(shown[1]!.body).not.toContain('Safe to remove')
  })
})
