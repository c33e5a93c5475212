/**
 * Copies that did not end (the app quit or crashed, a power cut, a stop) and can be resumed (issue 13): each is
 * offered with Resume (Start with the same options: the engine's journal skips what was finished and continues into
 * the same folder) and Discard (forgets it; copied files stay). Asked for at start and whenever no job runs.
 */
import { useCallback, useEffect, useState } from 'react'
import type { FerryApi, InterruptedJob, StartRequest } from '../../../shared/ipc'
import { useFormat } from '../i18n/use-format'
import { Button, Card } from './ui'

export function InterruptedJobs({
  ferry,
  busy,
  onResume,
}: {
  ferry: FerryApi
  /** A job runs or starts: nothing is offered (and the list is read again when it ends). */
  busy: boolean
  onResume: (request: StartRequest) => Promise<boolean>
}) {
  const { t, f } = useFormat()
  const [jobs, setJobs] = useState<InterruptedJob[]>([])
  const refresh = useCallback(() => {
    ferry.interrupted().then(
      (result) => setJobs(result.ok ? result.value : []),
      () => setJobs([]),
    )
  }, [ferry])
  useEffect(() => {
    if (!busy) refresh()
  }, [busy, refresh])
  if (busy || jobs.length === 0) return null
  return (
    <Card aria-label={t('interrupted.region')} className="mb-4 flex flex-col gap-3 p-4">
      <h2 className="text-sm font-semibold">{t('interrupted.heading', { count: jobs.length })}</h2>
      <ul className="flex flex-col gap-2">
        {jobs.map((job) => {
          const into = job.options.destination
          return (
            <li key={job.id} className="flex flex-wrap items-center gap-2 text-sm">
              <span className="min-w-0 flex-1">
                {t('interrupted.job', {
                  into,
                  when: f.date(new Date(job.startedAt).getTime()),
                  count: job.files,
                })}
              </span>
              <Button
                size="sm"
                variant="primary"
                aria-label={t('interrupted.resumeLabel', { into })}
                onClick={() => {
                  setJobs((list) => list.filter((j) => j.id !== job.id))
                  void onResume(job.options)
                }}
              >
                {t('interrupted.resume')}
              </Button>
              <Button
                size="sm"
                variant="ghost"
                aria-label={t('interrupted.discardLabel', { into })}
                onClick={() => {
                  setJobs((list) => list.filter((j) => j.id !== job.id))
                  void ferry.discardInterrupted(job.id)
                }}
              >
                {t('interrupted.discard')}
              </Button>
            </li>
          )
        })}
      </ul>
    </Card>
  )
}
