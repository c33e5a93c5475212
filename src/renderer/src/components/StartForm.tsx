/**
 * The start form: sources, destination, options and "Start copy". Checks what it can before sending (see
 * validate-start.ts), says where each source will land, and shows a refused start as an alert. The source list
 * stays while the copy runs and after a stop (so it can be started again); it empties once a copy has finished
 * (`clearSourcesFor`). The destination and options stay for the next copy.
 */
import { memo, useId, useState } from 'react'
import type { FerryApi, StartRequest } from '../../../shared/ipc'
import type { ConflictPolicy, FerryErrorData } from '../../../shared/job'
import { i18n } from '../i18n'
import { errorText } from '../i18n/error-text'
import { useFormat } from '../i18n/use-format'
import { droppedEntries } from '../lib/dropped-entries'
import { cleanTypedPath, isAbsolutePath } from '../lib/paths'
import { mergeSources, probeSource, type SourceEntry } from '../lib/sources'
import { useWindowDrop } from '../hooks/use-window-drop'
import { LandingPreview } from './LandingPreview'
import { validateStart, type StartField } from '../lib/validate-start'
import { DestinationField } from './DestinationField'
import { FolderBrowser, type BrowseMode } from './FolderBrowser'
import { concernsOf, type PreflightConcerns } from '../lib/preflight'
import { FiltersFields } from './FiltersFields'
import { PreflightDialog } from './PreflightDialog'
import { OptionsFields } from './OptionsFields'
import { SourcesPanel } from './SourcesPanel'
import { Button } from './ui'

export interface StartFormProps {
  ferry: FerryApi
  /** A job runs or is being started: the form is read-only. */
  busy: boolean
  /** Why the engine refused the last start. */
  startError: FerryErrorData | null
  onStart: (request: StartRequest) => Promise<boolean>
  onDismissError: () => void
  /** Changes (to the run's id) when a copy has finished: the sources it took are cleared then. */
  clearSourcesFor?: number | null
}

