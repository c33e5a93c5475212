import { describe, expect, it } from 'vitest'
import { describeJobForWindow } from '../../../src/main/electron/window-progress'
import { snapshotOf, summaryOf } from '../ipc/fake-engine'

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
    const failed = { ...summaryOf('j', 'done'), filesFailed: 2 }
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
