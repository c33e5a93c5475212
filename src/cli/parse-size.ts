/**
 * Parses a size such as `64KiB`, `8MiB`, `1M`, `1.5G` or `65536` into bytes.
 *
 * Units follow GNU coreutils (`dd`, `head -c`), which is what users of a `cp`-like tool already type:
 * `K`, `KiB` (and `k`) are powers of 1024; `KB` is a power of 1000. The same for M, G and T. A bare number is bytes;
 * `B` is accepted as a unit of one byte. Case is ignored except that `KB`-style suffixes are decimal.
 */

const BINARY: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }
const DECIMAL: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9, t: 1e12 }

const SIZE = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(?:([kmgt])(i?b)?|(b))?\s*$/i

/** The outcome of {@link parseSize}: bytes, or a message saying what was wrong and what is accepted. */
export type SizeParse = { ok: true; bytes: number } | { ok: false; message: string }

/** Parses `text` into a whole, positive number of bytes. Never throws. */
export function parseSize(text: string): SizeParse {
  const match = SIZE.exec(text)
  if (!match) {
    return {
      ok: false,
      message: `"${text}" is not a size; use a number of bytes or a number with a unit, e.g. 65536, 64KiB, 8MiB, 1M`,
    }
  }
  const [, number = '', prefix, suffix] = match
  let multiplier = 1
  if (prefix !== undefined) {
    const key = prefix.toLowerCase()
    // "KB" (no "i") is decimal; "K" and "KiB" are binary.
    const decimal = suffix !== undefined && suffix.toLowerCase() === 'b'
    multiplier = (decimal ? DECIMAL : BINARY)[key] ?? 1
  }
  const bytes = Number(number) * multiplier
  if (!Number.isFinite(bytes) || bytes < 1) {
    return { ok: false, message: `"${text}" is too small; a size must be at least 1 byte` }
  }
  if (!Number.isInteger(bytes)) {
    return { ok: false, message: `"${text}" is not a whole number of bytes (${bytes})` }
  }
  if (!Number.isSafeInteger(bytes)) {
    return { ok: false, message: `"${text}" is too large` }
  }
  return { ok: true, bytes }
}
