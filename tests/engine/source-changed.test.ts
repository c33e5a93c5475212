import { appendFile, lstat, open } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pauseMidFile, startRecorded } from '../helpers/job-run'
import { writePatternFile } from '../helpers/pattern-file'
import { partialLookingNames, snapshotTree, writeTree } from '../helpers/tree'
import { useEngineSuite } from '../helpers/engine-suite'

const { engine, temp } = useEngineSuite()

/**
 * Copies a folder holding `live.bin` (96 MiB) and `stable.txt`, calls `change` on `live.bin` while its copy is paused
 * mid-file, resumes, and returns what became of it.
 */
async function copyWhileChanging(change: (path: string) => Promise<void>) {
  const src = join(await temp.make('src'), 'data')
  await writeTree(src, { 'stable.txt': 'stable' })
  const live = join(src, 'live.bin')
  await writePatternFile(live, 96 << 20, 5)
  const dst = join(await temp.make('dst'), 'copy')
  const { job, rec } = await startRecorded(engine, { sources: [src], destination: dst, chunkSize: 64 << 10 })

  await pauseMidFile(job, live)
  await change(live)
  job.resume()
  const summary = await job.done

  return { summary, result: rec.resultFor(live), stable: rec.resultFor(join(src, 'stable.txt')), dst, live }
}

describe('a source that changes while it is copied', () => {
  it('is reported SOURCE_CHANGED when it grows, and is not left under its final name', async () => {
    const run = await copyWhileChanging((path) => appendFile(path, Buffer.alloc(1 << 20, 7)))

    expect(run.result).toMatchObject({ status: 'failed', error: { code: 'SOURCE_CHANGED' } })
    expect(run.result.error?.message).toContain(run.live)
    expect(run.stable.status).toBe('done')
    expect(run.summary).toMatchObject({ state: 'done', filesDone: 1, filesFailed: 1 })
    await expect(lstat(join(run.dst, 'live.bin'))).rejects.toMatchObject({ code: 'ENOENT' })
    const left = await snapshotTree(run.dst)
    expect(partialLookingNames(left)).toEqual([])
    expect([...left.keys()]).toEqual(['stable.txt'])
  })

  it('is reported SOURCE_CHANGED when rewritten in place at the same size', async () => {
    const run = await copyWhileChanging(async (path) => {
      // Bytes already copied change; the size does not. Only the modification time tells.
      const handle = await open(path, 'r+')
      await handle.write(Buffer.from('rewritten while being copied'), 0, undefined, 0)
      await handle.close()
    })

    expect(run.result).toMatchObject({ status: 'failed', error: { code: 'SOURCE_CHANGED' } })
    await expect(lstat(join(run.dst, 'live.bin'))).rejects.toMatchObject({ code: 'ENOENT' })
    expect([...(await snapshotTree(run.dst)).keys()]).toEqual(['stable.txt'])
  })
})
