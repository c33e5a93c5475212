import { describe, expect, it } from 'vitest'
import { createMainI18n } from '../../../src/main/electron/main-i18n'
import { describeJobForWindow as describeWith } from '../../../src/main/electron/window-progress'
import type { JobEvent } from '../../../src/shared/job'
import { snapshotOf, summaryOf } from '../ipc/fake-engine'

const english = createMainI18n(['en-US'])
const describeJobForWindow = (event: JobEvent) => describeWith(event, english.t)

describe('window title and taskbar progress', () => {
  it('follows a running job, never showing 100% before it ends', () => {
    expect(describeJobForWindow({ type: 'progress', progress: snapshotOf('j', 999, 1000) })).toEqual({
      title: 'Ferry — 99% copied',
      progress: 0.999,
      mode: 'normal',
    })
  })

  it('shows paused, and an indeterminate bar while nothing is known yet', () => {
    const paused = { ...snapshotOf('j', 25, 100), state: 'paused' as const }
    expect(describeJobForWindow({ type: 'progress', progress: paused })).toMatchObject({
      title: 'Ferry — paused at 25%',
      mode: 'paused',
    })
    const scanning = { ...snapshotOf('j', 0, 0), scanning: true }
    expect(describeJobForWindow({ type: 'progress', progress: scanning })).toMatchObject({
      mode: 'indeterminate',
    })
  })

  it('removes the bar when the job ends and says how it ended', () => {
    const failed = { ...summaryOf('j', 'done'), filesDone: 5, filesFailed: 2 }
    expect(describeJobForWindow({ type: 'finished', summary: failed })).toEqual({
      title: 'Ferry — copy finished, 2 failed',
      progress: -1,
      mode: 'none',
    })
    expect(describeJobForWindow({ type: 'finished', summary: summaryOf('j', 'terminated') })?.title).toBe(
      'Ferry — copy terminated',
    )
    expect(describeJobForWindow({ type: 'files', jobId: 'j', results: [] })).toBeUndefined()
  })
})

describe("window title in the window's language", () => {
  it('speaks 简体中文 once the window says so, and English again after', () => {
    const i18n = createMainI18n(['en-US'])
    const running: JobEvent = { type: 'progress', progress: snapshotOf('j', 42, 100) }
    expect(describeWith(running, i18n.t)?.title).toBe('Ferry — 42% copied')
    i18n.setLanguage('zh-CN')
    expect(i18n.language).toBe('zh-CN')
    expect(describeWith(running, i18n.t)?.title).toBe('Ferry — 已复制 42%')
    const failed = { ...summaryOf('j', 'done'), filesDone: 3, filesFailed: 2 }
    expect(describeWith({ type: 'finished', summary: failed }, i18n.t)?.title).toBe(
      'Ferry — 复制完成，2 个失败',
    )
    const nothing = { ...summaryOf('j', 'done'), filesFailed: 4 }
    expect(describeWith({ type: 'finished', summary: nothing }, i18n.t)?.title).toBe(
      'Ferry — 没有复制任何文件',
    )
    i18n.setLanguage('en')
    expect(describeWith(running, i18n.t)?.title).toBe('Ferry — 42% copied')
  })

  it('starts in the system language (app.getLocale()) until the window says otherwise', () => {
    expect(createMainI18n(['zh-CN']).t('main.quitKeep')).toBe('继续复制')
    expect(createMainI18n(['zh-TW', 'fr']).language).toBe('en')
  })

  it('picks English plural forms and falls back to English for a missing key', () => {
    const i18n = createMainI18n(['en'])
    const one = { ...summaryOf('j', 'done'), filesDone: 1, filesFailed: 1 }
    expect(describeWith({ type: 'finished', summary: one }, i18n.t)?.title).toBe(
      'Ferry — copy finished, 1 failed',
    )
  })
})

describe('taskbar progress through the phases', () => {
  it('is indeterminate while counting and while writing to disk, never a full bar before the end', () => {
    const counting = { ...snapshotOf('j', 50, 100), scanning: true }
    expect(describeJobForWindow({ type: 'progress', progress: counting })).toMatchObject({
      title: 'Ferry — counting…',
      mode: 'indeterminate',
    })
    const syncing = { ...snapshotOf('j', 100, 100), phase: 'syncing' as const, bytesToFlush: 40 }
    const shown = describeJobForWindow({ type: 'progress', progress: syncing })
    expect(shown).toMatchObject({ title: 'Ferry — writing to disk…', mode: 'indeterminate' })
    expect(shown?.mode).not.toBe('none')
    const allWritten = describeJobForWindow({ type: 'progress', progress: snapshotOf('j', 100, 100) })
    expect(allWritten?.progress).toBeLessThan(1)
    expect(allWritten?.title).toBe('Ferry — 99% copied')
  })
})
