import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useEngineSuite } from '../helpers/engine-suite'
import { runJob } from '../helpers/job-run'

const { engine, temp } = useEngineSuite()

describe('each copied file says what was done', () => {
  it.each([
    ['overwrite', 'replaced', 'report.pdf'],
    ['rename', 'renamed', 'report (1).pdf'],
  ] as const)('under %s an existing file is %s; a new one is copied', async (policy, action, finalName) => {
    const src = join(await temp.make('src'), 'docs')
    await mkdir(src, { recursive: true })
    await writeFile(join(src, 'report.pdf'), 'new')
    await writeFile(join(src, 'fresh.txt'), 'fresh')
    const dst = await temp.make('dst')
    await mkdir(join(dst, 'docs'))
    await writeFile(join(dst, 'docs', 'report.pdf'), 'old')
    const { rec } = await runJob(engine, { sources: [src], destination: dst, onConflict: policy })
    const report = rec.results.find((r) => r.name === 'docs/report.pdf')!
    expect(report).toMatchObject({ status: 'done', action, dst: join(dst, 'docs', finalName) })
    expect(rec.results.find((r) => r.name === 'docs/fresh.txt')).toMatchObject({
      status: 'done',
      action: 'copied',
    })
  })
})
