import { readdir, readFile, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ConflictPolicy } from '../../src/shared/job'
import { runJob } from '../helpers/job-run'
import { useEngineSuite } from '../helpers/engine-suite'
import { writeTree } from '../helpers/tree'

// A link inside the destination tree is never followed: where the source has a folder and the destination a link
// (or a file), that subtree fails with NOT_A_DIRECTORY under every policy, as cp -r refuses. The destination root
// the user named may be a link.

const { engine, temp } = useEngineSuite()

describe('a link in the destination where the source has a folder', () => {
  it.each<ConflictPolicy>(['skip', 'overwrite'])('is not written through (%s)', async (policy) => {
    const base = await temp.make('dst-link')
    const src = join(base, 'src')
    await writeTree(src, {
      v1: { 'data.txt': 'new data', 'extra.txt': 'extra' },
      v2: { 'data.txt': 'keep me' },
    })
    const dst = join(base, 'dst')
    await writeTree(join(dst, 'src'), {})
    await symlink(join(src, 'v2'), join(dst, 'src', 'v1')) // points back into the source

    const { rec } = await runJob(engine, { sources: [src], destination: dst, onConflict: policy })

    expect(await readFile(join(src, 'v2', 'data.txt'), 'utf8')).toBe('keep me')
    expect((await readdir(join(src, 'v2'))).sort()).toEqual(['data.txt'])
    const failed = rec.results.filter((r) => r.status === 'failed')
    expect(failed.length).toBeGreaterThan(0)
    for (const r of failed) expect(r.error?.code).toBe('NOT_A_DIRECTORY')
    expect(failed.some((r) => r.error?.message.includes('symbolic link'))).toBe(true)
  })

  it('is not written through when it points to an unrelated folder', async () => {
    const base = await temp.make('dst-link-other')
    await writeTree(join(base, 'src'), { docs: { 'a.txt': 'a' } })
    await writeTree(join(base, 'elsewhere'), {})
    await writeTree(join(base, 'dst', 'src'), {})
    await symlink(join(base, 'elsewhere'), join(base, 'dst', 'src', 'docs'))

    await runJob(engine, {
      sources: [join(base, 'src')],
      destination: join(base, 'dst'),
      onConflict: 'overwrite',
    })

    expect(await readdir(join(base, 'elsewhere'))).toEqual([])
  })

  it('fails the subtree when a file is in the way', async () => {
    const base = await temp.make('dst-file')
    await writeTree(join(base, 'src'), { docs: { 'a.txt': 'a' } })
    await writeTree(join(base, 'dst', 'src'), { docs: 'a file' })

    const { rec } = await runJob(engine, { sources: [join(base, 'src')], destination: join(base, 'dst') })

    expect(rec.results.find((r) => r.status === 'failed')?.error?.code).toBe('NOT_A_DIRECTORY')
    expect(await readFile(join(base, 'dst', 'src', 'docs'), 'utf8')).toBe('a file')
  })

  it('follows the destination root the user named when it is a link', async () => {
    const base = await temp.make('dst-root-link')
    await writeTree(join(base, 'src'), { 'a.txt': 'a' })
    await writeTree(join(base, 'real'), {})
    await symlink(join(base, 'real'), join(base, 'named'))

    const { summary } = await runJob(engine, {
      sources: [join(base, 'src')],
      destination: join(base, 'named'),
    })

    expect(summary.filesDone).toBe(1)
    expect(await readFile(join(base, 'real', 'src', 'a.txt'), 'utf8')).toBe('a')
  })
})
