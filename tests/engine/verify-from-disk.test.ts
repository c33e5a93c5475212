/**
 * `--verify` checks the disk, not memory (issue 11): after a copy is synced its cached pages are dropped
 * (`posix_fadvise(DONTNEED)`, native core on Linux), so the read-back is served by the device. Measured on a real
 * loop-mounted ext4 image through the loop device's own counter (`/sys/block/loopN/stat`, sectors read): the
 * read-back must read at least the file's bytes from the device. Without the eviction the pages written a moment
 * ago answer the read and the device reads (almost) nothing. The JS core cannot drop pages: it says so (`cache`).
 * Root only (loop mount); skipped with the reason otherwise.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanupImages, makeImage, whyNoImages, type FsImage } from '../helpers/fs-images'
import { runJob } from '../helpers/job-run'
import { writePatternFile } from '../helpers/pattern-file'
import { hashFile } from '../helpers/tree'
import { useEngineSuite } from '../helpers/engine-suite'

const { engine, temp } = useEngineSuite()
const SIZE = 24 << 20
const why = whyNoImages('ext4')
const nativeCore = process.env.FERRY_CORE !== 'js'
let image: FsImage | undefined

beforeAll(async () => {
  if (!why) image = await makeImage('ext4', 256 << 20)
}, 60_000)
afterAll(async () => {
  await cleanupImages()
})

/** Sectors (512 bytes) the loop device behind `dir` has read so far. */
function sectorsRead(dir: string): number {
  const device = execFileSync('findmnt', ['-n', '-o', 'SOURCE', '--target', dir], { encoding: 'utf8' }).trim()
  const stat = fs
    .readFileSync(`/sys/block/${basename(device)}/stat`, 'utf8')
    .trim()
    .split(/\s+/)
  return Number(stat[2])
}

describe.skipIf(why)(`--verify reads the copy back${why ? ` (skipped: ${why})` : ''}`, () => {
  it(
    nativeCore
      ? 'from the disk: the loop device reads the whole file during the read-back, and the job says "disk"'
      : 'on the JS core from wherever the kernel serves it, and the job says "cache"',
    async () => {
      const src = join(await temp.make('src'), 'big.bin')
      await writePatternFile(src, SIZE, 11)
      const dst = join(image!.dir, `copy-${Date.now()}.bin`)
      const before = sectorsRead(image!.dir)
      const { rec, summary } = await runJob(engine, { sources: [src], destination: dst, verify: true })
      const read = (sectorsRead(image!.dir) - before) * 512
      expect(summary.state).toBe('done')
      expect(summary.filesDone).toBe(1)
      expect(await hashFile(dst)).toBe(await hashFile(src))
      const started = rec.events.find((event) => event.type === 'started')
      const mode = nativeCore ? 'disk' : 'cache'
      expect(started?.type === 'started' && started.runtime?.verifyReadBack).toBe(mode)
      expect(summary.verifiedFrom).toBe(mode)
      if (nativeCore) expect(read).toBeGreaterThanOrEqual(SIZE)
    },
    60_000,
  )
})
