import type { Language } from '../../shared/i18n/languages'
import type { DirListing, IpcChannel, IpcRequests } from '../../shared/ipc'
import { IPC_CHANNELS } from '../../shared/ipc'
import { FerryError } from '../../engine'
import type { JobController } from './job-controller'
import { listDirectory } from './list-directory'
import { errorResult, fail, ok } from './results'
import { parsePayload } from './schemas'
import type { IpcTransport, RequestHandler, RequestSender } from './transport'

/** What the handlers act on. Electron and the web shell each supply their own. */
export interface HandlerDeps {
  jobs: JobController
  /** True only for requests from our own renderer (Electron: its frame URL; web shell: its origin). */
  isTrustedSender(sender: RequestSender): boolean
  /** Native picker; absent in the web shell, where `dialog:pick` answers `UNSUPPORTED`. */
  pick?: (request: IpcRequests['dialog:pick']['payload']) => Promise<string[]>
  /** Folder listing; defaults to {@link listDirectory}. */
  list?: (path?: string) => Promise<DirListing>
  /**
   * Opens `destination` (the job's, as the controller kept it) in the file manager; absent in the web shell,
   * where `job:open-destination` answers `UNSUPPORTED` (a browser cannot open folders).
   */
  openFolder?: (destination: string) => Promise<void>
  /** The window's language changed; absent where nothing outside the page speaks (the web shell). */
  setLanguage?: (language: Language) => void
}

type Implementations = {
  [C in IpcChannel]: (payload: IpcRequests[C]['payload']) => Promise<IpcRequests[C]['result']>
}

/**
 * Registers a handler for every channel of {@link IpcRequests} on `transport`. Each handler checks the sender,
 * validates the payload before anything else sees it, and answers with a `Result`: a bad payload gets
 * `INVALID_INPUT`, a foreign sender `PERMISSION_DENIED`, an engine refusal its `FerryError` as data. It never throws.
 */
export function registerIpcHandlers(transport: IpcTransport, deps: HandlerDeps): void {
  const { jobs } = deps
  const list = deps.list ?? listDirectory
  const implementations: Implementations = {
    'job:start': (request) => jobs.start(request),
    'job:pause': async ({ jobId }) => (jobs.pause(jobId), null),
    'job:resume': async ({ jobId }) => (jobs.resume(jobId), null),
    'job:cancel': ({ jobId }) => jobs.cancel(jobId),
    'job:terminate': ({ jobId }) => jobs.terminate(jobId),
    'job:answer-conflict': async (reply) => (jobs.answerConflict(reply), null),
    'dialog:pick': async (request) => {
      if (!deps.pick) {
        throw new FerryError(
          'UNSUPPORTED',
          'The browser version of Ferry has no native file picker: type or paste a path, or browse folders.',
        )
      }
      return deps.pick(request)
    },
    'fs:list': ({ path }) => list(path),
    'job:open-destination': async ({ jobId }) => {
      // Resolve the job first, so an unknown id is INVALID_INPUT in every shell.
      const destination = jobs.destinationOf(jobId)
      if (!deps.openFolder) {
        throw new FerryError('UNSUPPORTED', 'The browser version of Ferry cannot open folders.', destination)
      }
      await deps.openFolder(destination)
      return null
    },
    'app:set-language': async ({ language }) => (deps.setLanguage?.(language), null),
    'job:skip-file': async ({ jobId, fileId }) => ({ skipped: jobs.skipFile(jobId, fileId) }),
    'job:survey': (request) => jobs.survey(request),
    'job:interrupted': async () => jobs.interrupted(),
    'job:discard-interrupted': async ({ id }) => (jobs.discardInterrupted(id), null),
    'job:set-bandwidth-limit': async ({ jobId, bytesPerSecond }) => (
      jobs.setBandwidthLimit(jobId, bytesPerSecond),
      null
    ),
  }
  for (const channel of IPC_CHANNELS) {
    transport.handle(channel, createHandler(channel, implementations[channel], deps.isTrustedSender))
  }
}

function createHandler<C extends IpcChannel>(
  channel: C,
  run: Implementations[C],
  isTrustedSender: HandlerDeps['isTrustedSender'],
): RequestHandler {
  return async (payload, sender) => {
    try {
      if (!isTrustedSender(sender)) {
        return fail({
          code: 'PERMISSION_DENIED',
          message: `Refused ${channel}: the request did not come from Ferry's own window (${sender.url ?? 'unknown sender'}).`,
        })
      }
      const parsed = parsePayload(channel, payload)
      if (!parsed.ok) return fail({ code: 'INVALID_INPUT', message: parsed.message })
      return ok(await run(parsed.value))
    } catch (error) {
      return errorResult(error)
    }
  }
}
