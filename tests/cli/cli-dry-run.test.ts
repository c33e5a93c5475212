import { execFileSync } from 'node:child_process'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runFerry } from '../helpers/cli'
import { TempDirs } from '../helpers/temp-dirs'

const isRoot = process.getuid?.() === 0
const temp = new TempDirs()
let readOnly: string | undefined

beforeAll(async () => {
  if (!isRoot) return
  readOnly = await temp.make('ro')
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', readOnly])
})
afterAll(async () => {
  if (readOnly) execFileSync('umount', ['-l', readOnly])
  await temp.cleanup()
})

describe.skipIf(!isRoot)('--dry-run onto a read-only filesystem (root: a read-only tmpfs)', () => {
  it('says a real run would fail and exits 1, writing nothing', async () => {
    const src = join(await temp.make('src'), 'tree')
    await mkdir(src, { recursive: true })
    await writeFile(join(src, 'a.txt'), 'a')
    const result = await runFerry(['--dry-run', src, join(readOnly!, 'copy')])
    expect(result.code).toBe(1)
    const json = await runFerry(['--dry-run', '--json', src, join(readOnly!, 'copy')])
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout.trim().split('\n').at(-1)!)).toMatchObject({ type: 'plan', exitCode: 1 })
    expect(await readdir(readOnly!)).toEqual([])
  })
})
