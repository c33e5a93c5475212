/**
 * What only the native core keeps, through the engine (workers, copy-item, commit), not just the binding:
 * nanosecond times, xattrs and POSIX ACLs, the owner as root, and a clone on a reflink filesystem (loop-mounted
 * XFS). Skipped with the reason when the native core is not the one running (FERRY_CORE=js, or not built), or when
 * root or the tools are missing; the tests install nothing.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyCore } from '../../src/engine'
import { useEngineSuite } from '../helpers/engine-suite'
import { runJob } from '../helpers/job-run'
import { seededBytes } from '../helpers/pattern-file'

const exec = promisify(execFile)
const { engine, temp } = useEngineSuite()

const core = copyCore()
const noNative = core.core === 'native' ? undefined : `the native core is not running (${core.reason})`
const notRoot = process.getuid?.() === 0 ? undefined : 'needs root'

async function sh(command: string, args: string[]): Promise<string> {
  return (await exec(command, args, { maxBuffer: 16 << 20 })).stdout
}

async function missing(...tools: string[]): Promise<string | undefined> {
  for (const tool of tools) {
    try {
      await sh('sh', ['-c', `command -v ${tool}`])
    } catch {
      return `${tool} missing`
    }
  }
  return undefined
}

/** Copies the folder `src` into the missing `<fresh>/copy` through the engine; the job must end done. */
async function copyFolder(src: string): Promise<string> {
  const dst = join(await temp.make('nf-dst'), 'copy')
  const { summary } = await runJob(engine, { sources: [src], destination: dst })
  expect(summary).toMatchObject({ state: 'done', filesFailed: 0 })
  return dst
}

describe.skipIf(noNative)('the native core through the engine', () => {
  it('keeps access and modification times to the nanosecond (files and links)', async () => {
    const src = await temp.make('nf-times')
    fs.writeFileSync(join(src, 'small'), 'small')
    fs.writeFileSync(join(src, 'large'), seededBytes(3 << 20, 7))
    fs.symlinkSync('small', join(src, 'link'))
    await sh('touch', ['-m', '-d', '2021-02-03 04:05:06.123456789', join(src, 'small'), join(src, 'large')])
    await sh('touch', ['-a', '-d', '2020-01-02 03:04:05.987654321', join(src, 'small'), join(src, 'large')])
    await sh('touch', ['-h', '-d', '2019-05-06 07:08:09.111111111', join(src, 'link')])
    // Before the copy: reading the source moves its atime (the copy keeps the one it had, as cp -a does).
    const before = new Map(
      ['small', 'large', 'link'].map((n) => [n, fs.lstatSync(join(src, n), { bigint: true })]),
    )
    const dst = await copyFolder(src)
    for (const [name, a] of before) {
      const b = fs.lstatSync(join(dst, name), { bigint: true })
      expect(b.mtimeNs, `${name} mtime`).toBe(a.mtimeNs)
      if (name !== 'link') expect(b.atimeNs, `${name} atime`).toBe(a.atimeNs)
    }
    expect(fs.lstatSync(join(src, 'small'), { bigint: true }).mtimeNs % 1000n).toBe(789n)
    expect(fs.readlinkSync(join(dst, 'link'))).toBe('small')
  })

  it('carries user xattrs and a POSIX ACL', async ({ skip }) => {
    const why = await missing('setfattr', 'getfattr', 'setfacl', 'getfacl')
    if (why) skip(why)
    const src = await temp.make('nf-xattr')
    const file = join(src, 'f')
    fs.writeFileSync(file, 'x')
    fs.chmodSync(file, 0o640)
    await sh('setfattr', ['-n', 'user.ferry', '-v', 'kept', file])
    await sh('setfattr', ['-n', 'user.big', '-v', `0x${'cd'.repeat(2000)}`, file])
    await sh('setfacl', ['-m', 'u:nobody:r', file])
    const dst = await copyFolder(src)
    const xattrs = async (path: string) =>
      (await sh('getfattr', ['-d', '-e', 'hex', '-m', '^user\\.', path])).replace(/^# file:.*\n/, '')
    const acl = (path: string) => sh('getfacl', ['--omit-header', '--numeric', path])
    expect(await xattrs(join(dst, 'f'))).toBe(await xattrs(file))
    expect(await xattrs(join(dst, 'f'))).toContain('user.ferry=0x6b657074')
    expect(await acl(join(dst, 'f'))).toBe(await acl(file))
    expect(await acl(join(dst, 'f'))).toContain('user:65534:r--')
  })

  it('keeps the owner when run as root (as cp -a does)', async ({ skip }) => {
    if (notRoot) skip(notRoot)
    const src = await temp.make('nf-owner')
    fs.writeFileSync(join(src, 'f'), 'owned by nobody')
    fs.symlinkSync('f', join(src, 'l'))
    fs.chownSync(join(src, 'f'), 65534, 65534)
    fs.lchownSync(join(src, 'l'), 65534, 65534)
    const dst = await copyFolder(src)
    for (const name of ['f', 'l']) {
      expect(fs.lstatSync(join(dst, name))).toMatchObject({ uid: 65534, gid: 65534 })
    }
  })
})

describe.skipIf(noNative)('the native core on a reflink filesystem (loop XFS)', () => {
  let mounted: string | undefined
  let why: string | undefined

  beforeAll(async () => {
    why = notRoot ?? (await missing('mkfs.xfs', 'mount', 'umount'))
    if (why) return
    const dir = await temp.make('nf-xfs')
    const image = join(dir, 'xfs.img')
    fs.writeFileSync(image, '')
    fs.truncateSync(image, 400 << 20)
    try {
      await sh('mkfs.xfs', ['-q', image])
      fs.mkdirSync(join(dir, 'mnt'))
      await sh('mount', ['-o', 'loop', image, join(dir, 'mnt')])
      mounted = join(dir, 'mnt')
    } catch (error) {
      why = `cannot mount an XFS image: ${String(error).split('\n')[0]}`
    }
  }, 60_000)

  afterAll(async () => {
    if (mounted) await sh('umount', [mounted]).catch(() => sh('umount', ['-l', mounted ?? '']))
  })

  it('clones a 128 MiB file: identical bytes, the free space barely moves', async ({ skip }) => {
    if (!mounted) skip(why ?? 'no XFS')
    const mnt = mounted ?? ''
    const src = join(mnt, 'src')
    fs.mkdirSync(src)
    const data = seededBytes(128 << 20, 11)
    fs.writeFileSync(join(src, 'big'), data)
    fs.writeFileSync(join(src, 'small'), 'a small file on XFS')
    await sh('sync', ['-f', mnt])
    const free = () => {
      const s = fs.statfsSync(mnt)
      return s.bfree * s.bsize
    }
    const before = free()
    const dst = join(mnt, 'copy')
    const { summary } = await runJob(engine, { sources: [src], destination: dst })
    expect(summary).toMatchObject({ state: 'done', filesFailed: 0 })
    await sh('sync', ['-f', mnt])
    expect(before - free()).toBeLessThan(16 << 20)
    expect(fs.readFileSync(join(dst, 'big')).equals(data)).toBe(true)
    expect(fs.readFileSync(join(dst, 'small'), 'utf8')).toBe('a small file on XFS')
  })
})
