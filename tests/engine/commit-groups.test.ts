import { execFileSync } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyCore } from '../../src/engine'
import { useEngineSuite } from '../helpers/engine-suite'
import { runJob } from '../helpers/job-run'
import { seededBytes } from '../helpers/pattern-file'
import { writeTree } from '../helpers/tree'

const { engine, temp } = useEngineSuite()

const hasStrace = (() => {
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

describe('commit groups: done means on the disk', () => {
  it('ends with a "Writing to disk" phase that flushes everything, and says the copy is durable', async () => {
    const src = join(await temp.make('src'), 'tree')
    const spec: Record<string, Buffer> = {}
    for (let i = 0; i < 60; i++) spec[`f${i}.bin`] = seededBytes(50_000 + i, i)
    await writeTree(src, spec)
    const dst = join(await temp.make('dst'), 'copy')
    const { summary, rec } = await runJob(engine, { sources: [src], destination: dst })
    expect(summary).toMatchObject({ state: 'done', filesDone: 60, durable: true })
    const last = rec.snapshots.at(-1)!
    expect(last.bytesToFlush).toBe(0)
    // Every snapshot's bytes waiting for a flush are bytes already counted as copied.
    for (const s of rec.snapshots) expect(s.bytesToFlush ?? 0).toBeLessThanOrEqual(s.bytesDone)
    for (let i = 0; i < 60; i++) {
      expect((await readFile(join(dst, `f${i}.bin`))).equals(spec[`f${i}.bin`]!)).toBe(true)
    }
    expect((await readdir(dst)).filter((n) => n.includes('.ferry-partial'))).toEqual([])
  })

  it('with sync off copies the same files and does not claim durability', async () => {
    const src = join(await temp.make('src'), 'tree')
    await writeTree(src, { 'a.txt': 'a', sub: { 'b.txt': 'b' } })
    const dst = join(await temp.make('dst'), 'copy')
    const { summary } = await runJob(engine, { sources: [src], destination: dst, sync: false })
    expect(summary).toMatchObject({ state: 'done', filesDone: 2, durable: false })
    expect(await readFile(join(dst, 'sub', 'b.txt'), 'utf8')).toBe('b')
  })

  it.skipIf(!hasStrace)(
    'flushes before any final name appears: syncfs or fdatasync precede the renames (strace)',
    async () => {
      // The CLI as a child under strace -f: every thread's flushes and renames, in order.
      const src = join(await temp.make('src'), 'tree')
      await writeTree(src, { 'one.txt': 'one', 'two.txt': 'two' })
      const dst = join(await temp.make('dst'), 'copy')
      const cli = join(import.meta.dirname, '../helpers/cli-entry.ts')
      const tsx = import.meta.resolve('tsx')
      const log = join(await temp.make('strace'), 'log')
      execFileSync(
        'strace',
        [
          '-f',
          '-qq',
          '-o',
          log,
          '-e',
          'trace=syncfs,fdatasync,fsync,rename,renameat,renameat2',
          process.execPath,
          '--import',
          tsx,
          cli,
          src,
          dst,
        ],
        { stdio: 'ignore' },
      )
      const lines = (await readFile(log, 'utf8')).split('\n')
      const firstFinalRename = lines.findIndex(
        (l) => /rename/.test(l) && /(one|two)\.txt"/.test(l) && /ferry-partial/.test(l),
      )
      const firstFlush = lines.findIndex((l) => /syncfs|fdatasync|fsync/.test(l))
      expect(firstFinalRename).toBeGreaterThan(-1)
      expect(firstFlush).toBeGreaterThan(-1)
      expect(firstFlush).toBeLessThan(firstFinalRename)
    },
  )

  it.skipIf(!hasStrace || copyCore().core !== 'native' || process.platform !== 'linux')(
    'makes the renames of a group in 30 folders durable with one syncfs, not a fsync per folder (native, strace)',
    async () => {
      const src = join(await temp.make('src'), 'tree')
      const spec: Record<string, Record<string, string>> = {}
      for (let i = 0; i < 30; i++) spec[`d${i}`] = { 'a.txt': `a${i}`, 'b.txt': `b${i}` }
      await writeTree(src, spec)
      const dst = join(await temp.make('dst'), 'copy')
      const cli = join(import.meta.dirname, '../helpers/cli-entry.ts')
      const log = join(await temp.make('strace'), 'log')
      execFileSync(
        'strace',
        [
          '-f',
          '-qq',
          '-o',
          log,
          '-e',
          'trace=syncfs,fsync',
          process.execPath,
          '--import',
          import.meta.resolve('tsx'),
          cli,
          src,
          dst,
        ],
        { stdio: 'ignore' },
      )
      const lines = (await readFile(log, 'utf8')).split('\n')
      const syncfs = lines.filter((l) => /\bsyncfs\(/.test(l)).length
      const fsyncs = lines.filter((l) => /\bfsync\(/.test(l)).length
      // Data (one syncfs per group), then the folders (one more); the destination's parent folders get an fsync each.
      expect(syncfs).toBeGreaterThanOrEqual(2)
      expect(fsyncs).toBeLessThan(10)
      for (let i = 0; i < 30; i++) expect(await readFile(join(dst, `d${i}`, 'b.txt'), 'utf8')).toBe(`b${i}`)
    },
  )
})
