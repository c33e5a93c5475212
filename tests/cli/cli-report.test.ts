import { execFileSync } from 'node:child_process'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runFerry } from '../helpers/cli'
import { TempDirs } from '../helpers/temp-dirs'

const temp = new TempDirs()
afterAll(() => temp.cleanup())

/** A small RFC 4180 reader for the test: quoted fields with doubled quotes and line breaks, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  return rows
}

const ODD = ['comma, name.txt', 'say "hi".txt', 'two\nlines.txt']

/** A tree with one file that fails (a FIFO), one that is skipped (already there) and awkward names. */
async function setUp(): Promise<{ src: string; dst: string; dir: string }> {
  const dir = await temp.make('report')
  const src = join(dir, 'tree')
  await mkdir(src)
  await writeFile(join(src, 'ok.txt'), 'ok!')
  await writeFile(join(src, 'kept.txt'), 'new')
  for (const name of ODD) await writeFile(join(src, name), name)
  await writeFile(Buffer.from(join(src, 'bad-\xff.bin'), 'latin1'), 'bytes')
  execFileSync('mkfifo', [join(src, 'pipe')])
  const dst = join(dir, 'out')
  await mkdir(join(dst, 'tree'), { recursive: true })
  await writeFile(join(dst, 'tree', 'kept.txt'), 'old')
  return { src, dst, dir }
}

describe('ferry --report FILE', () => {
  it('CSV: one row per file with its action, size and error, quoted properly', async () => {
    const { src, dst, dir } = await setUp()
    const report = join(dir, 'report.csv')
    const result = await runFerry(['--report', report, src, dst])
    expect(result.code).toBe(1) // the FIFO failed
    // The display is unchanged: only the failure on stderr.
    expect(result.stderr).toMatch(/ferry: failed: .*pipe/)
    const [header, ...rows] = parseCsv(await readFile(report, 'utf8'))
    expect(header).toEqual([
      'path',
      'source',
      'destination',
      'size',
      'kind',
      'action',
      'skip_reason',
      'error_code',
      'error_message',
    ])
    const byPath = new Map(rows.map((row) => [row[0]!, row]))
    expect(rows).toHaveLength(7)
    expect(byPath.get('tree/ok.txt')).toEqual([
      'tree/ok.txt',
      join(src, 'ok.txt'),
      join(dst, 'tree', 'ok.txt'),
      '3',
      'file',
      'copied',
      '',
      '',
      '',
    ])
    expect(byPath.get('tree/kept.txt')?.slice(5, 7)).toEqual(['skipped', 'exists'])
    const pipe = byPath.get('tree/pipe')!
    expect(pipe.slice(4, 8)).toEqual(['special', 'failed', '', 'UNSUPPORTED'])
    expect(pipe[8]).toMatch(/named pipe/)
    for (const name of ODD) expect(byPath.get(`tree/${name}`)?.[5]).toBe('copied')
    expect(rows.some((row) => row[0]!.startsWith('tree/bad-') && row[5] === 'copied')).toBe(true)
  })

  it('JSON: one document with the job, every file and the summary; overwrite says replaced', async () => {
    const { src, dst, dir } = await setUp()
    const report = join(dir, 'report.json')
    const result = await runFerry(['--on-conflict', 'overwrite', '--report', report, src, dst])
    expect(result.code).toBe(1)
    const doc = JSON.parse(await readFile(report, 'utf8'))
    expect(doc).toMatchObject({ report: 'ferry', version: 1, job: { sources: [src], destination: dst } })
    expect(doc.files).toHaveLength(7)
    const byPath = new Map(doc.files.map((row: { path: string }) => [row.path, row]))
    expect(byPath.get('tree/kept.txt')).toMatchObject({ action: 'replaced', size: 3 })
    expect(byPath.get('tree/pipe')).toMatchObject({ action: 'failed', errorCode: 'UNSUPPORTED' })
    expect(byPath.get('tree/two\nlines.txt')).toMatchObject({ action: 'copied' })
    expect(doc.summary).toMatchObject({ filesDone: 6, filesFailed: 1, filesExcluded: 0 })
    const rename = join(dir, 'again.json')
    await runFerry(['--on-conflict', 'rename', '--report', rename, join(src, 'ok.txt'), join(dst, 'tree')])
    const again = JSON.parse(await readFile(rename, 'utf8'))
    expect(again.files).toEqual([
      expect.objectContaining({ action: 'kept-both', destination: join(dst, 'tree', 'ok (1).txt') }),
    ])
  })

  it('refuses another extension, or a path it cannot write, before copying (exit 2)', async () => {
    const { src, dst, dir } = await setUp()
    const wrong = await runFerry(['--report', join(dir, 'report.txt'), src, dst])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toMatch(/--report: .*report\.txt must end in \.csv or \.json/)
    const nowhere = await runFerry(['--report', join(dir, 'no-such-dir', 'r.csv'), src, dst])
    expect(nowhere.code).toBe(2)
    expect(nowhere.stderr).toMatch(/Cannot write the report .*ENOENT/)
    await expect(stat(join(dst, 'tree', 'ok.txt'))).rejects.toThrow()
  })
})
