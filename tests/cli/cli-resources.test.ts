import { execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeTree, ensureBuiltCli, listTree, runFerry } from '../helpers/cli'
import { seededBytes } from '../helpers/pattern-file'
import { TempDirs } from '../helpers/temp-dirs'

const temp = new TempDirs()
let src: string
const hasPrlimit = (() => {
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

beforeAll(async () => {
  ensureBuiltCli()
  src = join(await temp.make('src'), 'tree')
  await mkdir(src, { recursive: true })
  for (let i = 0; i < 40; i++) await writeFile(join(src, `f${i}.bin`), seededBytes(100_000 + i, i))
})
afterAll(() => temp.cleanup())

describe.skipIf(!hasPrlimit)('few file descriptors left (prlimit --nofile)', () => {
  // Around 24 descriptors the worker threads cannot start; a little higher, single opens fail with EMFILE.
  it.each([22, 24, 26, 28, 30, 34])(
    'with %i the CLI ends with a clear status, never a crash, and leaves no partial file',
    async (limit) => {
      const dst = join(await temp.make('dst'), 'copy')
      const result = await runFerry([src, dst], { built: true, fdLimit: limit })
      expect([0, 1], result.stderr).toContain(result.code)
      expect(result.stderr).not.toMatch(/^\s+at /m) // no stack trace: nothing went unhandled
      const names = await listTree(dst).catch(() => [])
      expect(names.filter((n) => n.includes('.ferry-partial'))).toEqual([])
      if (result.code === 0) expect(await describeTree(dst)).toEqual(await describeTree(src))
      else expect(result.stderr).toMatch(/EMFILE|could not run/)
    },
  )
})
