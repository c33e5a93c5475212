import { mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { describeTree, jsonLines, listTree, runFerry } from '../helpers/cli'

const OLD = new Date('2020-01-01T00:00:00Z')
const MID = new Date('2022-01-01T00:00:00Z')
const NEW = new Date('2024-01-01T00:00:00Z')

let root: string
let src: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-cli-options-'))
  src = join(root, 'album')
  await mkdir(join(src, 'sub'), { recursive: true })
  await writeFile(join(src, 'older-here.txt'), 'source v2')
  await utimes(join(src, 'older-here.txt'), NEW, NEW)
  await writeFile(join(src, 'newer-there.txt'), 'source v1')
  await utimes(join(src, 'newer-there.txt'), MID, MID)
  await writeFile(join(src, 'sub/fresh.txt'), 'only in source')
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('--on-conflict', () => {
  let dest: string

  /** dest/album holds an older copy of one file and a newer copy of another. */
  beforeEach(async () => {
    dest = await mkdtemp(join(root, 'dest-'))
    await mkdir(join(dest, 'album'))
    await writeFile(join(dest, 'album/older-here.txt'), 'dest old')
    await utimes(join(dest, 'album/older-here.txt'), OLD, OLD)
    await writeFile(join(dest, 'album/newer-there.txt'), 'dest newest')
    await utimes(join(dest, 'album/newer-there.txt'), NEW, NEW)
  })

  const read = (name: string): Promise<string> => readFile(join(dest, 'album', name), 'utf8')

  it('skip (the default) keeps existing files, copies the rest and exits 0', async () => {
    const result = await runFerry([src, dest])
    expect(result.code).toBe(0)
    expect(await read('older-here.txt')).toBe('dest old')
    expect(await read('newer-there.txt')).toBe('dest newest')
    expect(await read('sub/fresh.txt')).toBe('only in source')
    expect(result.stdout).toMatch(/Copied 1 file .* 2 files skipped/)
  })

  it('overwrite replaces every existing file', async () => {
    expect((await runFerry(['--on-conflict', 'overwrite', src, dest])).code).toBe(0)
    expect(await read('older-here.txt')).toBe('source v2')
    expect(await read('newer-there.txt')).toBe('source v1')
  })

  it('rename keeps both, the copy under "name (1).ext"', async () => {
    expect((await runFerry(['--on-conflict', 'rename', src, dest])).code).toBe(0)
    expect(await read('older-here.txt')).toBe('dest old')
    expect(await read('older-here (1).txt')).toBe('source v2')
    expect(await read('newer-there (1).txt')).toBe('source v1')
    expect((await readdir(join(dest, 'album'))).sort()).toEqual([
      'newer-there (1).txt',
      'newer-there.txt',
      'older-here (1).txt',
      'older-here.txt',
      'sub',
    ])
  })

  it('newer replaces only files whose source is newer', async () => {
    expect((await runFerry(['--on-conflict', 'newer', src, dest])).code).toBe(0)
    expect(await read('older-here.txt')).toBe('source v2')
    expect(await read('newer-there.txt')).toBe('dest newest')
  })
})

describe('--json', () => {
  it('prints parseable lines: started first, a summary with the totals last', async () => {
    const dest = join(root, 'json-copy')
    const result = await runFerry(['--json', src, dest])
    expect(result.code).toBe(0)
    const lines = jsonLines(result.stdout)
    expect(lines[0]).toMatchObject({ type: 'started', options: { sources: [src], destination: dest } })
    expect(lines.at(-1)).toMatchObject({
      type: 'summary',
      exitCode: 0,
      summary: { state: 'done', filesTotal: 3, filesDone: 3, filesFailed: 0, bytesCopied: 32 },
    })
    expect(lines.filter((l) => l.type === 'summary')).toHaveLength(1)
    for (const line of lines)
      expect(['started', 'progress', 'files', 'warning', 'summary']).toContain(line.type)
    expect(await describeTree(dest)).toEqual(await describeTree(src))
  })

  it('lists skipped files with their reason', async () => {
    const dest = join(root, 'json-skip')
    await mkdir(dest)
    await writeFile(join(dest, 'present.txt'), 'already here')
    await writeFile(join(root, 'present.txt'), 'new')
    const result = await runFerry(['--json', join(root, 'present.txt'), dest])
    expect(result.code).toBe(0)
    const files = jsonLines(result.stdout).filter((l) => l.type === 'files')
    expect(files.flatMap((l) => l.results as unknown[])).toEqual([
      expect.objectContaining({ name: 'present.txt', status: 'skipped', skipReason: 'exists' }),
    ])
  })

  it('passes --jobs, --chunk-size and --verify to the engine', async () => {
    const dest = join(root, 'json-options')
    const result = await runFerry(['--json', '--jobs', '3', '--chunk-size', '64KiB', '--verify', src, dest])
    expect(result.code).toBe(0)
    expect(jsonLines(result.stdout)[0]).toMatchObject({
      type: 'started',
      options: { threads: 3, chunkSize: 65536, verify: true, onConflict: 'skip' },
    })
    expect(await describeTree(dest)).toEqual(await describeTree(src))
  })
})

describe('--dry-run', () => {
  it('checks and plans but writes nothing', async () => {
    const dest = join(root, 'dry')
    const before = await listTree(root)
    const result = await runFerry(['--dry-run', src, dest])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Dry run: nothing was written.')
    expect(result.stdout).toContain(`${src} → ${dest} (folder)`)
    expect(result.stdout).toContain('Would copy 3 files, 2 folders: 32 B.')
    expect(await listTree(root)).toEqual(before)
  })

  it('counts targets that already exist, and reports the plan as JSON with --json', async () => {
    const dest = join(root, 'dry-existing')
    await mkdir(join(dest, 'album'), { recursive: true })
    await writeFile(join(dest, 'album/older-here.txt'), 'x')
    const before = await listTree(root)
    const result = await runFerry(['--dry-run', '--json', src, dest])
    expect(result.code).toBe(0)
    const lines = jsonLines(result.stdout)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      type: 'plan',
      exitCode: 0,
      files: 3,
      folders: 2,
      bytes: 32,
      existing: 1,
      roots: [{ source: src, target: join(dest, 'album'), kind: 'directory' }],
    })
    expect(await listTree(root)).toEqual(before)
  })

  it('is refused like a real run when the input is bad', async () => {
    const result = await runFerry(['--dry-run', src, join(src, 'sub')])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/into itself/i)
  })
})

