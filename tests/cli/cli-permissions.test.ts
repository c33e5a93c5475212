import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonLines, runFerry } from '../helpers/cli'

/** uid/gid of nobody/nogroup on Debian. */
const NOBODY = 65534
const isRoot = process.getuid?.() === 0

let root: string
let src: string

beforeAll(async () => {
  if (!isRoot) return
  // Folders `nobody` can enter and read; the destination parent is nobody's own; one source file is root-only.
  root = await mkdtemp(join(tmpdir(), 'ferry-cli-perm-'))
  await chmod(root, 0o755)
  src = join(root, 'src')
  await mkdir(join(src, 'sub'), { recursive: true })
  await writeFile(join(src, 'readable.txt'), 'anyone may read this')
  await writeFile(join(src, 'sub/also-readable.txt'), 'me too')
  await writeFile(join(src, 'secret.txt'), 'root only')
  await chmod(join(src, 'secret.txt'), 0o600)
  await mkdir(join(root, 'out'))
  await chown(join(root, 'out'), NOBODY, NOBODY)
})

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true })
})

describe.skipIf(!isRoot)('an unreadable source file (run as nobody)', () => {
  it('exits 1, names the file and the reason on stderr, and copies everything else', async () => {
    const dest = join(root, 'out/copy')
    const result = await runFerry([src, dest], { asNobody: true })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /^ferry: failed: src\/secret\.txt: .*permission denied.*\[PERMISSION_DENIED\]$/m,
    )
    expect(result.stderr.match(/ferry: failed:/g)).toHaveLength(1)
    expect(result.stdout).toMatch(/Copied 2 files .* 1 file failed\./)
    expect(await readFile(join(dest, 'readable.txt'), 'utf8')).toBe('anyone may read this')
    expect(await readFile(join(dest, 'sub/also-readable.txt'), 'utf8')).toBe('me too')
    const names = await readdir(dest)
    expect(names).not.toContain('secret.txt')
    expect(names.filter((name) => name.includes('.ferry-partial'))).toEqual([])
  })

  it('reports the failure in the --json summary with exit code 1', async () => {
    const dest = join(root, 'out/json')
    const result = await runFerry(['--json', src, dest], { asNobody: true })
    expect(result.code).toBe(1)
    const lines = jsonLines(result.stdout)
    expect(lines.at(-1)).toMatchObject({
      type: 'summary',
      exitCode: 1,
      summary: {
        state: 'done',
        filesDone: 2,
        filesFailed: 1,
        failures: [{ name: 'src/secret.txt', status: 'failed', error: { code: 'PERMISSION_DENIED' } }],
      },
    })
    expect(result.stderr).toContain('[PERMISSION_DENIED]')
  })
})
