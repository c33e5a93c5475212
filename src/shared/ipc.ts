/**
 * The IPC contract between the renderer and the main process (Electron IPC or the web shell's WebSocket).
 * Types, channel names and the `requestVerbs` helper; the only place channel strings are defined.
 */
import type { Language } from './i18n/languages'
import type { ConflictAnswer, ErrorCode, FerryErrorData, JobEvent, JobOptions, JobSummary } from './job'

/** Result of every request: errors cross as data, never as exceptions. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: FerryErrorData }

/** Start request from the renderer. `destination` is a folder that receives the sources. */
export type StartRequest = JobOptions

export interface ConflictReply {
  jobId: string
  conflictId: number
  answer: ConflictAnswer
}

/** An entry of the web shell's server-side folder browser. */
export interface DirEntry {
  name: string
  path: string
  kind: 'directory' | 'file' | 'symlink'
}

export interface DirListing {
  path: string
  parent: string | null
  entries: DirEntry[]
}

/** A count and the first few names. */
export interface NameSample {
  count: number
  first: string[]
}

/**
 * What a job would do, surveyed read-only before any byte moves (the window's pre-flight; the engine's `surveyJob`):
 * where each source goes, what it holds, what exists already, what the filters leave out, what the destination's
 * filesystem cannot hold, what cannot be read or written, and the free space. `complete` is false when a huge tree
 * was surveyed only for the time allowed (counts are then "at least").
 */
export interface SurveyResult {
  roots: Array<{ source: string; target: string; kind: 'file' | 'directory' | 'symlink' }>
  files: number
  folders: number
  symlinks: number
  bytes: number
  existing: number
  unreadable: NameSample
  unwritable: Array<{ path: string; reason: string }>
  excluded: NameSample
  beyondLimits: Partial<Record<ErrorCode, NameSample>>
  complete: boolean
  freeBytes: number | null
  warnings: FerryErrorData[]
}

/** A copy that was cut (the app quit or crashed, a power cut) and can be resumed: what its journal says. */
export interface InterruptedJob {
  /** The journal's key (32 hex digits). */
  id: string
  startedAt: string
  /** Files it had finished. */
  files: number
  options: JobOptions
}

/** Request channel → payload and result. One verb per action. */
export interface IpcRequests {
  'job:start': { payload: StartRequest; result: { jobId: string } }
  'job:pause': { payload: { jobId: string }; result: null }
  'job:resume': { payload: { jobId: string }; result: null }
  'job:cancel': { payload: { jobId: string }; result: JobSummary }
  'job:terminate': { payload: { jobId: string }; result: JobSummary }
  'job:answer-conflict': { payload: ConflictReply; result: null }
  /** Native folder/file picker (Electron) — returns chosen absolute paths, empty when dismissed. */
  'dialog:pick': {
    payload: { kind: 'folder' | 'files'; multiple: boolean; title?: string }
    result: string[]
  }
  /** Server-side folder browser (web shell) and path check (both). */
  'fs:list': { payload: { path?: string }; result: DirListing }
  /**
   * Opens a job's destination folder in the system's file manager (Electron). The main process knows each job's
   * destination; the page names only the job, never a path. The web shell answers `UNSUPPORTED`.
   */
  'job:open-destination': { payload: { jobId: string }; result: null }
  /** The window's language, so the main process's dialogs, titles and notifications speak it too. */
  'app:set-language': { payload: { language: Language }; result: null }
  /**
   * "Skip this file": stops one file of the job's in-flight list (its `id`), removes its partial copy and goes on.
   * `skipped` is false when the file was no longer being copied (it finished meanwhile).
   */
  'job:skip-file': { payload: { jobId: string; fileId: number }; result: { skipped: boolean } }
  /** Changes a running job's speed limit (bytes per second for the whole job; 0 removes it). */
  'job:set-bandwidth-limit': { payload: { jobId: string; bytesPerSecond: number }; result: null }
  /** Pre-flight: surveys a job before it starts (nothing written); refusals come back as the start's would. */
  'job:survey': { payload: StartRequest; result: SurveyResult }
  /** Copies cut before they ended, which Start with the same options resumes (its files done are skipped). */
  'job:interrupted': { payload: Record<string, never>; result: InterruptedJob[] }
  /** Forgets an interrupted copy (its journal is deleted; the files already copied stay). */
  'job:discard-interrupted': { payload: { id: string }; result: null }
}

export type IpcChannel = keyof IpcRequests

