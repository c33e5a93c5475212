/**
 * `--verify`: the source was hashed while it was read; the new file is made durable, read back through its own
 * descriptor and hashed again. A mismatch fails the item with `VERIFY_FAILED` (the caller discards the copy).
 */
import fs from 'node:fs'
import type { IHasher } from 'hash-wasm'
import { displayPath } from '../lib/byte-path'
import { FerryError } from '../errors'
import type { CopyItem } from '../protocol'
import type { CopyContext } from './byte-copier'

/** Re-reads the written file and compares its hash with the source's, read while copying. */
export function verify(
  fd: number,
  size: number,
  item: CopyItem,
  ctx: CopyContext,
  hashers: { source: IHasher; target: IHasher },
): void {
  fs.fsyncSync(fd)
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
