import { describe, expect, it } from 'vitest'
import { CommitGroups } from '../../src/engine/commit-groups'
import { asBytePath } from '../../src/engine/lib/byte-path'
import type { CommitOutcome, CommitTask, CopyItem } from '../../src/engine/protocol'

// Issue 10 (memory): when commits are slower than the copy, the dispatcher must wait instead of letting written
// files pile up (a 1,000,000-file sync copy peaked at 266 MiB before this bound).

function item(id: number): CopyItem {
  const dst = asBytePath(`/dst/f${id}`)
  return {
    id,
    kind: 'file',
    src: asBytePath(`/src/f${id}`),
    dst,
    name: `f${id}`,
    size: 0,
    dev: 1,
    ino: id + 1,
  }
}

const settled = (): Promise<boolean> => new Promise((resolve) => setImmediate(() => resolve(false)))

describe('commit groups: backpressure', () => {
  it('holds room() while two groups of files wait for slow commits, and gives it back as they finish', async () => {
    const running: Array<{ task: CommitTask; finish: () => void }> = []
    const groups = new CommitGroups({
      run: (task) =>
        new Promise<CommitOutcome[]>((resolve) =>
          running.push({
            task,
            finish: () => resolve(task.entries.map((e) => ({ id: e.id, status: 'done' }))),
          }),
        ),
      settle: () => undefined,
      terminated: () => false,
    })
    await expect(groups.room()).resolves.toBeUndefined()
    let id = 0
    const add = (): void => {
      const it = item(id++)
      groups.add(
        it,
        { id: it.id, temp: asBytePath(`/dst/.t${it.id}`), dst: it.dst, replace: false, fresh: true },
        0,
      )
    }
    // Fill groups until room() no longer answers at once: that must happen, and at a bounded count.
    let waited: Promise<void> | undefined
    while (id < 100_000) {
      add()
      const room = groups.room()
      const quick = await Promise.race([room.then(() => true), settled()])
      if (!quick) {
        waited = room
        break
      }
    }
    expect(waited, 'room() never waited').toBeDefined()
    expect(id).toBeLessThanOrEqual(20_000)
    expect(running.length).toBeGreaterThanOrEqual(1)
    let resolved = false
    void waited!.then(() => (resolved = true))
    await settled()
    expect(resolved).toBe(false)
    // One finished commit frees room.
    running.shift()!.finish()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(resolved).toBe(true)
    for (const r of running) r.finish()
    groups.seal()
    for (const r of running) r.finish()
  })
})
