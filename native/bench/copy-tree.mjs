#!/usr/bin/env node
/**
 * A minimal driver of the native core for benchmarks (not Ferry): copies the tree SRC to DST on one thread —
 * breadth-first readDir, mkdir, then one copyBatch per folder (up to 256 items), temp + RENAME_NOREPLACE.
 * Prints `{"files":…,"ms":…}` (time inside the process, after loading the binding).
 * Usage: node native/bench/copy-tree.mjs SRC DST
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const binding = createRequire(import.meta.url)(
  join(import.meta.dirname, '..', 'build', 'Release', 'ferry_core.node'),
)
const [src, dst] = process.argv.slice(2)
const WALK_WORDS = 11
const ITEM_WORDS = 12
const BATCH = 256

const started = performance.now()
let files = 0
const queue = [[Buffer.from(src), Buffer.from(dst)]]
fs.mkdirSync(dst)
while (queue.length) {
  const [from, to] = queue.shift()
  const { names, fields } = binding.readDir(from)
  const count = fields.length / WALK_WORDS
  let chunks = [from, Buffer.from([0]), to, Buffer.from([0])]
  let at = from.length + to.length + 2
  let items = new BigInt64Array(BATCH * ITEM_WORDS)
  let n = 0
  const flush = () => {
    if (!n) return
    binding.copyBatch(Buffer.concat(chunks), items.subarray(0, n * ITEM_WORDS), {})
    files += n
    chunks = [from, Buffer.from([0]), to, Buffer.from([0])]
    at = from.length + to.length + 2
    n = 0
  }
  for (let i = 0; i < count; i++) {
    const off = Number(fields[i * WALK_WORDS])
    const name = names.subarray(off, off + Number(fields[i * WALK_WORDS + 1]))
    const kind = Number(fields[i * WALK_WORDS + 2])
    if (kind === 2) {
      const dir = Buffer.concat([to, Buffer.from('/'), name])
      fs.mkdirSync(dir)
      queue.push([Buffer.concat([from, Buffer.from('/'), name]), dir])
      continue
    }
    if (kind !== 1 && kind !== 3) continue
    const temp = Buffer.from(`.ferry-partial-bench-${i}`)
    const w = n * ITEM_WORDS
    items[w] = BigInt(files + n)
    items[w + 1] = BigInt((kind === 3 ? 1 : 0) | 2 | 16) // symlink?, RENAME_NOREPLACE, HAS_IDENTITY
    items[w + 2] = 0n
    items[w + 3] = BigInt(at)
    items[w + 4] = BigInt(from.length + 1)
    items[w + 5] = BigInt(at + name.length + 1)
    items[w + 6] = BigInt(at)
    items[w + 7] = fields[i * WALK_WORDS + 5]
    items[w + 8] = fields[i * WALK_WORDS + 6]
    items[w + 9] = fields[i * WALK_WORDS + 4]
    items[w + 10] = 0n
    items[w + 11] = -1n
    chunks.push(name, Buffer.from([0]), temp, Buffer.from([0]))
    at += name.length + temp.length + 2
    if (++n === BATCH) flush()
  }
  flush()
}
console.log(JSON.stringify({ files, ms: +(performance.now() - started).toFixed(1) }))
