import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runFerry } from '../helpers/cli'
import { mountTmpfs, type TmpfsMount } from '../helpers/tmpfs'

let root: string
let mount: TmpfsMount

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-cli-full-'))
  await mkdir(join(root, 'src'))
  await writeFile(join(root, 'src/small.txt'), 'fits easily')
  await writeFile(join(root, 'src/big.bin'), randomBytes(3 << 20))
  await mkdir(join(root, 'disk'))
  mount = await mountTmpfs(join(root, 'disk'), 1 << 20)
})

afterAll(async () => {
  if (mount.ok) await mount.unmount()
  await rm(root, { recursive: true, force: true })
})

describe('a destination without enough space (1 MiB tmpfs)', () => {
  it('warns on stderr before copying, fails the file that does not fit (exit 1) and keeps the others', async (ctx) => {
    if (!mount.ok) ctx.skip(mount.reason)
    const dest = join(root, 'disk/copy')
    // Two threads: the small file may be written while the big one fills the disk; it is retried once the big
    // one's partial is gone, so it is copied all the same.
    const result = await runFerry(['--jobs', '2', join(root, 'src'), dest])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^ferry: warning: .*larger than the free space/m)
    expect(result.stderr).toMatch(/^ferry: failed: src\/big\.bin: .*\[DISK_FULL\]$/m)
    expect(await readFile(join(dest, 'small.txt'), 'utf8')).toBe('fits easily')
    expect(await readdir(dest)).toEqual(['small.txt'])
  })
})
