/**
 * "Copy the rest": after Cancel or Terminate, the files the stopped job did not copy. When the engine counted every
 * file and lists each one it stopped (nothing was left unstarted), exactly those are copied again, each to where it
 * was going. Otherwise the window cannot name the rest, so the original job runs again with "Skip" for files
 * already at the destination ("Replace if newer" stays as it was): what the stop left out is what is missing.
 */
import type { FileResult, JobOptions, JobSummary } from '../../../shared/job'
import { planRetry } from './retry-plan'

/** True when a stop left files uncopied (stopped mid-copy, never started, or never found by the stopped scan). */
export function hasRest(summary: JobSummary): boolean {
  if (summary.state === 'done') return false
  return summary.filesCancelled > 0 || summary.filesNotStarted > 0 || !summary.scanComplete
}

/** The jobs of "Copy the rest"; `exact` when they name the stopped files themselves. */
export interface RestPlan {
  jobs: JobOptions[]
  exact: boolean
}

/** Plans "Copy the rest" (see the module comment); no jobs when {@link hasRest} is false. */
export function planRest(
  summary: JobSummary,
  stopped: readonly FileResult[],
  original: JobOptions,
): RestPlan {
  if (!hasRest(summary)) return { jobs: [], exact: false }
  const { sources: _sources, destination: _destination, intoDestination: _into, ...base } = original
  if (summary.scanComplete && summary.filesNotStarted === 0 && stopped.length >= summary.filesCancelled) {
    return { jobs: planRetry(stopped, base), exact: true }
  }
  return {
    jobs: [{ ...original, onConflict: original.onConflict === 'newer' ? 'newer' : 'skip' }],
    exact: false,
  }
}

/**
 * Display names for a retry's results: the engine names each file relative to the source it was given, and a
 * retry's sources are the failed files themselves ("pipe.fifo"), so the original names ("err/sub/pipe.fifo") are
 * looked up by source path; a file inside a retried folder keeps the folder's name before its own.
 */
export function createNameMapper(files: readonly FileResult[]): (result: FileResult) => FileResult {
  const names = new Map(files.map((f) => [f.src, f.name]))
  return (result) => {
    const exact = names.get(result.src)
    if (exact !== undefined) return exact === result.name ? result : { ...result, name: exact }
    for (let end = result.src.length - 1; end > 0; end--) {
      const c = result.src[end]
      if (c !== '/' && c !== '\\') continue
      const folder = names.get(result.src.slice(0, end))
      if (folder !== undefined) return { ...result, name: folder + result.src.slice(end) }
    }
    return result
  }
}
