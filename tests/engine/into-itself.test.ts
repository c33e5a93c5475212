import { execFile } from 'node:child_process'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { FerryError } from '../../src/engine'
import { useEngineSuite } from '../helpers/engine-suite'
import { snapshotTree, writeTree } from '../helpers/tree'

// Into-itself is decided by (dev, ino) of the source against the destination and every real ancestor of it, so a
// bind mount of the source (same inode, another path) is caught; cp does the same. Without it Ferry wrote
// copy/copy/copy/… ~900 levels deep inside the source.

const run = promisify(execFile)
const { engine, temp } = useEngineSuite()
const mounts: string[] = []

afterAll(async () => {
  for (const dir of mounts) await run('umount', ['-l', dir]).catch(() => undefined)
})

async function bindMount(from: string, onto: string): Promise<string | undefined> {
  try {
    await run('mount', ['--bind', from, onto])
  } catch (error) {
    return `cannot bind-mount (needs root): ${(error as { stderr?: string }).stderr?.trim() ?? String(error)}`
  }
  mounts.push(onto)
  return undefined
}

describe('copying a folder into itself', () => {
  it('is refused through a bind mount of the source, and nothing is written', async (ctx) => {
    const base = await temp.make('bind')
    const src = join(base, 'src')
    await writeTree(src, { 'a.txt': 'a', sub: { 'b.txt': 'b' } })
    const mnt = join(base, 'mnt')
    await mkdir(mnt)
    const skip = await bindMount(src, mnt)
    if (skip) return ctx.skip(skip)
    const before = await snapshotTree(src)

    for (const destination of [join(mnt, 'copy'), mnt, join(mnt, 'sub')]) {
      const error = await engine.start({ sources: [src], destination }).then(
        () => undefined,
        (reason: unknown) => reason,
      )
      expect(error, destination).toBeInstanceOf(FerryError)
      expect((error as FerryError).code).toBe('COPY_INTO_ITSELF')
    }
    expect([...(await snapshotTree(src)).keys()]).toEqual([...before.keys()])
  })

  it('is refused when the bind mount is the source and the destination the original folder', async (ctx) => {
    const base = await temp.make('bind-rev')
    const src = join(base, 'src')
    await writeTree(src, { 'a.txt': 'a' })
    const mnt = join(base, 'mnt')
    await mkdir(mnt)
    const skip = await bindMount(src, mnt)
    if (skip) return ctx.skip(skip)

    await expect(engine.preflight({ sources: [mnt], destination: join(src, 'inner') })).rejects.toMatchObject(
      {
        code: 'COPY_INTO_ITSELF',
      },
    )
    expect(await readdir(src)).toEqual(['a.txt'])
  })
})

describe('pre-flight with many sources', () => {
  it('plans 100,000 sources in a few seconds', async () => {
    const src = await temp.make('many')
    const names = Array.from({ length: 100_000 }, (_, i) => `f${i}.txt`)
    for (let i = 0; i < names.length; i += 1000) {
      await Promise.all(names.slice(i, i + 1000).map((name) => writeFile(join(src, name), '')))
    }
    const dst = await temp.make('many-dst')
    const started = performance.now()

    const plan = await engine.preflight({ sources: names.map((name) => join(src, name)), destination: dst })

    const seconds = (performance.now() - started) / 1000
    expect(plan.roots).toHaveLength(100_000)
    expect(plan.roots[99_999]).toMatchObject({ target: join(dst, 'f99999.txt'), kind: 'file' })
    expect(seconds).toBeLessThan(6) // ~1.3 s of CPU here; ~30 s before
  }, 120_000)

  it('refuses more sources than a job takes, saying what to do', async () => {
    const dst = await temp.make('too-many')
    const sources = Array.from({ length: 100_001 }, (_, i) => join(dst, `x${i}`))
    await expect(engine.preflight({ sources, destination: dst })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
  })
})
