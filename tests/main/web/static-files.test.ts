import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readStaticFile } from '../../../src/main/web/static-files'

let base: string
let root: string

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'ferry-static-'))
  root = join(base, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html>')
  await writeFile(join(root, 'assets', 'app.js'), 'export {}')
  await writeFile(join(base, 'secret.txt'), 'secret')
})

afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})

describe('renderer file serving', () => {
  it('serves index.html for / and files with their content type', async () => {
    expect((await readStaticFile(root, '/'))?.contentType).toBe('text/html; charset=utf-8')
    const script = await readStaticFile(root, '/assets/app.js')
    expect(script?.body.toString()).toBe('export {}')
    expect(script?.contentType).toBe('text/javascript; charset=utf-8')
  })

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/assets',
    '/missing.js',
  ])('serves nothing for %s', async (path) => {
    expect(await readStaticFile(root, path)).toBeNull()
  })
})
