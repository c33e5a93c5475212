import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createJobController } from '../../../src/main/ipc/job-controller'
import { makeEngine } from '../../helpers/engine'
import { closeEngine } from '../../helpers/job-run'
import { TempDirs } from '../../helpers/temp-dirs'
import { writeTree } from '../../helpers/tree'

const engine = makeEngine()
const temp = new TempDirs()
const jobs = createJobController(engine, () => undefined)

afterAll(async () => {
  await closeEngine(engine)
  await temp.cleanup()
})

describe('job:survey (pre-flight in the window)', () => {
  it('counts what would be copied where, what exists and what the filters leave out, with the free space', async () => {
    const src = join(await temp.make('src'), 'album')
    await writeTree(src, { 'a.jpg': 'aaaa', 'b.tmp': 'bb', sub: { 'c.jpg': 'c' } })
    const dst = await temp.make('dst')
    await writeTree(join(dst, 'album'), { 'a.jpg': 'old' })
    const survey = await jobs.survey({
      sources: [src],
      destination: dst,
      intoDestination: true,
      exclude: ['*.tmp'],
    })
    expect(survey).toMatchObject({
      roots: [{ source: src, target: join(dst, 'album'), kind: 'directory' }],
      files: 2,
      bytes: 5,
      existing: 1,
      excluded: { count: 1, first: ['album/b.tmp'] },
      complete: true,
      unwritable: [],
    })
    expect(survey.freeBytes).toBeGreaterThan(0)
  })

  it('refuses as Start would (a missing source), writing nothing', async () => {
    const dst = join(await temp.make('dst'), 'none')
    await expect(jobs.survey({ sources: ['/no/such/source'], destination: dst })).rejects.toMatchObject({
      code: 'SOURCE_MISSING',
    })
  })
})
