/**
 * The job options: what to do when a file exists (with a sentence saying what the choice means), verification,
 * move instead of copy, and the number of threads (empty: the engine's measured default).
 */
import { useId } from 'react'
import type { ConflictPolicy } from '../../../shared/job'
import { useFormat } from '../i18n/use-format'
import { MAX_THREADS } from '../lib/validate-start'
import { SpeedLimitSelect } from './SpeedLimitSelect'
import { FIELD, HINT, LABEL } from './ui'

/** The conflict policies, in the order the menu offers them (labels and hints are `options.policy*.<policy>`). */
export const POLICIES: readonly ConflictPolicy[] = ['skip', 'overwrite', 'rename', 'newer', 'ask']

export interface OptionsFieldsProps {
  onConflict: ConflictPolicy
  verify: boolean
  /** Move instead of copy (sources deleted once their copies are on the disk). */
  move?: boolean
  /** "Write to disk before finishing" (the job option `sync`; off is not crash-safe). */
  sync: boolean
  threads: string
  threadsError?: string | undefined
  /** Speed limit, bytes per second (0: none). */
  bandwidthLimit?: number
  disabled: boolean
  onChange: (patch: {
    onConflict?: ConflictPolicy
    verify?: boolean
    move?: boolean
    sync?: boolean
    threads?: string
    bandwidthLimit?: number
  }) => void
}

export function OptionsFields({
  onConflict,
  verify,
  move = false,
  sync,
  threads,
  threadsError,
  bandwidthLimit = 0,
  disabled,
  onChange,
}: OptionsFieldsProps) {
  const { t } = useFormat()
  const policyId = useId()
  const policyHintId = useId()
  const verifyHintId = useId()
  const moveHintId = useId()
  const threadsId = useId()
  const threadsHintId = useId()
  return (
    <fieldset className="flex flex-col gap-4" disabled={disabled}>
      <legend className="mb-3 text-sm font-semibold">{t('options.legend')}</legend>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={policyId} className={LABEL}>
          {t('options.ifExists')}
        </label>
        <select
          id={policyId}
          className={`${FIELD} pr-8`}
          value={onConflict}
          aria-describedby={policyHintId}
          onChange={(e) => onChange({ onConflict: e.target.value as ConflictPolicy })}
        >
          {POLICIES.map((policy) => (
            <option key={policy} value={policy}>
              {t(`options.policy.${policy}`)}
            </option>
          ))}
        </select>
        <p id={policyHintId} className={HINT}>
          {t(`options.policyHint.${onConflict}`)}
        </p>
      </div>

      <div className="flex items-start gap-2.5">
        <input
          id={`${verifyHintId}-box`}
          type="checkbox"
          className="mt-0.5 size-4 accent-sky-600 dark:accent-sky-400"
          checked={verify}
          aria-describedby={verifyHintId}
          onChange={(e) => onChange({ verify: e.target.checked })}
        />
        <div>
          <label htmlFor={`${verifyHintId}-box`} className="text-sm font-medium">
            {t('options.verify')}
          </label>
          <p id={verifyHintId} className={HINT}>
            {t('options.verifyHint')}
          </p>
        </div>
      </div>

      <div className="flex items-start gap-2.5">
        <input
          id={`${moveHintId}-box`}
          type="checkbox"
          className="mt-0.5 size-4 accent-sky-600 dark:accent-sky-400"
          checked={move}
          aria-describedby={moveHintId}
          onChange={(e) => onChange({ move: e.target.checked })}
        />
        <div>
          <label htmlFor={`${moveHintId}-box`} className="text-sm font-medium">
            {t('options.move')}
          </label>
          <p id={moveHintId} className={HINT}>
            {t('options.moveHint')}
          </p>
        </div>
      </div>
      {/* A move always writes to disk first (a source is deleted only once its copy is durable). */}
      <SyncField checked={sync || move} disabled={move} onChange={(checked) => onChange({ sync: checked })} />

      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <label htmlFor={threadsId} className={LABEL}>
          {t('options.threads')}
        </label>
        <input
          id={threadsId}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_THREADS}
          step={1}
          placeholder={t('options.threadsPlaceholder')}
          className={`${FIELD} !w-24 tabular-nums`}
          value={threads}
          aria-invalid={threadsError ? true : undefined}
          aria-describedby={threadsHintId}
          onChange={(e) => onChange({ threads: e.target.value })}
        />
        <p
          id={threadsHintId}
          className={threadsError ? 'basis-full text-xs text-rose-600 dark:text-rose-400' : HINT}
        >
          {threadsError ?? t('options.threadsHint')}
        </p>
      </div>

      <SpeedLimitSelect value={bandwidthLimit} onChange={(value) => onChange({ bandwidthLimit: value })} />
    </fieldset>
  )
}

/** "Write to disk before finishing": on by default; its hint says that off is not crash-safe. */
function SyncField({
  checked,
  disabled,
  onChange,
}: {
  checked: boolean
  disabled: boolean
  onChange: (checked: boolean) => void
}) {
  const { t } = useFormat()
  const hintId = useId()
  return (
    <div className="flex items-start gap-2.5">
      <input
        id={`${hintId}-box`}
        type="checkbox"
        className="mt-0.5 size-4 accent-sky-600 dark:accent-sky-400"
        checked={checked}
        disabled={disabled}
        aria-describedby={hintId}
        onChange={(e) => onChange(e.target.checked)}
      />
      <div>
        <label htmlFor={`${hintId}-box`} className="text-sm font-medium">
          {t('options.sync')}
        </label>
        <p id={hintId} className={HINT}>
          {t('options.syncHint')}
        </p>
      </div>
    </div>
  )
}