/** Memoised: progress snapshots re-render the job view, not this form. */
export const StartForm = memo(function StartForm({
  ferry,
  busy,
  startError,
  onStart,
  onDismissError,
  clearSourcesFor = null,
}: StartFormProps) {
  const { t } = useFormat()
  const alertId = useId()
  const [sources, setSources] = useState<SourceEntry[]>([])
  const [clearedFor, setClearedFor] = useState(clearSourcesFor)
  if (clearSourcesFor !== clearedFor) {
    // Adjusting state to a prop during render (React's documented pattern), not in an effect.
    setClearedFor(clearSourcesFor)
    if (clearSourcesFor !== null) setSources([])
  }
  // How many dropped items the browser hid the paths of.
  const [dropNote, setDropNote] = useState<number | null>(null)
  const [destination, setDestination] = useState('')
  const [onConflict, setOnConflict] = useState<ConflictPolicy>('skip')
  const [verify, setVerify] = useState(false)
  const [move, setMove] = useState(false)
  const [sync, setSync] = useState(true)
  const [bandwidthLimit, setBandwidthLimit] = useState(0)
  const [exclude, setExclude] = useState('')
  const [include, setInclude] = useState('')
  const [excludeJunk, setExcludeJunk] = useState(false)
  const [checking, setChecking] = useState(false)
  const [preview, setPreview] = useState<
    { count: number; first: string[]; complete: boolean } | string | null
  >(null)
  const [preflight, setPreflight] = useState<{
    request: StartRequest
    concerns: PreflightConcerns
    partial: boolean
  } | null>(null)
  const [threads, setThreads] = useState('')
  const [invalid, setInvalid] = useState<{ field: StartField; message: string } | null>(null)
  const [browse, setBrowse] = useState<BrowseMode | null>(null)
  const [lastBrowsed, setLastBrowsed] = useState<string | undefined>(undefined)
  const [pickError, setPickError] = useState<string | null>(null)

  const edited = (): void => {
    setInvalid(null)
    if (startError) onDismissError()
  }

  const addSources = (entries: SourceEntry[]): void => {
    edited()
    setSources((list) => mergeSources(list, entries))
    for (const entry of entries) {
      if (entry.kind !== 'unknown') continue
      void probeSource(ferry, entry.path).then((probed) =>
        setSources((list) => list.map((s) => (s.path === probed.path && s.kind === 'unknown' ? probed : s))),
      )
    }
  }

  const dragging = useWindowDrop((data) => {
    const { entries, hidden } = droppedEntries(ferry, data)
    if (entries.length > 0) addSources(entries)
    setDropNote(hidden > 0 ? hidden : null)
  }, !busy)

  const pick = async (kind: 'folder' | 'files'): Promise<void> => {
    setPickError(null)
    if (ferry.shell === 'web') return setBrowse(kind)
    const result = await ferry.pick({
      kind,
      multiple: true,
      title: t(kind === 'folder' ? 'pick.folders' : 'pick.files'),
    })
    if (result.ok)
      addSources(result.value.map((path) => ({ path, kind: kind === 'folder' ? 'directory' : 'file' })))
    else setPickError(errorText(i18n, result.error).text)
  }

  const chooseDestination = async (): Promise<void> => {
    setPickError(null)
    if (ferry.shell === 'web') return setBrowse('destination')
    const result = await ferry.pick({
      kind: 'folder',
      multiple: false,
      title: t('pick.destination'),
    })
    if (result.ok && result.value[0]) {
      edited()
      setDestination(result.value[0])
    } else if (!result.ok) setPickError(errorText(i18n, result.error).text)
  }

  const onBrowsed = (paths: string[]): void => {
    if (browse === 'destination') {
      edited()
      setDestination(paths[0] ?? destination)
    } else {
      addSources(paths.map((path) => ({ path, kind: browse === 'files' ? 'file' : 'directory' })))
      // Files mode returns files; remember their folder. Folder mode returns the folder itself.
      if (paths[0]) setLastBrowsed(browse === 'files' ? undefined : paths[0])
    }
    setBrowse(null)
  }

  /** What the filters would leave out, from a survey of the job as Start would send it. */
  const previewFilters = async (): Promise<void> => {
    const checked = validate()
    if (!checked.ok) {
      setInvalid({ field: checked.field, message: checked.message })
      focusField(checked.field)
      return
    }
    setInvalid(null)
    const surveyed = await ferry.survey(checked.request).catch((error: unknown) => ({
      ok: false as const,
      error: { code: 'INTERNAL' as const, message: String(error) },
    }))
    setPreview(
      surveyed.ok
        ? { ...surveyed.value.excluded, complete: surveyed.value.complete }
        : errorText(i18n, surveyed.error).text,
    )
  }

  const validate = () =>
    validateStart({
      sources: sources.map((s) => s.path),
      destination: cleanTypedPath(destination),
      onConflict,
      verify,
      move,
      sync,
      threads,
      bandwidthLimit,
      exclude,
      include,
      excludeJunk,
    })

  const start = async (): Promise<void> => {
    const checked = validate()
    if (!checked.ok) {
      setInvalid({ field: checked.field, message: checked.message })
      focusField(checked.field)
      return
    }
    setInvalid(null)
    // Pre-flight: a survey of the job (read-only); a question only when it found something to decide about.
    setChecking(true)
    const surveyed = await ferry.survey(checked.request).catch(() => null)
    setChecking(false)
    const concerns = surveyed?.ok ? concernsOf(surveyed.value) : null
    if (surveyed?.ok && concerns) {
      setPreflight({ request: checked.request, concerns, partial: !surveyed.value.complete })
      return
    }
    // A refusal (a missing source, …) is the engine's to say: Start gets the same answer.
    await onStart(checked.request)
  }

  const message = invalid?.message ?? (startError ? errorText(i18n, startError).text : pickError)
  const total = sources.length

  return (
    <div className="flex flex-col lg:h-full">
      {/* While a copy runs every field is disabled, so the scrolling area itself takes the focus (keyboard users
          can still scroll it); axe's scrollable-region-focusable. */}
      <div
        tabIndex={busy ? 0 : undefined}
        className="flex flex-col gap-6 p-5 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500 lg:min-h-0 lg:flex-1 lg:overflow-y-auto"
      >
        <SourcesPanel
          ferry={ferry}
          sources={sources}
          disabled={busy}
          errorId={invalid?.field === 'sources' ? alertId : undefined}
          onAdd={addSources}
          onRemove={(path) => {
            edited()
            setSources((list) => list.filter((s) => s.path !== path))
          }}
          onClear={() => {
            edited()
            setSources([])
          }}
          onPick={(kind) => void pick(kind)}
          dragging={dragging}
          dropNote={dropNote === null ? null : t('sources.droppedHidden', { count: dropNote })}
        />

        <DestinationField
          value={destination}
          disabled={busy}
          error={invalid?.field === 'destination' ? invalid.message : undefined}
          onChange={(value) => {
            edited()
            setDestination(value)
          }}
          onChoose={() => void chooseDestination()}
        />

        <OptionsFields
          onConflict={onConflict}
          verify={verify}
          move={move}
          sync={sync}
          threads={threads}
          bandwidthLimit={bandwidthLimit}
          threadsError={invalid?.field === 'threads' ? invalid.message : undefined}
          disabled={busy}
          onChange={(patch) => {
            edited()
            if (patch.onConflict) setOnConflict(patch.onConflict)
            if (patch.verify !== undefined) setVerify(patch.verify)
            if (patch.move !== undefined) setMove(patch.move)
            if (patch.sync !== undefined) setSync(patch.sync)
            if (patch.threads !== undefined) setThreads(patch.threads)
            if (patch.bandwidthLimit !== undefined) setBandwidthLimit(patch.bandwidthLimit)
          }}
        />

        <FiltersFields
          exclude={exclude}
          include={include}
          excludeJunk={excludeJunk}
          error={
            invalid?.field === 'exclude' || invalid?.field === 'include'
              ? { field: invalid.field, message: invalid.message }
              : undefined
          }
          preview={preview}
          onPreview={() => void previewFilters()}
          onChange={(patch) => {
            edited()
            setPreview(null)
            if (patch.exclude !== undefined) setExclude(patch.exclude)
            if (patch.include !== undefined) setInclude(patch.include)
            if (patch.excludeJunk !== undefined) setExcludeJunk(patch.excludeJunk)
          }}
        />
      </div>

      <div className="flex flex-col gap-2 border-t border-zinc-200 bg-zinc-50/80 px-5 py-4 dark:border-zinc-800 dark:bg-zinc-900/40">
        {message && (
          <div
            role="alert"
            id={alertId}
            className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-rose-200 dark:bg-rose-950/50 dark:text-rose-200 dark:ring-rose-900"
          >
            {message}
          </div>
        )}
        <Button
          variant="primary"
          size="lg"
          className="w-full"
          disabled={busy || checking}
          onClick={() => void start()}
        >
          {checking ? t('start.checking') : t('start.button')}
        </Button>
        {total > 0 && isAbsolutePath(cleanTypedPath(destination)) ? (
          <LandingPreview sources={sources.map((s) => s.path)} destination={cleanTypedPath(destination)} />
        ) : (
          <p className="text-center text-xs text-zinc-600 dark:text-zinc-400">{t('start.begin')}</p>
        )}
      </div>

      {preflight && (
        <PreflightDialog
          concerns={preflight.concerns}
          partial={preflight.partial}
          onCancel={() => setPreflight(null)}
          onContinue={() => {
            const { request } = preflight
            setPreflight(null)
            void onStart(request)
          }}
        />
      )}
      {browse && (
        <FolderBrowser
          ferry={ferry}
          mode={browse}
          startPath={browse === 'destination' ? cleanTypedPath(destination) || undefined : lastBrowsed}
          onChoose={onBrowsed}
          onClose={() => setBrowse(null)}
        />
      )}
    </div>
  )
})

/** Moves the focus to the field a validation message is about. */
function focusField(field: StartField): void {
  const labels: Record<StartField, string> = {
    sources: i18n.t('sources.pathLabel'),
    destination: i18n.t('destination.label'),
    threads: i18n.t('options.threads'),
    exclude: i18n.t('filters.exclude'),
    include: i18n.t('filters.include'),
  }
  const label = Array.from(document.querySelectorAll('label')).find(
    (l) => l.textContent?.trim() === labels[field],
  )
  const target = label?.htmlFor ? document.getElementById(label.htmlFor) : null
  target?.focus()
}
