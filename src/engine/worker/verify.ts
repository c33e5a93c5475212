/**
 * `--verify`: the source was hashed while it was read; the new file is made durable (fsync), its cached pages are
 * dropped (`posix_fadvise(DONTNEED)` through the native core, Linux), and it is read back through its own descriptor
 * and hashed again — so the check reads what the disk holds, not what memory still has. Where the pages cannot be
 * dropped (JS core, macOS, Windows) the read-back may be served from the page cache: the job's `started` event says
 * which (`runtime.verifyReadBack`). A mismatch fails the item with `VERIFY_FAILED` (the caller discards the copy).
 */
import fs from 'node:fs'
import type { IHasher } from 'hash-wasm'
import { displayPath } from '../lib/byte-path'
import { FerryError } from '../errors'
import { loadCore } from '../native/load'
import type { CopyItem } from '../protocol'
import type { CopyContext } from './byte-copier'

/**
 * Where `--verify` reads a copy back from on this thread: `disk` when its cached pages can be dropped after the sync
 * (native core on Linux, where `posix_fadvise(POSIX_FADV_DONTNEED)` evicts clean pages), else `cache`.
 */
export function verifyReadBack(): 'disk' | 'cache' {
  return process.platform === 'linux' && loadCore().core === 'native' ? 'disk' : 'cache'
}

/** Makes the copy durable and, where the platform allows, evicts its pages so the read-back comes from the disk. */
function syncAndEvict(fd: number): void {
  fs.fsyncSync(fd)
  const core = loadCore()
  if (process.platform === 'linux' && core.core === 'native') core.binding.fadviseDontNeed(fd)
}

/** Re-reads the written file and compares its hash with the source's, read while copying. */
export function verify(
  fd: number,
  size: number,
  item: CopyItem,
  ctx: CopyContext,
  hashers: { source: IHasher; target: IHasher },
): void {
  syncAndEvict(fd)
  hashers.target.init()
  let position = 0
  while (position < size) {
    const n = fs.readSync(fd, ctx.buffer, 0, Math.min(ctx.chunkSize, size - position), position)
    if (n === 0) break
    hashers.target.update(n === ctx.buffer.length ? ctx.buffer : ctx.buffer.subarray(0, n))
    position += n
  }
  const expected = hashers.source.digest('hex')
  const actual = hashers.target.digest('hex')
  if (position !== size || expected !== actual) {
    throw new FerryError(
      'VERIFY_FAILED',
      `Verification failed for ${displayPath(item.dst)}: the written data differs from ${displayPath(item.src)} (xxh3 ${actual} ≠ ${expected}); the copy was discarded. Check the destination disk and retry.`,
      displayPath(item.dst),
    )
  }
}
