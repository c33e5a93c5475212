import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listTree, runFerry } from '../helpers/cli'

let root: string
let src: string
let before: string[]

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-cli-bad-'))
  src = join(root, 'src')
  await mkdir(join(src, 'inner'), { recursive: true })
  await writeFile(join(src, 'a.txt'), 'a')
  await writeFile(join(root, 'plain-file'), 'I am a file')
  before = await listTree(root)
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('bad usage and refused input exit 2 and write nothing', () => {
  it.each([
    ['an unknown option', () => ['--frobnicate', src, join(root, 'out')], /unknown option '--frobnicate'/],
    [
      'a junk chunk size',
      () => ['--chunk-size', '12 bananas', src, join(root, 'out')],
      /"12 bananas" is not a size/,
    ],
    [
      'a chunk size the engine refuses',
      () => ['--chunk-size', '1KiB', src, join(root, 'out')],
      /4 KiB to 256 MiB/,
    ],
    ['--jobs 0', () => ['--jobs', '0', src, join(root, 'out')], /--jobs takes a whole number from 1/],
    ['a bad conflict policy', () => ['--on-conflict', 'maybe', src, join(root, 'out')], /Allowed choices/],
    ['no destination', () => [src], /missing destination/],
    ['a missing source', () => [join(root, 'nope'), join(root, 'out')], /nope/],
    ['a copy of a folder into itself', () => [src, join(src, 'inner')], /into itself/i],
    ['a destination under a file', () => [src, join(root, 'plain-file', 'sub')], /plain-file/],
    ['several sources into a file', () => [src, join(root, 'plain-file')], /is a file/],
  ])('%s', async (_what, args, message) => {
    const result = await runFerry(args())
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stdout).toBe('')
    expect(await listTree(root)).toEqual(before)
  })

  it('reports a refusal as a JSON line with --json', async () => {
    const result = await runFerry(['--json', join(root, 'nope'), join(root, 'out')])
    expect(result.code).toBe(2)
    const lines = result.stdout.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      type: 'refused',
      exitCode: 2,
      error: { code: 'SOURCE_MISSING' },
    })
    expect(await listTree(root)).toEqual(before)
  })
})
