import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'

const CHUNK = 1 << 20
const BLOCK = 4096

/**
 * Writes `size` bytes of seeded pseudo-random data where every 4 KiB block starts with its block number and the seed,
 * so a copy with a lost, repeated or reordered block hashes differently. Every byte is written (no holes).
 * Resolves with the content's SHA-256, computed while writing, so big sources need not be read back.
 */
export async function writePatternFile(path: string, size: number, seed: number): Promise<string> {
  const template = seededBytes(CHUNK, seed)
  const hash = createHash('sha256')
  const handle = await open(path, 'w')
  try {
    for (let offset = 0; offset < size; offset += CHUNK) {
      const length = Math.min(CHUNK, size - offset)
      for (let at = 0; at + 8 <= length; at += BLOCK) {
        template.writeUInt32LE((offset + at) / BLOCK, at)
        template.writeUInt32LE(seed >>> 0, at + 4)
      }
      const chunk = template.subarray(0, length)
      hash.update(chunk)
      await handle.write(chunk, 0, length, offset)
    }
  } finally {
    await handle.close()
  }
  return hash.digest('hex')
}

/** `length` deterministic bytes from `seed` (xorshift32): cheap, and different seeds give different files. */
export function seededBytes(length: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(length)
  let x = (seed * 2654435761) >>> 0 || 1
  for (let i = 0; i + 4 <= length; i += 4) {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    out.writeUInt32LE(x, i)
  }
  for (let i = length - (length % 4); i < length; i += 1) out[i] = (seed + i) & 0xff
  return out
}
