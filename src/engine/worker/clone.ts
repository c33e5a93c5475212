/**
 * Clone first (reflink: `FICLONE` on XFS, Btrfs, bcachefs…): a large file is shared copy-on-write in one call
 * instead of read and written. Node offers it only as `copyFileSync(src, dst, COPYFILE_FICLONE_FORCE)`, which opens
 * `src` by path, following links — so the source is named as `/proc/self/fd/N`, the descriptor `source-file.ts`
 * already opened with `O_NOFOLLOW` and checked: reopening that magic link reaches the very inode that was checked,
 * whatever the path now points to. Where `/proc/self/fd` does not exist (macOS, Windows) the JS core does not clone.
 *
 * A (source device, destination device) pair that cannot clone (EXDEV, ENOTSUP, EOPNOTSUPP, EINVAL, ENOSYS) is
 * remembered for the life of the worker, so such a pair costs one failed call, not one per file.
 */
import fs from 'node:fs'
import { type BytePath, fsPath, parentPath } from '../lib/byte-path'

/** Files at least this large are cloned; smaller ones cost less to read and write than to clone (measured). */
export const CLONE_MIN_BYTES = 64 * 1024

const FLAGS = fs.constants.COPYFILE_FICLONE_FORCE | fs.constants.COPYFILE_EXCL
const CANNOT_CLONE = new Set(['EXDEV', 'ENOTSUP', 'EOPNOTSUPP', 'EINVAL', 'ENOSYS', 'ENOTTY', 'EBADF'])
const PROC_FD = process.platform === 'linux' && fs.existsSync('/proc/self/fd')

/** Pairs `srcDev:dstDev` known not to clone. */
const failedPairs = new Set<string>()
/** Destination folder → its device, so a pair is known before the call; bounded. */
const folderDevices = new Map<string, number>()
const FOLDER_CACHE_LIMIT = 4096

/**
 * Clones the open source `fd` (on device `srcDev`) into the new file `temp`. True when cloned (the data is there;
 * mode and times are the caller's); false when this pair cannot clone — then nothing was left at `temp`.
 * Other errors (ENOSPC, EACCES, …) are thrown.
 */
export function tryClone(fd: number, srcDev: number, temp: BytePath): boolean {
  if (!PROC_FD) return false
  const dstDev = folderDevice(parentPath(temp))
  const pair = `${srcDev}:${dstDev}`
  if (failedPairs.has(pair)) return false
  try {
    fs.copyFileSync(`/proc/self/fd/${fd}`, fsPath(temp), FLAGS)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? ''
    if (!CANNOT_CLONE.has(code)) throw error
    failedPairs.add(pair)
    // libuv unlinks its destination when the clone fails; make sure, as the caller creates `temp` next.
    fs.rmSync(fsPath(temp), { force: true })
    return false
  }
}

function folderDevice(dir: BytePath): number {
  let dev = folderDevices.get(dir)
  if (dev === undefined) {
    if (folderDevices.size >= FOLDER_CACHE_LIMIT) folderDevices.clear()
    dev = fs.statSync(fsPath(dir)).dev
    folderDevices.set(dir, dev)
  }
  return dev
}
