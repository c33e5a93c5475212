import { lstat, mkdir, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FerryError } from '../../src/engine'
import type { ErrorCode, JobOptions } from '../../src/shared/job'
import { runJob } from '../helpers/job-run'
import { writePatternFile } from '../helpers/pattern-file'
import { diffDirs, snapshotTree, writeTree } from '../helpers/tree'
import { useEngineSuite } from '../helpers/engine-suite'

const { engine, temp } = useEngineSuite()

/** A fresh folder `<root>/project` with a few files and a sub folder. */
async function makeProject() {
  const root = await temp.make('src')
  const project = join(root, 'project')
  await writeTree(project, { 'a.txt': 'a', sub: { 'b.txt': 'b', deeper: { 'c.txt': 'c' } } })
  return { root, project }
}

/**
 * Asserts that both `preflight` and `start` refuse `options` with `code` and a message naming `path` (or one of
 * several acceptable paths), and that the
 * folder `watched` (holding the sources and/or the destination) is exactly as before.
 */
async function expectRefused(
  options: JobOptions,
  code: ErrorCode,
  path: string | string[],
  watched: string,
): Promise<void> {
  const named = typeof path === 'string' ? [path] : path
  const before = await snapshotTree(watched)
  for (const attempt of [() => engine.preflight(options), () => engine.start(options)]) {
    const error = await attempt().then(
      () => undefined,
      (reason: unknown) => reason,
    )
    expect(error, `expected a refusal with ${code}`).toBeInstanceOf(FerryError)
    expect((error as FerryError).code).toBe(code)
    const message = (error as FerryError).message
    expect(
      named.some((candidate) => message.includes(candidate)),
      `"${message}" names ${named.join(' or ')}`,
    ).toBe(true)
  }
  const after = await snapshotTree(watched)
  expect([...after.keys()]).toEqual([...before.keys()])
  expect(engine.current).toBeUndefined()
}

describe('pre-flight refusals (nothing is written)', () => {
  it('refuses a missing source, even next to a valid one (SOURCE_MISSING)', async () => {
    const { root, project } = await makeProject()
    const missing = join(root, 'no such folder')
    const dst = join(root, 'dst') // missing: must not be created

    await expectRefused({ sources: [project, missing], destination: dst }, 'SOURCE_MISSING', missing, root)
    await expect(lstat(dst)).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('refuses to copy a folder into itself (COPY_INTO_ITSELF)', async () => {
    const { root, project } = await makeProject()

    // An existing destination receives the source inside it: project/project.
    await expectRefused({ sources: [project], destination: project }, 'COPY_INTO_ITSELF', project, root)
    await expectRefused(
      { sources: [project], destination: join(project, 'sub') },
      'COPY_INTO_ITSELF',
      project,
      root,
    )
    const missingInside = join(project, 'sub', 'deeper', 'new')
    await expectRefused({ sources: [project], destination: missingInside }, 'COPY_INTO_ITSELF', project, root)
  })

  it('refuses a folder into itself reached through a symlinked path (COPY_INTO_ITSELF)', async () => {
    const { root, project } = await makeProject()
    const alias = join(root, 'alias')
    await symlink(project, alias)

    await expectRefused(
      { sources: [project], destination: join(alias, 'sub') },
      'COPY_INTO_ITSELF',
      [project, alias],
      root,
    )
  })

  it('does not mistake a sibling whose name starts the same for the folder itself', async () => {
    const { root, project } = await makeProject()
    const sibling = join(root, 'project-backup') // "project" is a string prefix of it, not a parent folder
    await mkdir(sibling)

    const { summary } = await runJob(engine, { sources: [project], destination: sibling })

    expect(summary).toMatchObject({ state: 'done', filesDone: 3 })
    expect(await diffDirs(project, join(sibling, 'project'))).toEqual([])
  })

  it('refuses a destination under an existing file (DEST_UNDER_FILE)', async () => {
    const { root, project } = await makeProject()
    const aFile = join(project, 'a.txt')
    const other = await temp.make('dst')
    await writeTree(other, { 'plain-file': 'not a folder' })
    const plain = join(other, 'plain-file')

    await expectRefused(
      { sources: [project], destination: join(plain, 'inside') },
      'DEST_UNDER_FILE',
      plain,
      other,
    )
    await expectRefused(
      { sources: [aFile], destination: join(plain, 'x', 'y.txt') },
      'DEST_UNDER_FILE',
      plain,
      other,
    )
    expect((await lstat(plain)).isFile()).toBe(true)
    expect([...(await snapshotTree(root)).keys()]).toContain('project/a.txt')
  })

  it('refuses an empty source list and relative paths (INVALID_INPUT)', async () => {
    const { project } = await makeProject()
    const dst = await temp.make('dst')
    const cases: JobOptions[] = [
      { sources: [], destination: dst },
      { sources: ['relative/path'], destination: dst },
      { sources: [project], destination: 'relative/destination' },
    ]
    for (const options of cases) {
      await expect(engine.start(options), JSON.stringify(options)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      })
    }
    expect(await snapshotTree(dst)).toEqual(new Map())
  })

  it('refuses a second job while one is running (JOB_RUNNING) and writes nothing for it', async () => {
    const src = await temp.make('src')
    await writePatternFile(join(src, 'big.bin'), 64 << 20, 1)
    const firstDst = await temp.make('dst')
    const secondDst = await temp.make('dst')
    const first = await engine.start({ sources: [src], destination: firstDst, chunkSize: 64 << 10 })
    first.pause()

    await expect(engine.start({ sources: [src], destination: secondDst })).rejects.toMatchObject({
      code: 'JOB_RUNNING',
    })
    expect(engine.current?.id).toBe(first.id)
    expect(await snapshotTree(secondDst)).toEqual(new Map())

    const summary = await first.cancel()
    expect(summary.state).toBe('cancelled')
    expect(engine.current).toBeUndefined()
  })
})
