import { link, lstat, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useEngineSuite } from '../helpers/engine-suite'
import { runJob } from '../helpers/job-run'
import { seededBytes } from '../helpers/pattern-file'

const { engine, temp } = useEngineSuite()

describe('hard links inside the source', () => {
  it('stay linked in the copy (as cp -a and rsync -aH keep them), across folders, with the content once', async () => {
    const src = join(await temp.make('src'), 'tree')
    await mkdir(join(src, 'a'), { recursive: true })
    await mkdir(join(src, 'b'), { recursive: true })
    const data = seededBytes(3 * 1024 * 1024 + 17, 7) // a large file: its own task, copied in chunks
    await writeFile(join(src, 'a', 'big.bin'), data)
    await link(join(src, 'a', 'big.bin'), join(src, 'b', 'big-link.bin'))
    await link(join(src, 'a', 'big.bin'), join(src, 'second-name'))
    await writeFile(join(src, 'small.txt'), 'small')
    await link(join(src, 'small.txt'), join(src, 'a', 'small-link.txt'))
    await writeFile(join(src, 'alone.txt'), 'not linked')

    const dst = join(await temp.make('dst'), 'copy')
    const { summary } = await runJob(engine, { sources: [src], destination: dst })
    expect(summary).toMatchObject({ state: 'done', filesTotal: 6, filesDone: 6, filesFailed: 0 })

    const big = await lstat(join(dst, 'a', 'big.bin'))
    for (const other of [join(dst, 'b', 'big-link.bin'), join(dst, 'second-name')]) {
      const st = await lstat(other)
      expect(st.ino, other).toBe(big.ino)
    }
    expect(big.nlink).toBe(3)
    expect((await readFile(join(dst, 'second-name'))).equals(data)).toBe(true)
    expect((await lstat(join(dst, 'a', 'small-link.txt'))).ino).toBe(
      (await lstat(join(dst, 'small.txt'))).ino,
    )
    expect((await lstat(join(dst, 'alone.txt'))).nlink).toBe(1)
    // The linked content was written once: only the first name's bytes were copied.
    expect(summary.bytesCopied).toBe(data.length + 'small'.length + 'not linked'.length)
  })

  it('a second name whose destination exists is skipped under skip, replaced by a link under overwrite', async () => {
    const src = join(await temp.make('src'), 'tree')
    await mkdir(src, { recursive: true })
    await writeFile(join(src, 'one'), 'linked content')
    await link(join(src, 'one'), join(src, 'two'))
    const dst = await temp.make('dst')
    await mkdir(join(dst, 'tree'))
    await writeFile(join(dst, 'tree', 'two'), 'old two')

    const skip = await runJob(engine, { sources: [src], destination: dst })
    expect(skip.summary).toMatchObject({ state: 'done', filesDone: 1, filesSkipped: 1 })
    expect(await readFile(join(dst, 'tree', 'two'), 'utf8')).toBe('old two')

    const over = await runJob(engine, { sources: [src], destination: dst, onConflict: 'overwrite' })
    expect(over.summary).toMatchObject({ state: 'done', filesDone: 2, filesFailed: 0 })
    expect((await lstat(join(dst, 'tree', 'two'))).ino).toBe((await lstat(join(dst, 'tree', 'one'))).ino)
    expect(await readFile(join(dst, 'tree', 'two'), 'utf8')).toBe('linked content')
  })
})
