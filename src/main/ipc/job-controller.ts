import type { ConflictReply, InterruptedJob, SurveyResult } from '../../shared/ipc'
import type { ConflictAnswer, ConflictQuestion, JobEvent, JobOptions, JobSummary } from '../../shared/job'
import type { CopyEngine, CopyJob } from '../../engine'
import { readdirSync, rmSync } from 'node:fs'
import { basename, join } from 'node:path'
import { checkJobOptions } from '../../shared/job-options'
import { FerryError, JobJournal, journalFile, scopeFor, surveyJob } from '../../engine'
import { createEventFrames } from './event-frames'

/** The one job a shell runs at a time, between the validated handlers and the engine. */
export interface JobController {
  /** Starts a job (the engine runs pre-flight first). Rejects with a `FerryError` when refused. */
  start(options: JobOptions): Promise<{ jobId: string }>
  pause(jobId: string): void
  resume(jobId: string): void
  cancel(jobId: string): Promise<JobSummary>
  terminate(jobId: string): Promise<JobSummary>
  /** Copies cut before they ended (their journals), newest first; empty without a journal folder. */
  interrupted(): InterruptedJob[]
  /** Deletes the journal `id` (not the running job's). */
  discardInterrupted(id: string): void
  /** Pre-flight survey of a job (read-only, at most {@link SURVEY_BUDGET_MS} of walking). */
  survey(options: JobOptions): Promise<SurveyResult>
  /** Skips one in-flight file of the job; false when it is no longer being copied. */
  skipFile(jobId: string, fileId: number): boolean
  /** Changes the job's speed limit (bytes per second, 0 none). */
  setBandwidthLimit(jobId: string, bytesPerSecond: number): void
  /**
   * The destination of a job this controller started (the running one or one of the last
   * {@link REMEMBERED_DESTINATIONS}), as its validated options gave it. Throws `INVALID_INPUT` for any other id.
   */
  destinationOf(jobId: string): string
  /** Answers an open `ask` question; rejects unknown or already answered questions. */
  answerConflict(reply: ConflictReply): void
  /** True from a successful start until the job's partial files are gone. */
  readonly running: boolean
  /**
   * What a renderer that connects mid-job needs to catch up (a reloaded web page): the `started` event, the newest
   * progress snapshot and the open conflict question, in that order. Empty when no job runs.
   */
  replay(): JobEvent[]
  /** Cancels the running job, if any, and resolves once it has ended cleanly (used on quit). */
  stop(): Promise<JobSummary | undefined>
}

/** How long a pre-flight survey may walk: past it, the window starts with what it knows ("at least" counts). */
export const SURVEY_BUDGET_MS = 3_000

/** How many finished jobs' destinations stay known (a run of retries is several jobs). */
export const REMEMBERED_DESTINATIONS = 64

interface OpenQuestion {
  question: ConflictQuestion
  resolve: (answer: ConflictAnswer) => void
}

/**
 * Creates the controller. `emit` receives the job's events a frame (one engine tick) at a time (see
 * {@link createEventFrames}; the engine's `progressHz` is the one rate); under the `ask` policy a `conflict` event is emitted and the engine waits
 * until {@link JobController.answerConflict} quotes the question.
 */
/** Interrupted copies listed at most. */
const MAX_INTERRUPTED = 20

/**
 * Creates the controller. `journals`: the folder of the resume journals (the app's data folder, the web shell's
 * state folder): each job records its finished files there, a job started again with the same options resumes, and
 * {@link JobController.interrupted} lists what was cut. Without it, jobs keep no journal.
 */
