#!/usr/bin/env node
/**
 * Micro-benchmark (not a test): 20,000 × 4 KiB files in 200 folders on a fresh tmpfs, `cp -a` against the native
 * core's driver (copy-tree.mjs, one thread), whole processes, pairs A B A B with a fresh destination each run;
 * prints each pair and the median ratio. Root (it mounts a tmpfs on /mnt/ferry-bench).
 * Usage: node native/bench/bench-small.mjs [pairs=7]
 */
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { join } from 'node:path'

const pairs = Number(process.argv[2] ?? 7)
const MNT = '/mnt/ferry-bench'
fs.mkdirSync(MNT, { recursive: true })
execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2G', 'tmpfs', MNT])
try {
  const src = join(MNT, 'src')
  const data = Buffer.alloc(4096, 'x')
  for (let d = 0; d < 200; d++) {
    fs.mkdirSync(join(src, `d${d}`), { recursive: true })
    for (let f = 0; f < 100; f++) fs.writeFileSync(join(src, `d${d}`, `f${f}`), data)
  }
  const timed = (command, args) => {
    const t = performance.now()
    const r = spawnSync(command, args, { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr}`)
    return { ms: performance.now() - t, out: r.stdout.trim() }
  }
  const ratios = []
  let run = 0
  for (let p = 0; p < pairs; p++) {
    const cp = timed('cp', ['-a', src, join(MNT, `cp-${run++}`)])
    const native = timed(process.execPath, [
      join(import.meta.dirname, 'copy-tree.mjs'),
      src,
      join(MNT, `n-${run++}`),
    ])
    const inside = JSON.parse(native.out).ms
    ratios.push(native.ms / cp.ms)
    console.log(
      `pair ${p + 1}: cp -a ${cp.ms.toFixed(0)} ms, native ${native.ms.toFixed(0)} ms (inside ${inside} ms), ratio ${(native.ms / cp.ms).toFixed(2)}`,
    )
    for (const name of fs.readdirSync(MNT))
      if (name !== 'src') fs.rmSync(join(MNT, name), { recursive: true })
  }
  ratios.sort((a, b) => a - b)
  console.log(
    `median native / cp -a: ${ratios[Math.floor(ratios.length / 2)].toFixed(2)}× over ${pairs} pairs`,
  )
} finally {
  execFileSync('umount', [MNT])
}
