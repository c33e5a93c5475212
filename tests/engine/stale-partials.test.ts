import { spawn } from 'node:child_process'
import { chmod, lstat, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bytePath } from '../../src/engine/lib/byte-path'
import { partialName, PARTIAL_MARKER, processStartToken, WRITER_TAG } from '../../src/engine/partial-names'
import { removeStalePartials } from '../../src/engine/stale-partials'
import { runJob } from '../helpers/job-run'
import { useEngineSuite } from '../helpers/engine-suite'
import { writeTree } from '../helpers/tree'

// kill -9 leaves partial files behind; their names say which process wrote them, so a later run can remove the
// ones whose writer is gone and leave the ones a live copy is still writing.

const { engine, temp } = useEngineSuite()

/** The pid and start token of a process that has exited (its pid is free). */
async function deadWriter(): Promise<string> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 200)'])
  await new Promise((resolve) => child.once('spawn', resolve))
  const tag = `${child.pid!.toString(36)}.${processStartToken(child.pid!) ?? '0'}`
  await new Promise((resolve) => child.once('exit', resolve))
  return tag
}

describe('partial files of killed runs', () => {
  it('are named for their writer (pid and start), short whatever the final name', () => {
    const name = partialName(bytePath('/some/folder'), 'abcdef012345', 42)
    expect(name.startsWith(`/some/folder/${PARTIAL_MARKER}${process.pid.toString(36)}.`)).toBe(true)
    expect(name).toBe(`/some/folder/${PARTIAL_MARKER}${WRITER_TAG}-abcdef012345-42`)
    expect(name.length - '/some/folder/'.length).toBeLessThan(64)
  })

  it('are removed when their writer is gone, kept while it lives', async () => {
    const dir = await temp.make('stale')
    const dead = await deadWriter()
    const reused = `${process.pid.toString(36)}.zzzz` // this pid, but another start: a reused pid
    const names = {
      dead: `${PARTIAL_MARKER}${dead}-abcdef012345-1`,
      reused: `${PARTIAL_MARKER}${reused}-abcdef012345-2`,
      live: `${PARTIAL_MARKER}${WRITER_TAG}-abcdef012345-3`,
      legacy: `${PARTIAL_MARKER}abcdef012345-4`,
      user: 'notes.txt',
    }
    for (const name of Object.values(names)) await writeFile(join(dir, name), 'x')

    expect(await removeStalePartials(bytePath(dir))).toBe(2)
    expect((await readdir(dir)).sort()).toEqual([names.legacy, names.live, names.user].sort())
  })

  it('returns 0 for a folder that cannot be read', async () => {
    expect(await removeStalePartials(bytePath('/no/such/folder'))).toBe(0)
  })
})

describe('a rerun into an existing copy', () => {
  it("re-applies the source folders' mode and times to the folders it merges into", async () => {
    const base = await temp.make('rerun')
    const src = join(base, 'src')
    await writeTree(src, { sub: { 'a.txt': 'a' }, 'b.txt': 'b' })
    await chmod(join(src, 'sub'), 0o750)
    await utimes(join(src, 'sub'), 1_600_000_000, 1_600_000_000)
    const dst = await temp.make('rerun-dst')
    await runJob(engine, { sources: [src], destination: dst })
    // What a killed run leaves: folders with the mode and time they had while being filled.
    await chmod(join(dst, 'src', 'sub'), 0o700)
    await utimes(join(dst, 'src', 'sub'), 1_700_000_000, 1_700_000_000)

    const { summary } = await runJob(engine, { sources: [src], destination: dst })

    expect(summary.filesSkipped).toBe(2)
    const copy = await stat(join(dst, 'src', 'sub'))
    expect(copy.mode & 0o7777).toBe(0o750)
    expect(copy.mtimeMs).toBe((await stat(join(src, 'sub'))).mtimeMs)
    expect(await readFile(join(dst, 'src', 'sub', 'a.txt'), 'utf8')).toBe('a')
    expect((await lstat(dst)).isDirectory()).toBe(true)
  })

  it('removes the partial files a killed run left in the folders it merges into, and only those', async () => {
    const src = join(await temp.make('rerun'), 'src')
    await writeTree(src, { sub: { 'a.txt': 'a' } })
    const dst = await temp.make('rerun-dst')
    await runJob(engine, { sources: [src], destination: dst })
    const dead = await deadWriter()
    const stale = `${PARTIAL_MARKER}${dead}-abcdef012345-7`
    const live = `${PARTIAL_MARKER}${WRITER_TAG}-abcdef012345-8`
    await writeFile(join(dst, 'src', 'sub', stale), 'half a file')
    await writeFile(join(dst, 'src', 'sub', live), 'being written by a live copy')

    await runJob(engine, { sources: [src], destination: dst })

    expect((await readdir(join(dst, 'src', 'sub'))).sort()).toEqual([live, 'a.txt'].sort())
  })
})
