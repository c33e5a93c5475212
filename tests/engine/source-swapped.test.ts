import { execFile } from 'node:child_process'
import { mkdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { pauseMidFile, startRecorded, withTimeout } from '../helpers/job-run'
import { writePatternFile } from '../helpers/pattern-file'
import { useEngineSuite } from '../helpers/engine-suite'
import { snapshotTree, writeTree } from '../helpers/tree'

// Between the walk and the copy a file may be swapped. The worker opens it with O_NOFOLLOW | O_NONBLOCK and checks
// the descriptor is still the walked regular file (dev, ino): otherwise SOURCE_CHANGED, nothing copied.

const run = promisify(execFile)
const { engine, temp } = useEngineSuite()

/** Copies a folder whose `sub/file.txt` is replaced by `swap` while the first (large) file is paused mid-copy. */
async function copyWithSwap(swap: (path: string) => Promise<void>) {
  const base = await temp.make('swap')
  const src = join(base, 'src')
  await mkdir(src, { recursive: true })
  await writePatternFile(join(src, 'big.bin'), 32 << 20, 9)
  await writeTree(join(src, 'sub'), { 'file.txt': 'harmless' })
  const dst = join(base, 'dst')
  const { job, rec } = await startRecorded(engine, {
    sources: [src],
    destination: dst,
    chunkSize: 64 << 10,
    threads: 1,
  })
  await pauseMidFile(job, join(src, 'big.bin'))
  await swap(join(src, 'sub', 'file.txt'))
  job.resume()
  const summary = await withTimeout(job.done, 20_000, 'the job after the swap')
  return { base, dst, summary, result: rec.resultFor(join(src, 'sub', 'file.txt')) }
}

describe('a source file swapped after the walk', () => {
  it('for a link to a secret is not copied', async () => {
    const secretDir = await temp.make('secret')
    await writeFile(join(secretDir, 'shadow'), 'root-only secret', { mode: 0o600 })
    const { dst, result } = await copyWithSwap(async (path) => {
      await rm(path)
      await symlink(join(secretDir, 'shadow'), path)
    })

    expect(result).toMatchObject({ status: 'failed', error: { code: 'SOURCE_CHANGED' } })
    expect(result.error?.message).toContain('symbolic link')
    const copied = await snapshotTree(dst)
    expect([...copied.keys()].filter((name) => name.includes('file.txt'))).toEqual([])
  })

  it('for a FIFO does not block the worker', async () => {
    const { result, summary } = await copyWithSwap(async (path) => {
      await rm(path)
      await run('mkfifo', [path])
    })

    expect(result).toMatchObject({ status: 'failed', error: { code: 'SOURCE_CHANGED' } })
    expect(summary.state).toBe('done')
  })

  it('for another file is reported, not copied', async () => {
    const { dst, result } = await copyWithSwap(async (path) => {
      await writeFile(`${path}.new`, 'replacement')
      await rename(`${path}.new`, path)
    })

    expect(result).toMatchObject({ status: 'failed', error: { code: 'SOURCE_CHANGED' } })
    await expect(stat(join(dst, 'sub', 'file.txt'))).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe('a kernel file that says it is empty', () => {
  it('is copied until end of file, as cp does (/proc/version)', async () => {
    const dst = await temp.make('proc')
    const { job } = await startRecorded(engine, { sources: ['/proc/version'], destination: dst })
    const summary = await job.done

    expect(summary.filesDone).toBe(1)
    expect(await readFile(join(dst, 'version'), 'utf8')).toBe(await readFile('/proc/version', 'utf8'))
  })
})
