/**
 * A source swapped after the walk: for a symlink (ELOOP at the O_NOFOLLOW open) or a FIFO (opened O_NONBLOCK, so
 * the copy does not hang) the outcome is source-changed, nothing is written, and no temp is left.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { copyOne, noNative, TempDirs } from './native-helpers'

const temp = new TempDirs()
afterAll(() => temp.cleanup())

/** Writes `name`, records the walk's identity, then lets `swap` replace it. */
async function walkedThenSwapped(swap: (path: string) => void) {
  const src = await temp.make('nswap')
  const dst = await temp.make('nswap-dst')
  fs.writeFileSync(join(src, 'file'), 'walked content')
  const walked = fs.lstatSync(join(src, 'file'), { bigint: true })
  fs.unlinkSync(join(src, 'file'))
  swap(join(src, 'file'))
  return { src, dst, identity: { dev: walked.dev, ino: walked.ino } }
}

describe.skipIf(noNative)('native copy of a source changed after the walk', () => {
  it('a symlink in its place is source-changed (ELOOP at open-source), not followed', async () => {
    const secret = join(await temp.make('nsecret'), 'secret')
    fs.writeFileSync(secret, 'secret', { mode: 0o600 })
    const { src, dst, identity } = await walkedThenSwapped((path) => fs.symlinkSync(secret, path))
    const outcome = copyOne(src, 'file', dst, { identity })
    expect(outcome).toMatchObject({
      status: 'source-changed',
      code: 'ELOOP',
      step: 'open-source',
      path: 'source',
    })
    expect(fs.readdirSync(dst)).toEqual([])
  })

  it('a FIFO in its place is source-changed at once (no blocking open)', async () => {
    const { src, dst, identity } = await walkedThenSwapped((path) => execFileSync('mkfifo', [path]))
    const started = performance.now()
    const outcome = copyOne(src, 'file', dst, { identity })
    expect(performance.now() - started).toBeLessThan(1000)
    expect(outcome).toMatchObject({ status: 'source-changed', step: 'check-source', path: 'source' })
    expect(fs.readdirSync(dst)).toEqual([])
  })

  it('another regular file under the name (another inode) is source-changed', async () => {
    const src = await temp.make('nswap2')
    const dst = await temp.make('nswap2-dst')
    fs.writeFileSync(join(src, 'file'), 'walked')
    const walked = fs.lstatSync(join(src, 'file'), { bigint: true })
    fs.writeFileSync(join(src, 'other'), 'replacement')
    fs.renameSync(join(src, 'other'), join(src, 'file'))
    const outcome = copyOne(src, 'file', dst, { identity: { dev: walked.dev, ino: walked.ino } })
    expect(outcome).toMatchObject({ status: 'source-changed', step: 'check-source' })
    expect(fs.readdirSync(dst)).toEqual([])
  })

  it('the same file rewritten since the walk is copied as it is now, flagged', async () => {
    const src = await temp.make('nrewrite')
    const dst = await temp.make('nrewrite-dst')
    fs.writeFileSync(join(src, 'file'), 'short')
    const walked = fs.lstatSync(join(src, 'file'), { bigint: true })
    fs.appendFileSync(join(src, 'file'), ' and longer')
    const outcome = copyOne(src, 'file', dst, {
      identity: { dev: walked.dev, ino: walked.ino },
      size: Number(walked.size),
      mtimeNs: walked.mtimeNs,
    })
    expect(outcome.status).toBe('done')
    expect(outcome.flags & 64).toBe(64) // OutFlag.CHANGED_SINCE_WALK
    expect(fs.readFileSync(join(dst, 'file'), 'utf8')).toBe('short and longer')
  })
})
