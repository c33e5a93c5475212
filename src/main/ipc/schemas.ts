import { isAbsolute } from 'node:path'
import { z } from 'zod'
import type { IpcChannel, IpcRequests } from '../../shared/ipc'
import { LANGUAGES } from '../../shared/i18n/languages'
import { JOB_LIMITS, jobOptionsSchema } from '../../shared/job-options'

/** An absolute path on this machine (the job schema also accepts the other OS's form; a listing must not). */
const absolutePath = z
  .string()
  .min(1, 'must not be empty')
  .max(JOB_LIMITS.maxPathLength, 'is too long to be a path')
  .refine((path) => !path.includes('\0'), 'must not contain NUL characters')
  .refine((path) => isAbsolute(path), 'must be an absolute path')

const jobId = z.string().min(1).max(200)

const jobRef = z.strictObject({ jobId })

const conflictReply = z.strictObject({
  jobId,
  conflictId: z.number().int().nonnegative(),
  answer: z.strictObject({
    choice: z.enum(['overwrite', 'skip', 'rename']),
    applyToAll: z.boolean(),
  }),
})

const pickRequest = z.strictObject({
  kind: z.enum(['folder', 'files']),
  multiple: z.boolean(),
  title: z.string().max(200).optional(),
})

const listRequest = z.strictObject({ path: absolutePath.optional() })

const languageRequest = z.strictObject({ language: z.enum(LANGUAGES) })

/** A file of a job's in-flight list: ids are the engine's item numbers, 0 up. */
const skipRequest = z.strictObject({
  jobId,
  fileId: z
    .number()
    .int()
    .nonnegative()
    .max(2 ** 31),
})

/** 0 (no limit), or the job schema's bounds. */
const limitRequest = z.strictObject({
  jobId,
  bytesPerSecond: z.union([
    z.literal(0),
    z.number().int().min(JOB_LIMITS.minBandwidth).max(Number.MAX_SAFE_INTEGER),
  ]),
})

/** One schema per channel; `satisfies` keeps each in step with the payload type in src/shared/ipc.ts. */
export const PAYLOAD_SCHEMAS = {
  'job:start': jobOptionsSchema,
  'job:pause': jobRef,
  'job:resume': jobRef,
  'job:cancel': jobRef,
  'job:terminate': jobRef,
  'job:answer-conflict': conflictReply,
  'dialog:pick': pickRequest,
  'fs:list': listRequest,
  'job:open-destination': jobRef,
  'app:set-language': languageRequest,
  'job:skip-file': skipRequest,
  'job:set-bandwidth-limit': limitRequest,
  'job:survey': jobOptionsSchema,
  'job:interrupted': z.strictObject({}),
  'job:discard-interrupted': z.strictObject({
    id: z.string().regex(/^[0-9a-f]{32}$/, 'must be a journal id'),
  }),
} as const satisfies { [C in IpcChannel]: z.ZodType<IpcRequests[C]['payload']> }

/** Result of {@link parsePayload}. */
export type ParsedPayload<C extends IpcChannel> =
  { ok: true; value: IpcRequests[C]['payload'] } | { ok: false; message: string }

/** Validates a payload for `channel`; the message names each offending field. */
export function parsePayload<C extends IpcChannel>(channel: C, payload: unknown): ParsedPayload<C> {
  const parsed = PAYLOAD_SCHEMAS[channel].safeParse(payload)
  if (parsed.success) return { ok: true, value: parsed.data as IpcRequests[C]['payload'] }
  const problems = parsed.error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length === 0 ? 'payload' : issue.path.map(String).join('.')
    return `${where}: ${issue.message}`
  })
  return { ok: false, message: `Invalid ${channel} request (${problems.join('; ')}).` }
}
