import { execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useEngineSuite } from '../helpers/engine-suite'
import { runJob } from '../helpers/job-run'

const { engine, temp } = useEngineSuite()

describe('failures found by the walk', () => {
  it('each has its own id, its own path and its real kind (a FIFO is special, not a directory)', async () => {
    const src = join(await temp.make('src'), 'tree')
    await mkdir(src, { recursive: true })
    for (let i = 0; i < 5; i++) execFileSync('mkfifo', [join(src, `pipe-${i}`)])
    await writeFile(join(src, 'ok.txt'), 'ok')
    const { summary, rec } = await runJob(engine, {
      sources: [src],
      destination: join(await temp.make('dst'), 'c'),
    })
    expect(summary).toMatchObject({ filesDone: 1, filesFailed: 5 })
    const failed = rec.results.filter((r) => r.status === 'failed')
    expect(failed).toHaveLength(5)
    expect(new Set(failed.map((r) => r.id)).size).toBe(5)
    expect(failed.every((r) => r.id >= 0)).toBe(true)
    expect(new Set(failed.map((r) => r.src)).size).toBe(5)
    expect(failed.map((r) => r.kind)).toEqual(Array(5).fill('special'))
    expect(failed.map((r) => r.error?.code)).toEqual(Array(5).fill('UNSUPPORTED'))
  })

  it('a file under a folder that could not be created fails with that folder’s reason, not NOT_FOUND', async () => {
    const src = join(await temp.make('src'), 'tree')
    await mkdir(join(src, 'sub'), { recursive: true })
    await writeFile(join(src, 'sub', 'inner.txt'), 'inner')
    const dst = await temp.make('dst')
    await mkdir(join(dst, 'tree'))
    await writeFile(join(dst, 'tree', 'sub'), 'a file in the way of the folder')
    const { rec } = await runJob(engine, { sources: [src], destination: dst })
    const inner = rec.results.find((r) => r.name.endsWith('sub/inner.txt'))
    expect(inner?.status).toBe('failed')
    expect(inner?.error?.code).toBe('NOT_A_DIRECTORY')
    expect(inner?.error?.message).toMatch(/could not be created/)
  })
})
