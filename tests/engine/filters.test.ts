import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useEngineSuite } from '../helpers/engine-suite'
import { runJob } from '../helpers/job-run'
import { snapshotTree, writeTree } from '../helpers/tree'

const { engine, temp } = useEngineSuite()

/** Paths of every entry under `root`, relative, sorted. */
async function listed(root: string): Promise<string[]> {
  return [...(await snapshotTree(root)).keys()].filter((p) => p !== '').sort()
}

async function project(): Promise<string> {
  const src = join(await temp.make('src'), 'proj')
  await writeTree(src, {
    'main.c': 'int main;',
    'notes.tmp': 'scratch',
    '.DS_Store': 'finder',
    '._main.c': 'appledouble',
    docs: { 'guide.md': 'guide', 'draft.tmp': 'draft', 'Thumbs.db': 'thumbs', 'desktop.ini': 'ini' },
    build: { 'out.o': 'obj', deep: { 'x.o': 'obj' } },
    src: { build: { 'gen.c': 'generated' }, 'lib.c': 'lib' },
  })
  return src
}

describe('filters (include/exclude globs, as rsync and rclone)', () => {
  it('a pattern without / excludes that name at any depth; excluded items are counted apart, not as files', async () => {
    const src = await project()
    const dst = join(await temp.make('dst'), 'copy')
    const { summary } = await runJob(engine, { sources: [src], destination: dst, exclude: ['*.tmp'] })
    expect(await listed(dst)).not.toContain('notes.tmp')
    expect(await listed(dst)).not.toContain('docs/draft.tmp')
    expect(await listed(dst)).toContain('docs/guide.md')
    expect(summary).toMatchObject({ filesExcluded: 2, filesTotal: 10, filesDone: 10, filesFailed: 0 })
  })

  it('an excluded folder is not walked: its contents are not counted, and an unreadable file inside cannot fail', async () => {
    const src = await project()
    const dst = join(await temp.make('dst'), 'copy')
    const { summary } = await runJob(engine, { sources: [src], destination: dst, exclude: ['build'] })
    const got = await listed(dst)
    expect(got.filter((p) => p.includes('build'))).toEqual([])
    // build/ and src/build/ count once each; their three files were never seen.
    expect(summary).toMatchObject({ filesExcluded: 2, filesTotal: 9, filesDone: 9 })
  })

  it('a leading / anchors at the source root; a trailing / matches folders only', async () => {
    const src = await project()
    const dst = join(await temp.make('dst'), 'copy')
    await runJob(engine, { sources: [src], destination: dst, exclude: ['/build', 'main.c/'] })
    const got = await listed(dst)
    expect(got).not.toContain('build')
    expect(got).toContain('src/build/gen.c')
    expect(got).toContain('main.c') // a file: `main.c/` matches folders only
  })

  it('a pattern with / matches the end of the path at whole names', async () => {
    const src = await project()
    const dst = join(await temp.make('dst'), 'copy')
    await runJob(engine, { sources: [src], destination: dst, exclude: ['build/*.c', 'docs/**/*.md'] })
    const got = await listed(dst)
    expect(got).not.toContain('src/build/gen.c')
    expect(got).not.toContain('docs/guide.md')
    expect(got).toContain('build/out.o')
  })

  it('include copies only matching files (folders are still walked); exclude wins over include', async () => {
    const src = await project()
    const dst = join(await temp.make('dst'), 'copy')
    const { summary } = await runJob(engine, {
      sources: [src],
      destination: dst,
      include: ['*.c', '*.o'],
      exclude: ['build/'],
    })
    const files = (await listed(dst)).filter((p) => /\.\w+$/.test(p))
    expect(files).toEqual(['._main.c', 'main.c', 'src/lib.c'])
    expect(summary.filesDone).toBe(3)
    expect(summary.filesFailed).toBe(0)
  })

  it('excludeJunk leaves out .DS_Store, ._*, Thumbs.db and desktop.ini', async () => {
    const src = await project()
    const dst = join(await temp.make('dst'), 'copy')
    const { summary } = await runJob(engine, { sources: [src], destination: dst, excludeJunk: true })
    expect(await readdir(dst)).not.toContain('.DS_Store')
    expect(await readdir(dst)).not.toContain('._main.c')
    expect(await readdir(join(dst, 'docs'))).toEqual(['draft.tmp', 'guide.md'])
    expect(summary.filesExcluded).toBe(4)
  })

  it('a file given as a source is filtered by its name', async () => {
    const dir = await temp.make('src')
    await writeTree(dir, { 'a.log': 'log', 'b.txt': 'text' })
    const dst = await temp.make('dst')
    const { summary } = await runJob(engine, {
      sources: [join(dir, 'a.log'), join(dir, 'b.txt')],
      destination: dst,
      exclude: ['*.log'],
    })
    expect(await readdir(dst)).toEqual(['b.txt'])
    expect(summary).toMatchObject({ filesExcluded: 1, filesTotal: 1, filesDone: 1 })
  })

  it('the options schema bounds the patterns', async () => {
    const src = await project()
    const destination = join(await temp.make('dst'), 'copy')
    await expect(engine.start({ sources: [src], destination, exclude: [''] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
    const many = Array.from({ length: 1001 }, (_, i) => `p${i}`)
    await expect(engine.start({ sources: [src], destination, exclude: many })).rejects.toThrow(
      /at most 1000 patterns/,
    )
    await expect(engine.start({ sources: [src], destination, include: ['x'.repeat(5000)] })).rejects.toThrow(
      /at most 4096 characters/,
    )
  })
})
