import { execFileSync, spawnSync } from 'node:child_process'
import { mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUILT_CLI, ensureBuiltCli } from '../helpers/cli'
import { TempDirs } from '../helpers/temp-dirs'

const temp = new TempDirs()
beforeAll(() => ensureBuiltCli())
afterAll(() => temp.cleanup())

describe.skipIf(process.platform !== 'linux')('names that are not UTF-8 on the command line', () => {
  it('are copied byte for byte (Node decodes argv lossily; the CLI reads the raw arguments back)', async () => {
    const root = await temp.make('bytes')
    const src = Buffer.from(join(root, 'src'))
    const dst = join(root, 'dst')
    await mkdir(dst)
    // Made and named by the shell, as a user's Latin-1 file would be: `caf\xe9.txt` and a folder `d\xff`.
    execFileSync('sh', [
      '-c',
      `mkdir -p "$1" && cd "$1" && printf latin1 > "$(printf 'caf\\351.txt')" && mkdir "$(printf 'd\\377')" && printf x > "$(printf 'd\\377')/in"`,
      'sh',
      src.toString(),
    ])
    const run = spawnSync(
      'sh',
      [
        '-c',
        `exec "$0" "$1" "$2/$(printf 'caf\\351.txt')" "$2/$(printf 'd\\377')" "$3"`,
        process.execPath,
        BUILT_CLI,
        src.toString(),
        dst,
      ],
      { encoding: 'utf8' },
    )
    expect(run.status, run.stderr).toBe(0)
    const names = (await readdir(dst, { encoding: 'buffer' })).map((n) => n.toString('hex')).sort()
    expect(names).toEqual(
      [
        Buffer.from('caf\xe9.txt', 'latin1').toString('hex'),
        Buffer.from('d\xff', 'latin1').toString('hex'),
      ].sort(),
    )
    expect(
      await readFile(Buffer.concat([Buffer.from(`${dst}/`), Buffer.from('caf\xe9.txt', 'latin1')]), 'utf8'),
    ).toBe('latin1')
  })
})