export const IPC_CHANNELS = [
  'job:start',
  'job:pause',
  'job:resume',
  'job:cancel',
  'job:terminate',
  'job:answer-conflict',
  'dialog:pick',
  'fs:list',
  'job:open-destination',
  'app:set-language',
  'job:skip-file',
  'job:set-bandwidth-limit',
  'job:survey',
  'job:interrupted',
  'job:discard-interrupted',
] as const satisfies readonly IpcChannel[]

/**
 * Engine ticks a second in the app and the web shell. The engine's tick is the one owner of the event rate: each
 * tick becomes one message on {@link JOB_EVENT_CHANNEL} (or one WebSocket frame), and 15 leaves room under the
 * design's 20/s budget for the rare extra frame (a warning, a conflict question).
 */
export const APP_PROGRESS_HZ = 15

/** Main → renderer push channel carrying arrays of {@link JobEvent}s: one array per engine tick, in order. */
export const JOB_EVENT_CHANNEL = 'job:event'

/** Where the renderer runs: decides e.g. whether a native picker or the folder browser is offered. */
export type ShellKind = 'electron' | 'web'

/**
 * `window.ferry`: what the preload (Electron) or the web bridge (browser) exposes to the renderer.
 * One typed verb per action; no generic send.
 */
export interface FerryApi {
  readonly shell: ShellKind
  start(request: StartRequest): Promise<Result<{ jobId: string }>>
  pause(jobId: string): Promise<Result<null>>
  resume(jobId: string): Promise<Result<null>>
  cancel(jobId: string): Promise<Result<JobSummary>>
  terminate(jobId: string): Promise<Result<JobSummary>>
  answerConflict(reply: ConflictReply): Promise<Result<null>>
  pick(options: { kind: 'folder' | 'files'; multiple: boolean; title?: string }): Promise<Result<string[]>>
  list(path?: string): Promise<Result<DirListing>>
  /** Opens the finished job's destination folder (Electron only; see `job:open-destination`). */
  openDestination(jobId: string): Promise<Result<null>>
  /** Tells the main process the window's language (sent at start and on every change). */
  setLanguage(language: Language): Promise<Result<null>>
  /** Skips one in-flight file of a job (see `job:skip-file`). */
  skipFile(jobId: string, fileId: number): Promise<Result<{ skipped: boolean }>>
  /** Changes a running job's speed limit, bytes per second (0: none). */
  setBandwidthLimit(jobId: string, bytesPerSecond: number): Promise<Result<null>>
  /** Surveys a job before starting it (see `job:survey`). */
  survey(request: StartRequest): Promise<Result<SurveyResult>>
  /** Copies that were cut and can be resumed (see `job:interrupted`). */
  interrupted(): Promise<Result<InterruptedJob[]>>
  /** Forgets an interrupted copy. */
  discardInterrupted(id: string): Promise<Result<null>>
  /** Absolute path of a dropped File (Electron: `webUtils.getPathForFile`); null where the browser hides it. */
  pathForFile(file: File): string | null
  /** Subscribes to job events; returns the unsubscribe function. */
  onJobEvent(callback: (event: JobEvent) => void): () => void
}

/** Sends one typed request and resolves with the main process's `Result` (never rejects for an error result). */
export type Invoke = <C extends IpcChannel>(
  channel: C,
  payload: IpcRequests[C]['payload'],
) => Promise<Result<IpcRequests[C]['result']>>

/** The request verbs of {@link FerryApi} over any transport's `invoke`: one place maps verbs to channels. */
export function requestVerbs(invoke: Invoke): Omit<FerryApi, 'shell' | 'pathForFile' | 'onJobEvent'> {
  return {
    start: (request) => invoke('job:start', request),
    pause: (jobId) => invoke('job:pause', { jobId }),
    resume: (jobId) => invoke('job:resume', { jobId }),
    cancel: (jobId) => invoke('job:cancel', { jobId }),
    terminate: (jobId) => invoke('job:terminate', { jobId }),
    answerConflict: (reply) => invoke('job:answer-conflict', reply),
    pick: (options) => invoke('dialog:pick', options),
    list: (path) => invoke('fs:list', path === undefined ? {} : { path }),
    openDestination: (jobId) => invoke('job:open-destination', { jobId }),
    setLanguage: (language) => invoke('app:set-language', { language }),
    skipFile: (jobId, fileId) => invoke('job:skip-file', { jobId, fileId }),
    setBandwidthLimit: (jobId, bytesPerSecond) =>
      invoke('job:set-bandwidth-limit', { jobId, bytesPerSecond }),
    survey: (request) => invoke('job:survey', request),
    interrupted: () => invoke('job:interrupted', {}),
    discardInterrupted: (id) => invoke('job:discard-interrupted', { id }),
  }
}