describe('--help and --version', () => {
  it('print to stdout and exit 0', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string
    }
    const version = await runFerry(['--version'])
    expect(version).toMatchObject({ code: 0, stderr: '' })
    expect(version.stdout).toMatch(
      new RegExp(`^${pkg.version.replaceAll('.', '\\.')}\ncopy core: (native|js) \\(.+\\)\n$`),
    )
    const js = await runFerry(['--version'], { env: { FERRY_CORE: 'js' } })
    expect(js.stdout).toContain('copy core: js (FERRY_CORE=js)')
    const help = await runFerry(['--help'])
    expect(help.code).toBe(0)
    for (const option of [
      '--jobs',
      '--chunk-size',
      '--on-conflict',
      '--verify',
      '--json',
      '--dry-run',
      '--version',
    ]) {
      expect(help.stdout).toContain(option)
    }
  })
})

describe('--bwlimit', () => {
  it('passes the limit to the engine (shown in --json started) and copies identically', async () => {
    const dest = join(await mkdtemp(join(root, 'dest-')), 'copy')
    const result = await runFerry(['--json', '--bwlimit', '64MiB/s', src, dest])
    expect(result.code).toBe(0)
    const started = jsonLines(result.stdout).find((event) => event.type === 'started')
    expect(started).toMatchObject({ options: { bandwidthLimit: 64 * 2 ** 20 } })
    expect(await describeTree(dest)).toEqual(await describeTree(src))
  })
})
