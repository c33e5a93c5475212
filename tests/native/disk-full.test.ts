/**
 * A real full disk: a 1 MiB tmpfs. The copy fails with ENOSPC at the write step on the temp path, and the temp is
 * removed, so the disk is as empty as before.
 */
import fs from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mountTmpfs, type TmpfsMount } from '../helpers/tmpfs'
import { copyOne, noNative, TempDirs } from './native-helpers'

const temp = new TempDirs()
let disk: TmpfsMount = { ok: false, reason: 'not mounted yet' }

beforeAll(async () => {
  if (noNative) return
  const dir = join(await temp.make('nfull'), 'disk')
  fs.mkdirSync(dir)
  disk = await mountTmpfs(dir, 1 << 20)
})

afterAll(async () => {
  if (disk.ok) await disk.unmount()
  await temp.cleanup()
})

describe.skipIf(noNative)('native copy onto a full disk', () => {
  it('fails with ENOSPC at the write step, names the temp, and leaves nothing behind', async ({ skip }) => {
    if (!disk.ok) skip(disk.reason)
    const mount = disk.ok ? disk.dir : ''
    const src = await temp.make('nfull-src')
    fs.writeFileSync(join(src, 'big'), Buffer.alloc(3 << 20, 1))
    const usedBefore = fs.statfsSync(mount).bfree
    const outcome = copyOne(src, 'big', mount, {}, { chunkSize: 256 << 10 })
    expect(outcome).toMatchObject({ status: 'failed', code: 'ENOSPC', step: 'write', path: 'temp', bytes: 0 })
    expect(fs.readdirSync(mount)).toEqual([])
    expect(fs.statfsSync(mount).bfree).toBe(usedBefore)
  })
})
