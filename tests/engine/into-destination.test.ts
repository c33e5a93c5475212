import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useEngineSuite } from '../helpers/engine-suite'
import { runJob } from '../helpers/job-run'
import { snapshotTree } from '../helpers/tree'

const { engine, temp } = useEngineSuite()

describe('intoDestination: the destination is the folder the sources go into (the app’s meaning)', () => {
  it('creates a missing destination and puts a single folder inside it, where cp -r would make it the copy', async () => {
    const src = join(await temp.make('src'), 'photos')
    await mkdir(join(src, 'sub'), { recursive: true })
    await writeFile(join(src, 'sub', 'a.jpg'), 'jpeg')
    const dst = join(await temp.make('dst'), 'Backup')
    const { summary } = await runJob(engine, { sources: [src], destination: dst, intoDestination: true })
    expect(summary).toMatchObject({ state: 'done', filesDone: 1 })
    expect(await readFile(join(dst, 'photos', 'sub', 'a.jpg'), 'utf8')).toBe('jpeg')
    const preflight = await engine.preflight({ sources: [src], destination: dst, intoDestination: true })
    expect(preflight.roots).toEqual([{ source: src, target: join(dst, 'photos'), kind: 'directory' }])
  })

  it('copying the same folder twice with ask asks about each file instead of nesting a duplicate', async () => {
    const src = join(await temp.make('src'), 'docs')
    await mkdir(src, { recursive: true })
    await writeFile(join(src, 'report.pdf'), 'v1')
    const dst = join(await temp.make('dst'), 'Out')
    const options = { sources: [src], destination: dst, intoDestination: true, onConflict: 'ask' as const }
    await runJob(engine, options)
    const asked: string[] = []
    const { summary } = await runJob(engine, options, {
      onConflict: async (question) => {
        asked.push(question.name)
        return { choice: 'skip', applyToAll: false }
      },
    })
    expect(asked).toEqual(['docs/report.pdf'])
    expect(summary).toMatchObject({ filesSkipped: 1, filesDone: 0 })
    expect([...(await snapshotTree(dst)).keys()]).toEqual(['docs', 'docs/report.pdf'])
  })

  it('refuses a destination that is a file, writing nothing', async () => {
    const dir = await temp.make('dst')
    const file = join(dir, 'not-a-folder.txt')
    await writeFile(file, 'keep me')
    const src = join(await temp.make('src'), 'one.txt')
    await writeFile(src, 'one')
    await expect(
      engine.start({ sources: [src], destination: file, intoDestination: true }),
    ).rejects.toMatchObject({
      code: 'NOT_A_DIRECTORY',
    })
    expect(await readFile(file, 'utf8')).toBe('keep me')
  })
})
