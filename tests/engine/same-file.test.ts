import { link as hardLink, lstat, readFile, readlink, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FerryError } from '../../src/engine'
import type { ConflictPolicy } from '../../src/shared/job'
import { runJob } from '../helpers/job-run'
import { useEngineSuite } from '../helpers/engine-suite'
import { partialLookingNames, snapshotTree, writeTree } from '../helpers/tree'

// cp refuses "are the same file" by (dev, ino), following a source link. Copying `link -> foo` onto `foo` with a
// policy that replaces would leave `foo` a link to itself: the file would be gone.

const { engine, temp } = useEngineSuite()
const REPLACING: ConflictPolicy[] = ['overwrite', 'newer']

async function refusal(options: Parameters<typeof engine.start>[0]): Promise<FerryError> {
  const error = await engine.start(options).then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(FerryError)
  return error as FerryError
}

describe('a source that is the destination file', () => {
  it.each(REPLACING)(
    'refuses a link copied onto the file it points to (%s), at pre-flight',
    async (policy) => {
      const dir = await temp.make('same')
      await writeTree(dir, { 'foo.txt': 'precious' })
      await symlink('foo.txt', join(dir, 'link'))

      const error = await refusal({
        sources: [join(dir, 'link')],
        destination: join(dir, 'foo.txt'),
        onConflict: policy,
      })

      expect(error.code).toBe('SAME_FILE')
      expect(error.message).toContain('same file')
      expect((await lstat(join(dir, 'foo.txt'))).isFile()).toBe(true)
      expect(await readFile(join(dir, 'foo.txt'), 'utf8')).toBe('precious')
    },
  )

  it('refuses ~/bin/tool -> ~/src/tool/tool copied into ~/src/tool/', async () => {
    const home = await temp.make('home')
    await writeTree(home, { src: { tool: { tool: '#!/bin/sh\necho tool\n' } }, bin: {} })
    await symlink(join(home, 'src', 'tool', 'tool'), join(home, 'bin', 'tool'))

    const error = await refusal({
      sources: [join(home, 'bin', 'tool')],
      destination: join(home, 'src', 'tool'),
      onConflict: 'overwrite',
    })

    expect(error.code).toBe('SAME_FILE')
    expect((await lstat(join(home, 'src', 'tool', 'tool'))).isFile()).toBe(true)
  })

  it.each(REPLACING)(
    'fails a link inside a tree whose target is the existing destination file (%s)',
    async (policy) => {
      const base = await temp.make('same-tree')
      const dst = join(base, 'dst')
      await writeTree(join(dst, 'src'), { 'a.txt': 'the only copy', 'b.txt': 'old b' })
      // The source tree holds a link to the very file its copy would replace, and an ordinary file.
      await writeTree(join(base, 'src'), { 'b.txt': 'new b' })
      await symlink(join(dst, 'src', 'a.txt'), join(base, 'src', 'a.txt'))

      const { rec, summary } = await runJob(engine, {
        sources: [join(base, 'src')],
        destination: dst,
        onConflict: policy,
      })

      const result = rec.resultFor(join(base, 'src', 'a.txt'))
      expect(result.status).toBe('failed')
      expect(result.error?.message).toContain('are the same file')
      expect((await lstat(join(dst, 'src', 'a.txt'))).isFile()).toBe(true)
      expect(await readFile(join(dst, 'src', 'a.txt'), 'utf8')).toBe('the only copy')
      expect(summary.filesFailed).toBe(1)
      expect(partialLookingNames(await snapshotTree(dst))).toEqual([])
    },
  )

  it('fails a file inside a tree that is a hard link of the existing destination file', async () => {
    const base = await temp.make('same-hard')
    await writeTree(join(base, 'src'), { 'h.txt': 'shared inode' })
    await writeTree(join(base, 'dst', 'src'), {})
    await hardLink(join(base, 'src', 'h.txt'), join(base, 'dst', 'src', 'h.txt'))

    const { rec } = await runJob(engine, {
      sources: [join(base, 'src')],
      destination: join(base, 'dst'),
      onConflict: 'overwrite',
    })

    expect(rec.resultFor(join(base, 'src', 'h.txt'))).toMatchObject({ status: 'failed' })
    expect((await lstat(join(base, 'dst', 'src', 'h.txt'))).nlink).toBe(2)
  })

  it('still replaces a destination link that points at the source (the link, not the file, is replaced)', async () => {
    const base = await temp.make('same-link-dst')
    await writeTree(join(base, 'src'), { 'c.txt': 'content' })
    await writeTree(join(base, 'dst', 'src'), {})
    await symlink(join(base, 'src', 'c.txt'), join(base, 'dst', 'src', 'c.txt'))

    await runJob(engine, {
      sources: [join(base, 'src')],
      destination: join(base, 'dst'),
      onConflict: 'overwrite',
    })

    expect((await lstat(join(base, 'dst', 'src', 'c.txt'))).isFile()).toBe(true)
    expect(await readFile(join(base, 'src', 'c.txt'), 'utf8')).toBe('content')
    await expect(readlink(join(base, 'src', 'c.txt'))).rejects.toMatchObject({ code: 'EINVAL' })
  })
})
