/**
 * Extended attributes and POSIX ACLs travel with the file (set and read back with the attr/acl tools; the tests
 * install nothing and skip with the reason when the tools are missing).
 */
import fs from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OutFlag } from '../../src/engine/native/constants'
import { copyOne, hasTool, noNative, sh, TempDirs } from './native-helpers'

const temp = new TempDirs()
afterAll(() => temp.cleanup())
let noAttr: string | undefined
let noAcl: string | undefined

beforeAll(async () => {
  noAttr = (await hasTool('setfattr')) && (await hasTool('getfattr')) ? undefined : 'attr tools missing'
  noAcl = (await hasTool('setfacl')) && (await hasTool('getfacl')) ? undefined : 'acl tools missing'
})

describe.skipIf(noNative)('native copy of xattrs and ACLs', () => {
  it('carries a user xattr (setfattr -n user.x -v y)', async ({ skip }) => {
    if (noAttr) skip(noAttr)
    const src = await temp.make('nxattr')
    const dst = await temp.make('nxattr-dst')
    fs.writeFileSync(join(src, 'f'), 'x')
    await sh('setfattr', ['-n', 'user.x', '-v', 'y', join(src, 'f')])
    await sh('setfattr', ['-n', 'user.big', '-v', `0x${'ab'.repeat(3000)}`, join(src, 'f')])
    const outcome = copyOne(src, 'f', dst)
    expect(outcome.status).toBe('done')
    expect(outcome.flags & (OutFlag.XATTR_UNSUPPORTED | OutFlag.XATTR_DENIED)).toBe(0)
    // Without getfattr's "# file:" header line, which names the path.
    const dump = async (path: string) =>
      (await sh('getfattr', ['-d', '-e', 'hex', '-m', '^user\\.', path])).replace(/^# file:.*\n/, '')
    const want = await dump(join(src, 'f'))
    expect(await dump(join(dst, 'f'))).toBe(want)
    expect(want).toContain('user.x=0x79')
  })

  it('carries a POSIX ACL (setfacl -m u:nobody:r) and the mode it implies', async ({ skip }) => {
    if (noAcl) skip(noAcl)
    const src = await temp.make('nacl')
    const dst = await temp.make('nacl-dst')
    fs.writeFileSync(join(src, 'f'), 'x')
    fs.chmodSync(join(src, 'f'), 0o640)
    await sh('setfacl', ['-m', 'u:nobody:r', join(src, 'f')])
    const outcome = copyOne(src, 'f', dst)
    expect(outcome.status).toBe('done')
    expect(outcome.flags & OutFlag.ACL_UNSUPPORTED).toBe(0)
    const acl = (path: string) => sh('getfacl', ['--omit-header', '--numeric', path])
    expect(await acl(join(dst, 'f'))).toBe(await acl(join(src, 'f')))
    expect(await acl(join(dst, 'f'))).toContain('user:65534:r--')
    expect(fs.statSync(join(dst, 'f')).mode & 0o777).toBe(fs.statSync(join(src, 'f')).mode & 0o777)
  })
})
