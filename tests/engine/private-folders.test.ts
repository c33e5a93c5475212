import { execFile } from 'node:child_process'
import { chmod, chown, mkdir, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { pauseMidFile, startRecorded } from '../helpers/job-run'
import { writePatternFile } from '../helpers/pattern-file'
import { cannotDropPrivileges, copyAsNobody, NOBODY_UID, NOGROUP_GID } from '../helpers/privileges'
import { useEngineSuite } from '../helpers/engine-suite'
import { writeTree } from '../helpers/tree'

// Folders are created owner-only and get their mode at the end, so nobody else reads a private folder's files
// while they are copied; a folder whose source could not be read keeps owner rwx so that a retry can fill it.

const run = promisify(execFile)
const { engine, temp } = useEngineSuite()
const skipReason = cannotDropPrivileges()
const restore: string[] = []

afterAll(async () => {
  for (const dir of restore) await chmod(dir, 0o755).catch(() => undefined)
})

describe('a private folder being copied', () => {
  it.skipIf(skipReason)('cannot be read by another user mid-copy', async () => {
    const base = await temp.make('private')
    await chmod(base, 0o755)
    const src = join(base, 'src')
    await writeTree(src, { 'diary.txt': 'private' })
    await writePatternFile(join(src, 'zz-big.bin'), 64 << 20, 3)
    await chmod(src, 0o700)
    const dst = join(base, 'dst')
    await mkdir(dst, { mode: 0o755 })
    await chmod(dst, 0o755)
    const { job } = await startRecorded(engine, {
      sources: [src],
      destination: dst,
      chunkSize: 64 << 10,
      threads: 1,
    })

    await pauseMidFile(job, join(src, 'zz-big.bin'))
    const mode = (await stat(join(dst, 'src'))).mode & 0o777
    const peek = await run('setpriv', [
      '--reuid=nobody',
      '--regid=nogroup',
      '--clear-groups',
      'ls',
      join(dst, 'src'),
    ]).then(
      () => 'listed',
      () => 'denied',
    )
    job.resume()
    await job.done

    expect(mode & 0o077).toBe(0)
    expect(peek).toBe('denied')
    expect((await stat(join(dst, 'src'))).mode & 0o777).toBe(0o700)
  })
})

describe.skipIf(skipReason)('an unreadable source folder (run as nobody)', () => {
  it('leaves a destination folder a retry can write into, then gets its mode', async () => {
    const base = await temp.make('locked')
    await chmod(base, 0o755)
    const src = join(base, 'src')
    await writeTree(src, { 'ok.txt': 'ok', locked: { 'inside.txt': 'inside' } })
    await chown(src, NOBODY_UID, NOGROUP_GID)
    await chown(join(src, 'locked'), NOBODY_UID, NOGROUP_GID)
    await chmod(join(src, 'locked'), 0o000)
    restore.push(join(src, 'locked'))
    const dst = join(base, 'dst')
    await mkdir(dst)
    await chown(dst, NOBODY_UID, NOGROUP_GID)

    const first = await copyAsNobody({ sources: [src], destination: dst })
    if (!first.ok) throw new Error(JSON.stringify(first.error))
    expect(first.summary.filesFailed + first.summary.filesDone).toBeGreaterThan(0)
    const lockedCopy = join(dst, 'src', 'locked')
    expect((await stat(lockedCopy)).mode & 0o700).toBe(0o700)

    await chmod(join(src, 'locked'), 0o500) // the owner fixes the source: readable, still read-only
    const retry = await copyAsNobody({ sources: [join(src, 'locked')], destination: join(dst, 'src') })
    if (!retry.ok) throw new Error(JSON.stringify(retry.error))

    expect(retry.summary.filesFailed).toBe(0)
    expect(await readdir(lockedCopy)).toEqual(['inside.txt'])
    expect((await stat(lockedCopy)).mode & 0o777).toBe(0o500)
  }, 120_000)
})
