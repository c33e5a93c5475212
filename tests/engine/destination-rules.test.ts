import { lstat, readdir, readlink } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runJob } from '../helpers/job-run'
import { seededBytes } from '../helpers/pattern-file'
import { diffDirs, file, hashFile, link, snapshotTree, writeTree } from '../helpers/tree'
import { useEngineSuite } from '../helpers/engine-suite'

const { engine, temp } = useEngineSuite()

/** A source folder `album` and a file `notes.txt`, side by side in a fresh folder. */
async function makeSources() {
  const root = await temp.make('src')
  await writeTree(root, {
    album: { 'a.jpg': seededBytes(20_000, 1), disc: { 'b.flac': seededBytes(50_000, 2) }, empty: {} },
    'notes.txt': file('remember the milk', { mode: 0o640, mtimeMs: Date.UTC(2020, 0, 2, 3, 4, 5, 678) }),
    other: { 'c.txt': 'c' },
  })
  return { root, album: join(root, 'album'), notes: join(root, 'notes.txt'), other: join(root, 'other') }
}

describe('destination rules (as cp -r)', () => {
  it('puts a source folder inside an existing destination folder', async () => {
    const { album } = await makeSources()
    const dst = await temp.make('dst')

    const { summary } = await runJob(engine, { sources: [album], destination: dst })

    expect(summary).toMatchObject({ state: 'done', filesDone: 2 })
    expect(await readdir(dst)).toEqual(['album'])
    expect(await diffDirs(album, join(dst, 'album'))).toEqual([])
  })

  it('makes a missing destination the copy of a single source folder', async () => {
    const { album } = await makeSources()
    const dst = join(await temp.make('dst'), 'album-copy')

    const { summary } = await runJob(engine, { sources: [album], destination: dst })

    expect(summary).toMatchObject({ state: 'done', filesDone: 2 })
    expect(await diffDirs(album, dst)).toEqual([])
  })

  it('puts several sources side by side inside an existing folder', async () => {
    const { album, notes, other } = await makeSources()
    const dst = await temp.make('dst')

    const { summary } = await runJob(engine, { sources: [album, notes, other], destination: dst })

    expect(summary).toMatchObject({ state: 'done', filesDone: 4, filesFailed: 0 })
    expect((await readdir(dst)).sort()).toEqual(['album', 'notes.txt', 'other'])
    expect(await diffDirs(album, join(dst, 'album'))).toEqual([])
    expect(await diffDirs(other, join(dst, 'other'))).toEqual([])
    expect(await hashFile(join(dst, 'notes.txt'))).toBe(await hashFile(notes))
  })

  it('copies a single file to a new file name, keeping its mode and mtime', async () => {
    const { notes } = await makeSources()
    const dir = await temp.make('dst')
    const dst = join(dir, 'renamed.md')

    const { summary, rec } = await runJob(engine, { sources: [notes], destination: dst })

    expect(summary).toMatchObject({ state: 'done', filesDone: 1 })
    expect(await readdir(dir)).toEqual(['renamed.md'])
    expect(await hashFile(dst)).toBe(await hashFile(notes))
    const [srcStats, dstStats] = await Promise.all([lstat(notes), lstat(dst)])
    expect((dstStats.mode & 0o7777).toString(8)).toBe('640')
    expect(Math.abs(dstStats.mtimeMs - srcStats.mtimeMs)).toBeLessThan(1)
    expect(rec.resultFor(notes)).toMatchObject({ status: 'done', dst, kind: 'file' })
  })

  it('puts a single file inside an existing folder under its own name', async () => {
    const { notes } = await makeSources()
    const dst = await temp.make('dst')

    await runJob(engine, { sources: [notes], destination: dst })

    expect(await readdir(dst)).toEqual(['notes.txt'])
    expect(await hashFile(join(dst, 'notes.txt'))).toBe(await hashFile(notes))
  })

  it('merges a source folder into an existing folder of the same name, keeping what was there', async () => {
    const { album } = await makeSources()
    const dst = await temp.make('dst')
    await writeTree(dst, { album: { 'kept.txt': 'already here', disc: { 'kept-too.txt': 'also here' } } })

    const { summary } = await runJob(engine, { sources: [album], destination: dst })

    expect(summary).toMatchObject({ state: 'done', filesDone: 2, filesSkipped: 0 })
    const names = [...(await snapshotTree(join(dst, 'album'))).keys()]
    expect(names).toEqual(['a.jpg', 'disc', 'disc/b.flac', 'disc/kept-too.txt', 'empty', 'kept.txt'])
  })

  it('copies a symlink given as a source as a symlink', async () => {
    const root = await temp.make('src')
    await writeTree(root, { real: { 'f.txt': 'f' }, shortcut: link('real') })
    const dst = await temp.make('dst')

    const { summary } = await runJob(engine, { sources: [join(root, 'shortcut')], destination: dst })

    expect(summary).toMatchObject({ state: 'done', filesDone: 1 })
    expect((await lstat(join(dst, 'shortcut'))).isSymbolicLink()).toBe(true)
    expect(await readlink(join(dst, 'shortcut'))).toBe('real')
  })

  it('preflight reports each source with its target and writes nothing', async () => {
    const { album, notes, other } = await makeSources()
    const existing = await temp.make('dst')
    const missing = join(await temp.make('dst'), 'not-yet')

    const into = await engine.preflight({ sources: [album, notes, other], destination: existing })
    const asCopy = await engine.preflight({ sources: [album], destination: missing })
    const asFile = await engine.preflight({ sources: [notes], destination: join(existing, 'new-name.txt') })

    expect(into.roots).toEqual([
      { source: album, target: join(existing, 'album'), kind: 'directory' },
      { source: notes, target: join(existing, 'notes.txt'), kind: 'file' },
      { source: other, target: join(existing, 'other'), kind: 'directory' },
    ])
    expect(asCopy.roots).toEqual([{ source: album, target: missing, kind: 'directory' }])
    expect(asFile.roots).toEqual([{ source: notes, target: join(existing, 'new-name.txt'), kind: 'file' }])
    expect(await readdir(existing)).toEqual([])
    await expect(lstat(missing)).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
