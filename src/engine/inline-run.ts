/**
 * A job of a few small files is copied on the calling thread: starting worker threads costs more than the copy
 * (each boots a V8 isolate and loads the worker bundle, ~50–90 ms here, against well under a millisecond for a small
 * file), and a one-file CLI run is mostly that start-up (issue 10's start-up target). The same worker code runs,
 * with the same shared-memory protocol; the pool is never created.
 *
 * Bounded so the thread is never blocked for long: only when every source is a file or a symlink, at most
 * {@link INLINE_MAX_FILES} of them and {@link INLINE_MAX_BYTES} in all, and not verifying (the hasher's loading is
 * asynchronous, and a pause in that gap would wait on the very thread that must resume it). A pause asked before a
 * task starts is waited for without blocking; a task, once started, runs to its end in a few milliseconds.
 */
import { lstat, open } from 'node:fs/promises'
import { constants } from 'node:fs'
import { fsPath } from './lib/byte-path'
import type { JobOptions } from '../shared/job-options'
import type { Plan } from './preflight'
import {
  CONTROL_STATE,
  type CommitOutcome,
  type CommitTask,
  type CopyTask,
  type ItemOutcome,
  PAUSE,
} from './protocol'

export const INLINE_MAX_FILES = 16
export const INLINE_MAX_BYTES = 8 * 1024 * 1024

/** Why the job runs inline, or undefined when it takes worker threads. */
export async function inlineReason(options: JobOptions, plan: Plan): Promise<string | undefined> {
  // A bandwidth limit waits between chunks: never on this thread.
  if (options.verify || options.move || options.bandwidthLimit) return undefined
  if (plan.roots.length > INLINE_MAX_FILES || plan.roots.some((root) => root.kind === 'directory'))
    return undefined
  let bytes = 0
  for (const root of plan.roots) {
    const st = await lstat(root.source).catch(() => undefined)
    if (!st) return undefined
    bytes += st.size
  }
  if (bytes > INLINE_MAX_BYTES) return undefined
  return `a small job (${plan.roots.length} ${plan.roots.length === 1 ? 'file' : 'files'}): copied on this thread, no worker threads started`
}

/** `Atomics.waitAsync` (Node 16+; in TypeScript's ES2024 lib, newer than this project's target). */
interface AtomicsWaitAsync {
  waitAsync(array: Int32Array, index: number, value: number): { async: boolean; value: unknown }
}

type Handler = (task: CopyTask | CommitTask) => Promise<ItemOutcome[] | CommitOutcome[]>
let handler: Promise<Handler> | undefined

/** Runs one task of an inline job: waits out a pause first, then the worker's own code. */
export async function runInline(task: CopyTask | CommitTask): Promise<ItemOutcome[] | CommitOutcome[]> {
  handler ??= import('./worker/copy-worker').then((module) => module.default)
  const run = await handler
  if ('kind' in task) return run((await flushedOffThread(task)) ? { ...task, flushed: true } : task)
  const control = new Int32Array(task.control)
  while (Atomics.load(control, CONTROL_STATE) === PAUSE) {
    const wait = (Atomics as unknown as AtomicsWaitAsync).waitAsync(control, CONTROL_STATE, PAUSE)
    if (wait.async) await wait.value
  }
  return run(task)
}

/**
 * Makes a commit group's files durable on libuv's threads (`fdatasync` each), so a flush that waits on the disk does
 * not block this thread. False when any cannot be flushed so: the worker code flushes them again and reports which.
 */
async function flushedOffThread(task: CommitTask): Promise<boolean> {
  for (const entry of task.entries) {
    try {
      const file = await open(fsPath(entry.temp), constants.O_RDONLY | constants.O_NOFOLLOW)
      try {
        await file.datasync()
      } finally {
        await file.close()
      }
    } catch (error) {
      // A symlink's temporary name cannot be opened without following it; a link has no data to flush.
      if ((error as NodeJS.ErrnoException).code !== 'ELOOP') return false // commitGroup flushes again, says why
    }
  }
  return true
}
