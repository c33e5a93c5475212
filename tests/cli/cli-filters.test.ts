import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { jsonLines, listTree, runFerry } from '../helpers/cli'
import { TempDirs } from '../helpers/temp-dirs'
import { writeTree } from '../helpers/tree'

const temp = new TempDirs()
afterAll(() => temp.cleanup())

async function project(): Promise<string> {
  const src = join(await temp.make('src'), 'proj')
  await writeTree(src, {
    'main.c': 'main',
    'notes.tmp': 'scratch',
    '.DS_Store': 'finder',
    docs: { 'guide.md': 'guide', 'draft.tmp': 'draft', 'Thumbs.db': 'thumbs' },
    node_modules: { dep: { 'index.js': 'dep' } },
    logs: { 'a.log': 'a' },
  })
  return src
}

describe('ferry --exclude / --include / --exclude-from / --exclude-junk', () => {
  it('copies what the filters keep and says how much was excluded', async () => {
    const src = await project()
    const dir = await temp.make('dst')
    const list = join(dir, 'excludes.txt')
    await writeFile(list, '# build output\nnode_modules\n\n*.log\r\n')
    const dst = join(dir, 'copy')
    const result = await runFerry(['--exclude', '*.tmp', '--exclude-from', list, '--exclude-junk', src, dst])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(await listTree(dst)).toEqual(['docs', 'docs/guide.md', 'logs', 'main.c'])
    // notes.tmp, docs/draft.tmp, .DS_Store, docs/Thumbs.db, node_modules/, logs/a.log
    expect(result.stdout).toMatch(/Copied 2 files .*\. 6 excluded by filters\./)
  })

  it('--include copies only the matching files; --json summary counts the excluded', async () => {
    const src = await project()
    const dst = join(await temp.make('dst'), 'copy')
    const result = await runFerry(['--json', '--include', '*.md', '--exclude', 'node_modules/', src, dst])
    expect(result.code).toBe(0)
    // Folders are still walked (and made); of the files only docs/guide.md is copied: 6 files and node_modules/
    // are excluded.
    expect(await listTree(dst)).toEqual(['docs', 'docs/guide.md', 'logs'])
    const summary = jsonLines(result.stdout).find((line) => line.type === 'summary')
    expect(summary).toMatchObject({ summary: { filesDone: 1, filesExcluded: 7 } })
  })

  it('--dry-run says what is excluded (count and first names) and writes nothing', async () => {
    const src = await project()
    const dst = join(await temp.make('dst'), 'copy')
    const result = await runFerry(['--dry-run', '--exclude', '*.tmp', '--exclude', 'node_modules', src, dst])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/Would copy 5 files, 3 folders/)
    expect(result.stdout).toMatch(/Excluded by filters: 3 \(.*proj\/notes\.tmp.*\)\./)
    expect(result.stdout).toContain('proj/node_modules')
    const json = await runFerry(['--dry-run', '--json', '--exclude', '*.tmp', src, dst])
    const plan = jsonLines(json.stdout).find((line) => line.type === 'plan')
    expect(plan).toMatchObject({ files: 6, excluded: { count: 2 } })
    await expect(readdir(dst)).rejects.toThrow()
  })

  it('refuses an unreadable --exclude-from file and an empty pattern before copying (exit 2)', async () => {
    const src = await project()
    const dst = join(await temp.make('dst'), 'copy')
    const missing = await runFerry(['--exclude-from', join(src, 'no-such-file'), src, dst])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/--exclude-from: cannot read .*no-such-file \(ENOENT\)/)
    const empty = await runFerry(['--exclude', '', src, dst])
    expect(empty.code).toBe(2)
    expect(empty.stderr).toMatch(/--exclude\/--exclude-from: .*must not be empty/)
    await expect(readdir(dst)).rejects.toThrow()
  })

  it('a source file is filtered by its name', async () => {
    const dir = await temp.make('src')
    await mkdir(join(dir, 'in'))
    await writeFile(join(dir, 'in', 'a.log'), 'log')
    await writeFile(join(dir, 'in', 'b.txt'), 'text')
    const dst = await temp.make('dst')
    const result = await runFerry([
      '--exclude',
      '*.log',
      join(dir, 'in', 'a.log'),
      join(dir, 'in', 'b.txt'),
      dst,
    ])
    expect(result.code).toBe(0)
    expect(await readdir(dst)).toEqual(['b.txt'])
  })
})
