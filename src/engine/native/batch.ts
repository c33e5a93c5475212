/**
 * Builds the two arrays `copyBatch` takes — one buffer of NUL-terminated path bytes and `ITEM.WORDS` BigInt64
 * words per item — and reads the Float64Array of outcomes it returns. Consecutive items of one folder share the
 * folder's bytes, which is also how the C side knows to keep that folder's descriptor open.
 */
import { ITEM, ItemFlag, OUT, PATH_ROLES, type PathRole, STEPS, type Step } from './constants'
import { errnoName, type NativeBinding, type NativePath, pathBytes } from './native-core'

/** One file or symbolic link to copy into `dstDir/tempName`, then (optionally) rename to `finalName`. */
export interface NativeItem {
  id: number
  srcDir: NativePath
  srcName: NativePath
  dstDir: NativePath
  tempName: NativePath
  /** Rename the finished temp to this name in `dstDir`; absent: leave the temp (a commit group renames later). */
  finalName?: NativePath
  /** `noreplace` (default) refuses to clobber an existing name (RENAME_NOREPLACE); `replace` swaps atomically. */
  rename?: 'noreplace' | 'replace'
  /** On `exists`, keep the finished temp (outcome flag TEMP_KEPT) so the caller can pick another name. */
  keepTempOnExists?: boolean
  symlink?: boolean
  /** The walk's (dev, ino): another file under the name is `source-changed`. */
  identity?: { dev: bigint; ino: bigint }
  /** The walk's size: what a failed item accounts for in the progress slot (as the JS worker does). */
  size?: number
  /** The walk's mtime: with `size`, a difference sets CHANGED_SINCE_WALK (the current content is copied). */
  mtimeNs?: bigint
  /** Mode to give (07777 bits); default the source's. */
  mode?: number
}

/** Accumulates items; `build()` returns what `copyBatch` takes. */
export class BatchBuilder {
  private readonly chunks: Uint8Array[] = []
  private length = 0
  private words = new BigInt64Array(ITEM.WORDS * 16)
  private count = 0
  private last: { srcDir?: NativePath; srcAt: number; dstDir?: NativePath; dstAt: number } = {
    srcAt: 0,
    dstAt: 0,
  }

  get size(): number {
    return this.count
  }

  add(item: NativeItem): this {
    if ((this.count + 1) * ITEM.WORDS > this.words.length) {
      const bigger = new BigInt64Array(this.words.length * 2)
      bigger.set(this.words)
      this.words = bigger
    }
    if (this.last.srcDir === undefined || !samePath(this.last.srcDir, item.srcDir)) {
      this.last.srcDir = item.srcDir
      this.last.srcAt = this.push(item.srcDir)
    }
    if (this.last.dstDir === undefined || !samePath(this.last.dstDir, item.dstDir)) {
      this.last.dstDir = item.dstDir
      this.last.dstAt = this.push(item.dstDir)
    }
    let flags = 0
    if (item.symlink) flags |= ItemFlag.SYMLINK
    if (item.finalName !== undefined)
      flags |= item.rename === 'replace' ? ItemFlag.RENAME_REPLACE : ItemFlag.RENAME_NOREPLACE
    if (item.keepTempOnExists) flags |= ItemFlag.KEEP_TEMP_ON_EXISTS
    if (item.identity) flags |= ItemFlag.HAS_IDENTITY
    if (item.mtimeNs !== undefined) flags |= ItemFlag.HAS_WALK_META
    const at = this.count * ITEM.WORDS
    const w = this.words
    w[at + ITEM.ID] = BigInt(item.id)
    w[at + ITEM.FLAGS] = BigInt(flags)
    w[at + ITEM.SRC_DIR] = BigInt(this.last.srcAt)
    w[at + ITEM.SRC_NAME] = BigInt(this.push(item.srcName))
    w[at + ITEM.DST_DIR] = BigInt(this.last.dstAt)
    w[at + ITEM.TEMP] = BigInt(this.push(item.tempName))
    w[at + ITEM.FINAL] = item.finalName === undefined ? -1n : BigInt(this.push(item.finalName))
    w[at + ITEM.DEV] = item.identity ? BigInt.asIntN(64, item.identity.dev) : 0n
    w[at + ITEM.INO] = item.identity ? BigInt.asIntN(64, item.identity.ino) : 0n
    w[at + ITEM.SIZE] = BigInt(item.size ?? 0)
    w[at + ITEM.MTIME_NS] = item.mtimeNs ?? 0n
    w[at + ITEM.MODE] = BigInt(item.mode ?? -1)
    this.count++
    return this
  }

  build(): { paths: Buffer; items: BigInt64Array } {
    const paths = Buffer.concat(this.chunks.length ? this.chunks : [new Uint8Array(1)])
    return { paths, items: this.words.subarray(0, this.count * ITEM.WORDS) }
  }

  /** Appends the path's bytes and a NUL; returns its offset. */
  private push(path: NativePath): number {
    const bytes = pathBytes(path)
    if (bytes.includes(0)) throw new TypeError('a path must not contain NUL bytes')
    const at = this.length
    this.chunks.push(bytes, ZERO)
    this.length += bytes.length + 1
    return at
  }
}

const ZERO = new Uint8Array(1)

function samePath(a: NativePath, b: NativePath): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b
  return Buffer.from(pathBytes(a)).equals(pathBytes(b))
}

/** What happened to one item. */
export interface NativeOutcome {
  id: number
  status: 'not-started' | 'done' | 'failed' | 'source-changed' | 'cancelled' | 'exists'
  /** errno (positive) of the failure, 0 when none. */
  errno: number
  /** Node's name for `errno` ("ENOSPC"), for src/engine/errors.ts; absent when errno is 0. */
  code?: string
  step: Step
  path: PathRole
  /** `OutFlag.*` bits. */
  flags: number
  bytes: number
}

const STATUSES: ReadonlyArray<NativeOutcome['status']> = [
  'not-started',
  'done',
  'failed',
  'source-changed',
  'cancelled',
  'exists',
]

/** Decodes outcome `index` of `out` (the array `copyBatch` returned). */
export function outcomeAt(
  binding: NativeBinding,
  out: Float64Array,
  index: number,
  id: number,
): NativeOutcome {
  const at = index * OUT.WORDS
  const get = (offset: number): number => out[at + offset] ?? 0
  const errno = get(OUT.ERRNO)
  const outcome: NativeOutcome = {
    id,
    status: STATUSES[get(OUT.STATUS)] ?? 'failed',
    errno,
    step: STEPS[get(OUT.STEP)] ?? 'none',
    path: PATH_ROLES[get(OUT.PATH)] ?? 'none',
    flags: get(OUT.FLAGS),
    bytes: get(OUT.BYTES),
  }
  if (errno !== 0) outcome.code = errnoName(binding, errno)
  return outcome
}

/** Runs one batch and decodes every outcome (convenience form; hot paths read `out` directly). */
export function copyItems(
  binding: NativeBinding,
  items: NativeItem[],
  options: Parameters<NativeBinding['copyBatch']>[2] = {},
): NativeOutcome[] {
  const builder = new BatchBuilder()
  for (const item of items) builder.add(item)
  const { paths, items: words } = builder.build()
  const out = binding.copyBatch(paths, words, options)
  return items.map((item, index) => outcomeAt(binding, out, index, item.id))
}
