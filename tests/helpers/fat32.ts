/**
 * A real FAT32 filesystem for tests: a sparse image formatted by `mkfs.vfat -F 32` and mounted with `fusefat`
 * (FUSE, so no loop device is needed; the mount type is `fuse.fusefat`). Root only; {@link whyNoFat32} says why it
 * cannot be made here, for a test's skip reason.
 */
import { execFile, execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

const exec = promisify(execFile)

function onPath(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool} || test -x /usr/sbin/${tool} || test -x /sbin/${tool}`])
    return true
  } catch {
    return false
  }
}

/** Why a FAT32 cannot be mounted here (not Linux, not root, no FUSE, tools missing), or undefined. */
export function whyNoFat32(): string | undefined {
  if (process.platform !== 'linux') return 'FAT32 through fusefat needs Linux'
  if (process.getuid?.() !== 0) return 'not running as root: cannot mount a FAT32 image'
  if (!existsSync('/dev/fuse')) return 'no /dev/fuse: FUSE is not available'
  const missing = ['mkfs.vfat', 'fusefat', 'fusermount'].filter((tool) => !onPath(tool))
  if (missing.length > 0)
    return `${missing.join(', ')} not installed (apt-get install -y dosfstools fusefat fuse)`
  return undefined
}

/** Makes a `sizeMiB` FAT32 image in `dir` and mounts it at `dir/mnt`; resolves with the mount point. */
export async function mountFat32(dir: string, sizeMiB = 64): Promise<string> {
  const image = join(dir, 'fat32.img')
  const mnt = join(dir, 'mnt')
  await mkdir(mnt)
  await exec('truncate', ['-s', `${sizeMiB}M`, image])
  await exec('mkfs.vfat', ['-F', '32', image], {
    env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/sbin` },
  })
  await exec('fusefat', ['-o', 'rw+', image, mnt])
  return mnt
}

/** Unmounts a {@link mountFat32} mount (lazily, if it is busy). Never throws. */
export async function unmountFat32(mnt: string): Promise<void> {
  await exec('fusermount', ['-u', mnt]).catch(() => exec('fusermount', ['-uz', mnt]).catch(() => undefined))
}
