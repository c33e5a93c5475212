import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmod, readFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeTree, ensureBuiltCli, runFerry, runFerryInTerminal } from '../helpers/cli'

const ESC = '\x1B'
let root: string
let src: string
/** Big enough that a copy spans several progress ticks even on a fast machine: the TTY test needs live frames. */
let ttySrc: string

beforeAll(async () => {
  ensureBuiltCli()
  root = await mkdtemp(join(tmpdir(), 'ferry-cli-built-'))
  src = join(root, 'src')
  await mkdir(join(src, 'nested/empty'), { recursive: true })
  await writeFile(join(src, 'nested/a.txt'), 'a')
  const big = randomBytes(48 << 20)
  await writeFile(join(src, 'big.bin'), big)
  ttySrc = join(root, 'tty-src')
  await mkdir(ttySrc)
  for (let i = 0; i < 4; i++) await writeFile(join(ttySrc, `f${i}.bin`), big)
}, 180_000)

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('the built CLI (out/main/cli.js, package.json bin)', () => {
  it('starts with a shebang and prints the package version', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string
      bin: { ferry: string }
    }
    const bin = await readFile(new URL(`../../${pkg.bin.ferry}`, import.meta.url), 'utf8')
    // The shebang starts Node with a small young generation (issue 10's memory target; see src/cli/heap-limits.ts).
    expect(bin.startsWith('#!/usr/bin/env -S node --max-semi-space-size=2\n')).toBe(true)
    const binPath = fileURLToPath(new URL(`../../${pkg.bin.ferry}`, import.meta.url))
    await chmod(binPath, 0o755)
    const direct = spawnSync(binPath, ['--version'], { encoding: 'utf8' })
    expect(direct.status, direct.stderr).toBe(0)
    expect(direct.stdout.startsWith(`${pkg.version}\n`)).toBe(true)
    expect(await runFerry(['--version'], { built: true })).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(new RegExp(`^${pkg.version.replaceAll('.', '\\.')}\ncopy core: `)),
    })
  })

  it('copies a tree byte-identically with its bundled worker', async () => {
    const dest = join(root, 'copy')
    const result = await runFerry([src, dest], { built: true })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(await describeTree(dest)).toEqual(await describeTree(src))
  })

  it('shows a live display on a terminal: bar, bytes, speed, ETA, the file in flight; then restores the cursor', async () => {
    const dest = join(root, 'tty')
    const result = await runFerryInTerminal(['--jobs', '1', '--chunk-size', '4KiB', ttySrc, dest], {
      built: true,
    })
    expect(result.code).toBe(0)
    const out = result.stdout
    expect(out).toContain(`${ESC}[?25l`) // cursor hidden while drawing
    expect(out).toMatch(/\d+% [█░]+ .+ \/ 192 MiB .*files .+\/s/)
    expect(out).toMatch(/ETA \d+:\d\d/)
    expect(out).toMatch(/▸ tty-src\/f\d\.bin/)
    expect(out).toContain(`${ESC}[?25h`) // and shown again
    expect(out).toMatch(/Copied 4 files \(192 MiB\) in /)
    expect(await describeTree(dest)).toEqual(await describeTree(ttySrc))
  })
})
