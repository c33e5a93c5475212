/**
 * Child-process entry used by `privileges.ts`: runs the job in `FERRY_TEST_JOB` (JSON {@link JobOptions}) with the
 * real engine and prints one line `FERRY_OUTCOME <json>`. Not a test file; it runs as the user `nobody`.
 */
import type { ErrorCode, FileResult, JobOptions } from '../../src/shared/job'
import type { UnprivilegedOutcome } from './privileges'
import { makeEngine } from './engine'

const options = JSON.parse(process.env.FERRY_TEST_JOB ?? 'null') as JobOptions
const engine = makeEngine()
let outcome: UnprivilegedOutcome
try {
  const results: FileResult[] = []
  const job = await engine.start(options, {
    onEvent: (event) => {
      if (event.type === 'files') results.push(...event.results)
    },
  })
  outcome = { ok: true, summary: await job.done, results }
} catch (error) {
  const { code = 'INTERNAL', message = String(error) } = error as { code?: string; message?: string }
  outcome = { ok: false, error: { code: code as ErrorCode, message } }
} finally {
  await engine.close()
}
process.stdout.write(`FERRY_OUTCOME ${JSON.stringify(outcome)}\n`)
