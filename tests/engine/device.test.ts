import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeDestination, threadsFor } from '../../src/engine/device'
import { useEngineSuite } from '../helpers/engine-suite'
import { mountTmpfs } from '../helpers/tmpfs'

const isRoot = process.getuid?.() === 0

describe('the destination device decides the default threads', () => {
  it('one writer for a rotational disk, one per core for memory and SSDs, more for a network filesystem', () => {
    const of = (kind: 'memory' | 'ssd' | 'rotational' | 'network' | 'unknown') =>
      threadsFor({ kind, fsType: 'x', removable: false }, 4)
    expect(of('rotational').threads).toBe(1)
    expect(of('memory').threads).toBe(4)
    expect(of('ssd').threads).toBe(4)
    expect(of('network').threads).toBeGreaterThanOrEqual(4)
    expect(of('unknown').threads).toBe(2)
    expect(of('rotational').why).toMatch(/rotational/)
  })

  it('reads the filesystem type of the nearest existing folder of a path that does not exist yet', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-device-'))
    try {
      const device = await describeDestination(join(dir, 'not', 'yet', 'there'))
      expect(device.fsType).not.toBe('unknown')
    } finally {
      await rm(dir, { recursive: true })
    }
  })
})

describe.skipIf(!isRoot)('on a real tmpfs (root)', () => {
  const { engine, temp } = useEngineSuite({ threads: undefined })

  it('is memory, and the started event says what was chosen and why', async () => {
    const mounted = await mountTmpfs(await temp.make('mnt'), 8 * 2 ** 20)
    if (!mounted.ok) throw new Error(mounted.reason)
    try {
      const device = await describeDestination(mounted.dir)
      expect(device).toEqual({ kind: 'memory', fsType: 'tmpfs', removable: false })
      const src = await temp.make('src')
      const events: unknown[] = []
      const destination = join(mounted.dir, 'copy')
      const job = await engine.start({ sources: [src], destination }, { onEvent: (e) => events.push(e) })
      await job.done
      expect(events[0]).toMatchObject({
        type: 'started',
        runtime: {
          threadsWhy: expect.stringMatching(/in memory/),
          device: { kind: 'memory', fsType: 'tmpfs' },
        },
      })
    } finally {
      await mounted.unmount()
    }
  })
})
