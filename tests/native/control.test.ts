/**
 * The control word and progress slot, shared with a worker thread that runs the native copy (which also proves
 * the binding loads in a worker: it is context-aware). Pause stops the bytes mid-file and resume continues;
 * cancel mid-file removes the temp and leaves the rest of the batch not started.
 */
import fs from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { afterAll, describe, expect, it } from 'vitest'
import { BatchBuilder } from '../../src/engine/native/batch'
import { OUT, Status } from '../../src/engine/native/constants'
import { bindingPath, noNative, sha256, TempDirs } from './native-helpers'

const temp = new TempDirs()
afterAll(() => temp.cleanup())

const SIZE = 128 << 20
const [RUN, PAUSE, CANCEL] = [0, 1, 2]

const WORKER = `
const { workerData, parentPort } = require('node:worker_threads')
const binding = require(workerData.bindingPath)
const { paths, items, control, progress } = workerData
parentPort.postMessage(binding.copyBatch(paths, items, { control, progress, chunkSize: 4096 }))
`

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Starts a worker copying `big` then `small`; returns the shared words and the outcomes' promise. */
async function startCopy() {
  const src = await temp.make('nctl')
  const dst = await temp.make('nctl-dst')
  fs.writeFileSync(join(src, 'big'), Buffer.alloc(SIZE, 7))
  fs.writeFileSync(join(src, 'small'), 'small')
  const builder = new BatchBuilder()
  for (const [id, name] of ['big', 'small'].entries()) {
    builder.add({ id, srcDir: src, srcName: name, dstDir: dst, tempName: `.t-${name}`, finalName: name })
  }
  const { paths, items } = builder.build()
  const control = new Int32Array(new SharedArrayBuffer(4))
  const progress = new BigInt64Array(new SharedArrayBuffer(32))
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { bindingPath, paths, items, control, progress },
  })
  const done = new Promise<Float64Array>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  const fileBytes = () => Number(Atomics.load(progress, 1))
  for (let waited = 0; fileBytes() === 0 && waited < 10_000; waited++) await sleep(1)
  return { src, dst, control, fileBytes, done }
}

describe.skipIf(noNative)('native control word and progress slot', () => {
  it('pause holds the file mid-copy; resume (Atomics.store + notify) continues to a complete copy', async () => {
    const { src, dst, control, fileBytes, done } = await startCopy()
    Atomics.store(control, 0, PAUSE)
    await sleep(50)
    const held = fileBytes()
    await sleep(200)
    expect(fileBytes()).toBe(held)
    expect(held).toBeGreaterThan(0)
    expect(held).toBeLessThan(SIZE)
    Atomics.store(control, 0, RUN)
    Atomics.notify(control, 0)
    const out = await done
    expect(out[OUT.STATUS]).toBe(Status.DONE)
    expect(out[OUT.WORDS + OUT.STATUS]).toBe(Status.DONE)
    expect(sha256(join(dst, 'big'))).toBe(sha256(join(src, 'big')))
  })

  it('cancel mid-file removes the temp and leaves the next item not started', async () => {
    const { dst, control, fileBytes, done } = await startCopy()
    expect(fileBytes()).toBeLessThan(SIZE)
    Atomics.store(control, 0, CANCEL)
    const out = await done
    expect(out[OUT.STATUS]).toBe(Status.CANCELLED)
    expect(out[OUT.WORDS + OUT.STATUS]).toBe(Status.NOT_STARTED)
    expect(fs.readdirSync(dst)).toEqual([])
  })
})
