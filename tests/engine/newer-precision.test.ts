import { execFile } from 'node:child_process'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runJob } from '../helpers/job-run'
import { useEngineSuite } from '../helpers/engine-suite'
import { writeTree } from '../helpers/tree'

// Node sets times in µs at best while filesystems keep ns: `newer` compares at the precision Ferry can set, and
// Ferry sets the µs it means (libuv truncates a float that lands just below it), so a rerun recopies nothing.

const run = promisify(execFile)
const { engine, temp } = useEngineSuite()

describe('--on-conflict newer', () => {
  it('recopies none of 200 unchanged files right after its own copy', async () => {
    const src = join(await temp.make('newer-src'), 'src')
    const files: Record<string, string> = {}
    for (let i = 0; i < 200; i++) files[`f${i}.txt`] = `file ${i}`
    await writeTree(src, files)
    // Times with nanoseconds that no µs value holds, as editors and compilers leave them.
    for (let i = 0; i < 200; i += 20) {
      await run('touch', [
        '-d',
        `2024-05-06 07:08:09.${String(123456789 + i * 7919).slice(0, 9)}`,
        join(src, `f${i}.txt`),
      ])
    }
    const dst = await temp.make('newer-dst')
    const first = await runJob(engine, { sources: [src], destination: dst })
    expect(first.summary.filesDone).toBe(200)

    const again = await runJob(engine, { sources: [src], destination: dst, onConflict: 'newer' })

    expect(again.summary).toMatchObject({ filesDone: 0, filesSkipped: 200, filesFailed: 0 })
    const a = await stat(join(src, 'f20.txt'), { bigint: true })
    const b = await stat(join(dst, 'src', 'f20.txt'), { bigint: true })
    expect(b.mtimeNs / 1000n).toBe(a.mtimeNs / 1000n)
  }, 60_000)

  it('still recopies a file changed a second later', async () => {
    const src = join(await temp.make('newer-src2'), 'src')
    await writeTree(src, { 'x.txt': 'one' })
    const dst = await temp.make('newer-dst2')
    await runJob(engine, { sources: [src], destination: dst })
    await run('touch', ['-d', '@' + String(Math.floor(Date.now() / 1000) + 2), join(src, 'x.txt')])

    const again = await runJob(engine, { sources: [src], destination: dst, onConflict: 'newer' })

    expect(again.summary.filesDone).toBe(1)
  })
})
