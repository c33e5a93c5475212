import { execFile } from 'node:child_process'
import { mkdir, open } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { toFerryError } from '../../src/engine/errors'
import { pauseMidFile, runJob, startRecorded } from '../helpers/job-run'
import { writePatternFile } from '../helpers/pattern-file'
import { useEngineSuite } from '../helpers/engine-suite'
import { writeTree } from '../helpers/tree'

// Messages say what happened to which path: the source when the source is at fault, what changed, no temporary
// names, no raw errno text.

const run = promisify(execFile)
const { engine, temp } = useEngineSuite()
const mounts: string[] = []

afterAll(async () => {
  for (const dir of mounts) await run('umount', ['-l', dir]).catch(() => undefined)
})

describe('error messages', () => {
  it('blame a source path over 4096 bytes on the source', async () => {
    const src = join(await temp.make('long-src'), 'x'.repeat(200), 'root') // crosses 4096 bytes a level before its copy does
    // Build 20 levels of 250-byte names relative to each other (no single call sees the whole path).
    await mkdir(src, { recursive: true })
    const level = 'd'.repeat(250)
    const script = `import os,sys\nos.chdir(sys.argv[1])\nfor _ in range(20):\n    os.mkdir('${level}'); os.chdir('${level}')\nopen('leaf.txt','w').write('x')`
    await run('python3', ['-c', script, src])
    const dst = await temp.make('d')

    const { rec } = await runJob(engine, { sources: [src], destination: dst }).finally(() =>
      run('rm', ['-rf', join(src, '..'), join(dst, 'root')]),
    )

    const failure = rec.results.find((r) => r.error?.code === 'NAME_TOO_LONG')
    expect(failure?.error?.message).toMatch(/source path is too long|path or a name in it is too long/)
    expect(failure?.error?.message).not.toContain('destination')
    expect(failure?.error?.path?.startsWith(src), failure?.error?.path).toBe(true)
  })

  it('say what changed when a file is rewritten at the same size', async () => {
    const src = join(await temp.make('same-size'), 'src')
    await mkdir(src, { recursive: true })
    await writePatternFile(join(src, 'live.bin'), 64 << 20, 4)
    const { job, rec } = await startRecorded(engine, {
      sources: [src],
      destination: await temp.make('d'),
      chunkSize: 64 << 10,
    })
    await pauseMidFile(job, join(src, 'live.bin'))
    const handle = await open(join(src, 'live.bin'), 'r+')
    await handle.write(Buffer.from('rewritten'), 0, undefined, 0)
    await handle.close()
    job.resume()
    await job.done

    const message = rec.resultFor(join(src, 'live.bin')).error?.message ?? ''
    expect(message).toContain('modified at the same size')
    expect(message).not.toMatch(/size (\d+) → \1/)
  })

  it('map EMFILE/ENFILE to a clear message without the temporary name', () => {
    for (const code of ['EMFILE', 'ENFILE']) {
      const raw = Object.assign(new Error(`${code}: too many open files, open '/d/.ferry-partial-x-1'`), {
        code,
      })
      const error = toFerryError(raw, '/d/photo.jpg', 'copying')
      expect(error.code).toBe('TOO_MANY_OPEN_FILES')
      expect(error.message).toContain('too many open files')
      expect(error.message).toContain('lower --jobs')
      expect(error.message).not.toContain('ferry-partial')
    }
  })

  it('say READ_ONLY for a missing folder under a read-only mount', async (ctx) => {
    const ro = await temp.make('ro')
    try {
      await run('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', ro])
    } catch (error) {
      return ctx.skip(`cannot mount a read-only tmpfs (needs root): ${String(error)}`)
    }
    mounts.push(ro)
    const src = join(await temp.make('ro-src'), 'src')
    await writeTree(src, { 'a.txt': 'a' })

    const { rec } = await runJob(engine, { sources: [src], destination: join(ro, 'missing', 'deeper') })

    expect(rec.results.length).toBeGreaterThan(0)
    for (const r of rec.results) expect(r.error?.code).toBe('READ_ONLY')
  })
})
