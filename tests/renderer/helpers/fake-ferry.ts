/**
 * A fake `window.ferry` for renderer tests: every verb is a spy answering `{ ok: true }` by default, and
 * `emit` delivers job events the way the preload or the web bridge would.
 */
import { vi } from 'vitest'
import type { DirListing, FerryApi, Result, ShellKind } from '../../../src/shared/ipc'
import type { JobEvent } from '../../../src/shared/job'
import { summary } from './fixtures'

export interface FakeFerry extends FerryApi {
  emit(event: JobEvent): void
  listeners: Set<(event: JobEvent) => void>
}

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value })

export function createFakeFerry(
  shell: ShellKind = 'electron',
): FakeFerry & { [K in keyof FerryApi]: FerryApi[K] } {
  const listeners = new Set<(event: JobEvent) => void>()
  const listing: DirListing = { path: '/home/u', parent: '/home', entries: [] }
  return {
    shell,
    listeners,
    emit: (event) => {
      for (const listener of [...listeners]) listener(event)
    },
    start: vi.fn(() => ok({ jobId: 'job-1' })),
    pause: vi.fn(() => ok(null)),
    resume: vi.fn(() => ok(null)),
    cancel: vi.fn((jobId: string) => ok(summary({ jobId, state: 'cancelled' }))),
    terminate: vi.fn((jobId: string) => ok(summary({ jobId, state: 'terminated' }))),
    answerConflict: vi.fn(() => ok(null)),
    pick: vi.fn(() => ok<string[]>([])),
    list: vi.fn(() => ok(listing)),
    openDestination: vi.fn(() => ok(null)),
    setLanguage: vi.fn(() => ok(null)),
    skipFile: vi.fn(() => ok({ skipped: true })),
    setBandwidthLimit: vi.fn(() => ok(null)),
    interrupted: vi.fn(() => ok([])),
    discardInterrupted: vi.fn(() => ok(null)),
    // Nothing to warn about by default: Start starts at once.
    survey: vi.fn((request: { sources: string[]; destination: string }) =>
      ok({
        roots: request.sources.map((source) => ({
          source,
          target: `${request.destination}/x`,
          kind: 'directory' as const,
        })),
        files: 1,
        folders: 1,
        symlinks: 0,
        bytes: 1000,
        existing: 0,
        unreadable: { count: 0, first: [] },
        unwritable: [],
        excluded: { count: 0, first: [] },
        beyondLimits: {},
        complete: true,
        freeBytes: 10 ** 12,
        warnings: [],
      }),
    ),
    pathForFile: vi.fn(() => null),
    onJobEvent: vi.fn((callback: (event: JobEvent) => void) => {
      listeners.add(callback)
      return () => listeners.delete(callback)
    }),
  }
}
