/** What of a pre-flight survey is worth a question before the copy starts (nothing: it starts at once). */
import type { SurveyResult } from '../../../shared/ipc'
import type { ErrorCode } from '../../../shared/job'

export interface PreflightConcerns {
  /** The copy needs more than the free space (when both are known). */
  space?: { needed: number; free: number }
  /** Files the destination's filesystem cannot hold, per reason. */
  limits: Array<{ code: ErrorCode; count: number; first: string[] }>
  /** Folders that cannot be read (their files would fail). */
  unreadable?: { count: number; first: string[] }
  /** Where nothing can be written: the copy cannot go ahead. */
  unwritable: Array<{ path: string; reason: string }>
}

/** The concerns of `survey`, or null when there are none. */
export function concernsOf(survey: SurveyResult): PreflightConcerns | null {
  const concerns: PreflightConcerns = { limits: [], unwritable: survey.unwritable }
  if (survey.freeBytes !== null && survey.bytes > survey.freeBytes) {
    concerns.space = { needed: survey.bytes, free: survey.freeBytes }
  }
  for (const [code, sample] of Object.entries(survey.beyondLimits) as Array<
    [ErrorCode, { count: number; first: string[] }]
  >) {
    concerns.limits.push({ code, ...sample })
  }
  if (survey.unreadable.count > 0) concerns.unreadable = survey.unreadable
  const any =
    concerns.space || concerns.limits.length > 0 || concerns.unreadable || concerns.unwritable.length > 0
  return any ? concerns : null
}