export function createJobController(
  engine: CopyEngine,
  emit: (events: JobEvent[]) => void,
  journals?: string,
): JobController {
  let current: CopyJob | undefined
  /** The running job's journal file (never listed as interrupted, never discarded). */
  let currentJournal: string | undefined
  // The most recent job stays reachable so a late Cancel/Terminate click still gets its summary.
  let last: CopyJob | undefined
  let started: JobEvent | undefined
  let latestProgress: JobEvent | undefined
  const questions = new Map<string, OpenQuestion>()
  const destinations = new Map<string, string>()
  const keyOf = (jobId: string, conflictId: number): string => `${jobId}#${conflictId}`

  const jobWithId = (jobId: string): CopyJob => {
    const job = [current, last].find((candidate) => candidate?.id === jobId)
    if (!job) throw new FerryError('INVALID_INPUT', `There is no copy job with id "${jobId}".`)
    return job
  }

  const askUser = (question: ConflictQuestion, signal: AbortSignal): Promise<ConflictAnswer> =>
    new Promise<ConflictAnswer>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason)
      const key = keyOf(question.jobId, question.conflictId)
      questions.set(key, { question, resolve })
      signal.addEventListener(
        'abort',
        () => {
          questions.delete(key)
          reject(signal.reason)
        },
        { once: true },
      )
      emit([{ type: 'conflict', question }])
    })

  return {
    async start(options) {
      const frames = createEventFrames(emit)
      const onEvent = (event: JobEvent): void => {
        if (event.type === 'started') started = event
        if (event.type === 'progress') latestProgress = event
        frames.push(event)
      }
      let job: CopyJob
      const journal = journals ? JobJournal.open(journalFile(journals, options)) : undefined
      try {
        job = await engine.start(options, { onEvent, onConflict: askUser, ...(journal && { journal }) })
      } catch (error) {
        frames.dispose()
        throw error
      }
      current = job
      currentJournal = journal?.path
      last = job
      destinations.set(job.id, options.destination)
      if (destinations.size > REMEMBERED_DESTINATIONS) destinations.delete(destinations.keys().next().value!)
      void job.done.finally(() => {
        if (current !== job) return
        current = undefined
        currentJournal = undefined
        started = undefined
        latestProgress = undefined
        questions.clear()
        frames.dispose()
      })
      return { jobId: job.id }
    },
    pause: (jobId) => jobWithId(jobId).pause(),
    resume: (jobId) => jobWithId(jobId).resume(),
    cancel: (jobId) => jobWithId(jobId).cancel(),
    terminate: (jobId) => jobWithId(jobId).terminate(),
    interrupted() {
      if (!journals) return []
      let names: string[]
      try {
        names = readdirSync(journals).filter((name) => /^[0-9a-f]{32}\.jsonl$/.test(name))
      } catch {
        return []
      }
      const found: InterruptedJob[] = []
      for (const name of names) {
        const path = join(journals, name)
        if (path === currentJournal) continue
        const journal = JobJournal.open(path)
        const previous = journal.previous
        const checked = journal.options ? checkJobOptions(journal.options) : undefined
        if (!previous || !checked?.ok) continue
        found.push({ id: basename(name, '.jsonl'), ...previous, options: checked.options })
      }
      found.sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      return found.slice(0, MAX_INTERRUPTED)
    },
    discardInterrupted(id) {
      if (!journals) return
      const path = join(journals, `${id}.jsonl`)
      if (path === currentJournal) {
        throw new FerryError('INVALID_INPUT', 'That copy is running; cancel it instead.')
      }
      rmSync(path, { force: true })
    },
    async survey(options) {
      const { roots, warnings } = await engine.preflight(options)
      const survey = await surveyJob(options, roots, await scopeFor(options), SURVEY_BUDGET_MS)
      return { ...survey, warnings }
    },
    skipFile: (jobId, fileId) => jobWithId(jobId).skipFile(fileId),
    setBandwidthLimit: (jobId, bytesPerSecond) => jobWithId(jobId).setBandwidthLimit(bytesPerSecond),
    destinationOf(jobId) {
      const destination = destinations.get(jobId)
      if (destination === undefined) {
        throw new FerryError('INVALID_INPUT', `There is no copy job with id "${jobId}".`)
      }
      return destination
    },
    answerConflict(reply) {
      const key = keyOf(reply.jobId, reply.conflictId)
      const open = questions.get(key)
      if (!open) {
        throw new FerryError(
          'INVALID_INPUT',
          `Question ${reply.conflictId} of job "${reply.jobId}" is not open (it was answered already or its job ended).`,
        )
      }
      questions.delete(key)
      open.resolve(reply.answer)
    },
    get running() {
      return current !== undefined
    },
    replay() {
      if (!current) return []
      const events: JobEvent[] = []
      if (started) events.push(started)
      if (latestProgress) events.push(latestProgress)
      for (const { question } of questions.values()) events.push({ type: 'conflict', question })
      return events
    },
    async stop() {
      return current ? current.cancel() : undefined
    },
  }
}
