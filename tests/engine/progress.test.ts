import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ProgressSnapshot } from '../../src/shared/job'
import { type JobRecorder, pauseMidFile, startRecorded } from '../helpers/job-run'
import { seededBytes, writePatternFile } from '../helpers/pattern-file'
import { diffDirs, snapshotTree, treeTotals, writeTree } from '../helpers/tree'
import { useEngineSuite } from '../helpers/engine-suite'

const HZ = 10

const { engine, temp } = useEngineSuite({ progressHz: HZ })

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Events of one kind a job of `durationMs` may send at `HZ`: 25 % slack plus a few for start and end. */
const allowedEvents = (durationMs: number) => Math.ceil((durationMs / 1000) * HZ * 1.25) + 3

/** Wall-clock span from the `started` event to the `finished` event. */
function jobSpanMs(rec: JobRecorder): number {
  expect(rec.events[0]?.type).toBe('started')
  expect(rec.events.at(-1)?.type).toBe('finished')
  expect(rec.events.filter((event) => event.type === 'started' || event.type === 'finished')).toHaveLength(2)
  return (rec.times.at(-1) as number) - (rec.times[0] as number)
}

/** Checks each snapshot on its own and the sequence for monotonic counters and per-file bytes. */
function expectSaneSequence(snapshots: ProgressSnapshot[], jobId: string, dstRoot: string): void {
  const perFile = new Map<number, number>()
  let previous: ProgressSnapshot | undefined
  for (const snap of snapshots) {
    expect(snap.jobId).toBe(jobId)
    expect(snap.bytesDone).toBeLessThanOrEqual(snap.bytesTotal)
    expect(snap.filesDone + snap.filesFailed + snap.filesSkipped).toBeLessThanOrEqual(snap.filesTotal)
    expect(Number.isFinite(snap.bytesPerSecond) && snap.bytesPerSecond >= 0).toBe(true)
    expect(snap.etaSeconds === null || (Number.isFinite(snap.etaSeconds) && snap.etaSeconds >= 0)).toBe(true)
    if (snap.state === 'running' && !snap.scanning && snap.phase === 'copying' && snap.bytesPerSecond > 0) {
      // The estimate is the remaining bytes at the rate this same snapshot shows: never from an older rate, and
      // never missing while a rate is shown (a terminal would read "756 MiB/s  ETA --:--").
      expect(snap.etaSeconds).not.toBeNull()
      expect(snap.etaSeconds).toBeCloseTo((snap.bytesTotal - snap.bytesDone) / snap.bytesPerSecond, 3)
    }
    for (const file of snap.inFlight) {
      expect(file.bytesDone).toBeGreaterThanOrEqual(0)
      expect(file.bytesDone).toBeLessThanOrEqual(file.size)
      expect(file.name.length).toBeGreaterThan(0)
      expect(file.dst.startsWith(dstRoot)).toBe(true)
      expect(file.bytesDone).toBeGreaterThanOrEqual(perFile.get(file.id) ?? 0)
      perFile.set(file.id, file.bytesDone)
    }
    if (previous) {
      expect(snap.bytesDone).toBeGreaterThanOrEqual(previous.bytesDone)
      expect(snap.filesDone).toBeGreaterThanOrEqual(previous.filesDone)
      expect(snap.bytesTotal).toBeGreaterThanOrEqual(previous.bytesTotal)
      expect(snap.filesTotal).toBeGreaterThanOrEqual(previous.filesTotal)
      expect(snap.elapsedMs).toBeGreaterThanOrEqual(previous.elapsedMs)
    }
    previous = snap
  }
}

describe('progress', () => {
  it('reports at a bounded rate, monotonic counters, sane in-flight files and exact final totals', async () => {
    const src = join(await temp.make('src'), 'tree')
    const small = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`f-${i}.bin`, seededBytes(1000 + i, i)]),
    )
    await writeTree(src, { small })
    for (let i = 0; i < 3; i += 1) await writePatternFile(join(src, `big-${i}.bin`), 96 << 20, i)
    const totals = treeTotals(await snapshotTree(src))
    const dst = join(await temp.make('dst'), 'copy')

    const { job, rec } = await startRecorded(engine, {
      sources: [src],
      destination: dst,
      chunkSize: 256 << 10,
    })
    // Sample the live view too, much faster than the event rate, while the job runs.
    const polled: ProgressSnapshot[] = []
    const poller = setInterval(() => polled.push(job.progress()), 2)
    // A pause stretches the job so the event rate is measured over a second or more.
    await pauseMidFile(job, join(src, 'big-0.bin'))
    expect(job.progress().state).toBe('paused')
    await sleep(700)
    job.resume()
    const summary = await job.done
    clearInterval(poller)

    const spanMs = jobSpanMs(rec)
    const snapshots = rec.snapshots
    expect(spanMs).toBeGreaterThan(700)
    expect(snapshots.length).toBeGreaterThanOrEqual(2)
    expect(snapshots.length).toBeLessThanOrEqual(allowedEvents(spanMs))
    expect(rec.events.filter((event) => event.type === 'files').length).toBeLessThanOrEqual(
      allowedEvents(spanMs),
    )
    expectSaneSequence(snapshots, job.id, dst)
    expectSaneSequence(polled, job.id, dst)
    expect(
      polled.some((snap) => snap.inFlight.some((file) => file.bytesDone > 0 && file.bytesDone < file.size)),
    ).toBe(true)
    expect(summary).toMatchObject({
      state: 'done',
      bytesDone: totals.bytes,
      bytesTotal: totals.bytes,
      filesDone: totals.files,
      filesFailed: 0,
      filesSkipped: 0,
      scanComplete: true,
    })
    const last = snapshots.at(-1) as ProgressSnapshot
    expect(last.bytesTotal).toBe(totals.bytes)
    expect(last.filesTotal).toBe(totals.files)
    expect(await diffDirs(src, dst)).toEqual([])
  })

  it('does not send more events for more files: 3,000 small files, each reported exactly once', async () => {
    const src = join(await temp.make('src'), 'many')
    const spec: Record<string, Record<string, Buffer>> = {}
    for (let d = 0; d < 30; d += 1) {
      spec[`dir-${d}`] = Object.fromEntries(
        Array.from({ length: 100 }, (_, i) => [`file-${i}.txt`, seededBytes(512 + i, d * 100 + i)]),
      )
    }
    await writeTree(src, spec)
    const dst = join(await temp.make('dst'), 'copy')

    const { job, rec } = await startRecorded(engine, { sources: [src], destination: dst })
    const summary = await job.done

    const spanMs = jobSpanMs(rec)
    const byType = (type: string) => rec.events.filter((event) => event.type === type).length
    expect(byType('progress')).toBeLessThanOrEqual(allowedEvents(spanMs))
    expect(byType('files')).toBeLessThanOrEqual(allowedEvents(spanMs))
    const results = rec.results
    expect(results).toHaveLength(3000)
    expect(new Set(results.map((result) => result.id)).size).toBe(3000)
    expect(new Set(results.map((result) => result.src)).size).toBe(3000)
    expect(results.every((result) => result.status === 'done' && result.kind === 'file')).toBe(true)
    expect(summary).toMatchObject({ state: 'done', filesDone: 3000 })
    expectSaneSequence(rec.snapshots, job.id, dst)
  })
})
