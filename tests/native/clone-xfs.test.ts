/**
 * Clone first: on a loop-mounted XFS image (reflink on by default) a copy shares the source's extents — the
 * filesystem's free space does not shrink by the file's size and xfs_io's fiemap marks the extents shared.
 * Root only (mount), and needs mkfs.xfs and xfs_io; skipped with the reason otherwise.
 */
import fs from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OutFlag } from '../../src/engine/native/constants'
import { copyOne, core, hasTool, noNative, notRoot, sh, sha256, TempDirs } from './native-helpers'

const temp = new TempDirs()
let mounted: string | undefined
let why: string | undefined = 'not set up'

beforeAll(async () => {
  if (noNative) return
  if (notRoot) return void (why = notRoot)
  if (!(await hasTool('mkfs.xfs')) || !(await hasTool('xfs_io'))) return void (why = 'xfsprogs missing')
  const dir = await temp.make('nxfs')
  const image = join(dir, 'xfs.img')
  fs.writeFileSync(image, '')
  fs.truncateSync(image, 512 << 20)
  try {
    await sh('mkfs.xfs', ['-q', image])
    fs.mkdirSync(join(dir, 'mnt'))
    await sh('mount', ['-o', 'loop', image, join(dir, 'mnt')])
    mounted = join(dir, 'mnt')
    why = undefined
  } catch (error) {
    why = `cannot mount an XFS image: ${String(error).split('\n')[0]}`
  }
}, 60_000)

afterAll(async () => {
  if (mounted) await sh('umount', [mounted]).catch(() => sh('umount', ['-l', mounted ?? '']))
  await temp.cleanup()
})

describe.skipIf(noNative)('native clone on XFS', () => {
  it('clones a 64 MiB file: shared extents, no space used, identical bytes', async ({ skip }) => {
    if (!mounted) skip(why ?? 'no XFS')
    const mnt = mounted ?? ''
    fs.mkdirSync(join(mnt, 'src'))
    fs.mkdirSync(join(mnt, 'dst'))
    const data = Buffer.alloc(64 << 20)
    for (let i = 0; i < data.length; i += 4096) data.writeUInt32LE(i, i)
    fs.writeFileSync(join(mnt, 'src', 'big'), data)
    fs.writeFileSync(join(mnt, 'src', 'small'), 'small files clone too')
    core().syncfs(mnt)
    const free = fs.statfsSync(mnt).bfree * fs.statfsSync(mnt).bsize
    core().resetMemo()
    for (const name of ['big', 'small']) {
      const outcome = copyOne(join(mnt, 'src'), name, join(mnt, 'dst'))
      expect(outcome.status).toBe('done')
      expect(outcome.flags & OutFlag.CLONED).toBe(OutFlag.CLONED)
      expect(sha256(join(mnt, 'dst', name))).toBe(sha256(join(mnt, 'src', name)))
    }
    core().syncfs(mnt)
    const used = free - fs.statfsSync(mnt).bfree * fs.statfsSync(mnt).bsize
    expect(used).toBeLessThan(4 << 20)
    const fiemap = await sh('xfs_io', ['-r', '-c', 'fiemap -v', join(mnt, 'dst', 'big')])
    // FIEMAP_EXTENT_SHARED is flag 0x2000.
    expect(fiemap).toMatch(/0x2\d{3}\b/)
  })
})
