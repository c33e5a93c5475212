import { chmod, chown, lstat, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FileResult } from '../../src/shared/job'
import {
  cannotDropPrivileges,
  copyAsNobody,
  NOBODY_UID,
  NOGROUP_GID,
  type UnprivilegedOutcome,
} from '../helpers/privileges'
import { TempDirs } from '../helpers/temp-dirs'
import { hashFile, partialLookingNames, snapshotTree, writeTree } from '../helpers/tree'

// Root ignores mode bits, so the job runs in a child process as `nobody` (see helpers/privileges.ts). One job covers
// an unreadable file, an unlistable folder and an unwritable destination folder; each test checks one of them.

const temp = new TempDirs()
const skipReason = cannotDropPrivileges()
let src: string
let dst: string
let outcome: UnprivilegedOutcome

beforeAll(async () => {
  if (skipReason) return
  const base = await temp.make('perm')
  await chmod(base, 0o755)
  src = join(base, 'src')
  dst = join(base, 'dst')
  await writeTree(src, {
    'ok-1.txt': 'readable one',
    'ok-2.txt': 'readable two',
    'secret.txt': 'nobody may read this',
    sub: { 'ok-3.txt': 'readable three' },
    locked: { 'hidden.txt': 'in a folder nobody may list' },
    'readonly-target': { 'x.txt': 'goes into a folder nobody may write' },
  })
  await chmod(join(src, 'secret.txt'), 0o000)
  await chmod(join(src, 'locked'), 0o000)
  // The destination belongs to nobody, except one pre-existing sub folder that stays root's (0755).
  await mkdir(join(dst, 'src', 'readonly-target'), { recursive: true })
  await chown(dst, NOBODY_UID, NOGROUP_GID)
  await chown(join(dst, 'src'), NOBODY_UID, NOGROUP_GID)
  outcome = await copyAsNobody({ sources: [src], destination: dst })
}, 90_000)

afterAll(async () => {
  if (src) await chmod(join(src, 'locked'), 0o755) // so cleanup can descend even without root
  await temp.cleanup()
})

function completed(): {
  results: FileResult[]
  summary: Extract<UnprivilegedOutcome, { ok: true }>['summary']
} {
  if (!outcome.ok) throw new Error(`the unprivileged job was refused: ${JSON.stringify(outcome.error)}`)
  return outcome
}

describe.skipIf(skipReason)('permission errors (run as nobody)', () => {
  it('finishes the job and copies every readable file identically', async () => {
    const { summary, results } = completed()

    expect(summary.state).toBe('done')
    for (const name of ['ok-1.txt', 'ok-2.txt', 'sub/ok-3.txt']) {
      expect(results.find((result) => result.src === join(src, name))?.status, name).toBe('done')
      expect(await hashFile(join(dst, 'src', name))).toBe(await hashFile(join(src, name)))
    }
    expect(partialLookingNames(await snapshotTree(dst))).toEqual([])
  })

  it('reports an unreadable source file as PERMISSION_DENIED, naming it, and writes nothing for it', async () => {
    const { summary, results } = completed()
    const secret = join(src, 'secret.txt')

    const result = results.find((entry) => entry.src === secret)
    expect(result).toMatchObject({ status: 'failed', error: { code: 'PERMISSION_DENIED' } })
    expect(result?.error?.message).toContain(secret)
    expect(summary.failures.map((failure) => failure.src)).toContain(secret)
    await expect(lstat(join(dst, 'src', 'secret.txt'))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('reports a folder it cannot list as PERMISSION_DENIED, naming it, and goes on', async () => {
    const { summary } = completed()
    const locked = join(src, 'locked')

    const reports = [...summary.failures.map((failure) => failure.error), ...summary.warnings]
    const aboutLocked = reports.filter((report) => report?.message.includes(locked))
    expect(aboutLocked.length).toBeGreaterThanOrEqual(1)
    expect(aboutLocked.map((report) => report?.code)).toContain('PERMISSION_DENIED')
  })

  it('reports a file whose destination folder is not writable as PERMISSION_DENIED, naming the destination', async () => {
    const { results } = completed()
    const target = join(dst, 'src', 'readonly-target')

    const result = results.find((entry) => entry.src === join(src, 'readonly-target', 'x.txt'))
    expect(result).toMatchObject({ status: 'failed', error: { code: 'PERMISSION_DENIED' } })
    expect(result?.error?.message).toContain(target)
    expect((await snapshotTree(target)).size).toBe(0)
  })
})
