/** The Markdown report: machine, results per dataset, progress cost, stop latency, and the issue's targets. */
import type { DatasetResult, ToolSamples } from './copy-bench'
import * as fmt from './format'
import type { StopKind, StopResult } from './latency'
import type { MachineInfo } from './machine'
import { renderPlaces, type PlacesReportInput } from './places-report'
import { ratio, summarise, type Summary } from './stats'
import type { ToolId } from './tools'

/** Everything the report is made from. */
export interface ReportInput {
  machine: MachineInfo
  profile: 'full' | 'quick'
  rounds: number
  warmup: number
  ferryArgs: string[]
  datasets: DatasetResult[]
  stops: StopResult[] | undefined
  /** Mounted filesystems and start-up (issues 10, 11). */
  places: PlacesReportInput | undefined
  /** The command line that produced the report. */
  command: string
  /** Caveats to print (missing tools, Ferry unavailable, …). */
  notes: string[]
}

const COLUMNS: Array<[ToolId, string]> = [
  ['ferry', 'Ferry'],
  ['cp-r', '`cp -r`'],
  ['cp-a', '`cp -a`'],
  ['rsync-a', '`rsync -a`'],
]

function timeOf(samples: ToolSamples | undefined): Summary | undefined {
  return samples ? summarise(samples.seconds) : undefined
}

function cell(s: Summary | undefined): string {
  if (!s) return '—'
  return `${fmt.seconds(s.median)} (${s.min.toFixed(3)}–${s.max.toFixed(3)})`
}

function ratioCell(r: number | undefined): string {
  return r === undefined ? '—' : fmt.times(r)
}

function peakRss(result: DatasetResult): number | undefined {
  const all = [
    ...(result.samples.get('ferry')?.peakRssBytes ?? []),
    ...(result.samples.get('ferry-json')?.peakRssBytes ?? []),
  ]
  return all.length ? Math.max(...all) : undefined
}

function describe(result: DatasetResult): string {
  const c = result.dataset.counts
  const parts = [`${fmt.count(c.files)} files`, `${fmt.count(c.dirs)} folders`]
  if (c.symlinks) parts.push(`${fmt.count(c.symlinks)} symlinks`)
  return `- **${result.dataset.name}**: ${result.dataset.description}: ${parts.join(', ')}, ${fmt.bytes(c.bytes)}`
}

function copyTable(datasets: DatasetResult[]): string[] {
  const lines = [
    `| Dataset | ${COLUMNS.map(([, label]) => label).join(' | ')} | Ferry ÷ \`cp -r\` | Ferry ÷ \`cp -a\` | Ferry peak RSS |`,
    `|---|${COLUMNS.map(() => '---:').join('|')}|---:|---:|---:|`,
  ]
  for (const d of datasets) {
    const t = (id: ToolId): Summary | undefined => timeOf(d.samples.get(id))
    const rss = peakRss(d)
    lines.push(
      `| ${d.dataset.name} | ${COLUMNS.map(([id]) => cell(t(id))).join(' | ')} | ${ratioCell(ratio(t('ferry'), t('cp-r')))} | ${ratioCell(ratio(t('ferry'), t('cp-a')))} | ${rss === undefined ? '—' : fmt.bytes(rss)} |`,
    )
  }
  return lines
}

function progressTable(datasets: DatasetResult[]): string[] {
  const lines = [
    '| Dataset | progress off (no `--json`, no TTY) | progress on (`--json`, read through a pipe) | on ÷ off |',
    '|---|---:|---:|---:|',
  ]
  for (const d of datasets) {
    const off = timeOf(d.samples.get('ferry'))
    const on = timeOf(d.samples.get('ferry-json'))
    lines.push(`| ${d.dataset.name} | ${cell(off)} | ${cell(on)} | ${ratioCell(ratio(on, off))} |`)
  }
  return lines
}

const STOP_LABELS: Record<StopKind, string> = {
  cancel: 'cancel (SIGINT)',
  terminate: 'terminate (SIGTERM)',
  'ctrl-c-twice': 'terminate (Ctrl-C twice, from the second)',
}

function stopTable(stops: StopResult[]): string[] {
  const lines = [
    '| Stop | median | min–max | runs (discarded) | partial file at signal |',
    '|---|---:|---:|---:|---:|',
  ]
  for (const stop of stops) {
    const s = summarise(stop.samples.map((x) => x.ms))
    const at = summarise(stop.samples.map((x) => x.bytesAtSignal))
    lines.push(
      `| ${STOP_LABELS[stop.kind]} | ${s ? fmt.millis(s.median) : '—'} | ${s ? `${fmt.millis(s.min)}–${fmt.millis(s.max)}` : '—'} | ${stop.samples.length} (${stop.discarded.length}) | ${at ? fmt.bytes(at.median) : '—'} |`,
    )
  }
  return lines
}

/** One target of issue 3: what it asks, what was measured, whether it is met (`undefined`: not measured). */
interface TargetRow {
  target: string
  measured: string
  met: boolean | undefined
}

function targetRows(input: ReportInput): TargetRow[] {
  const find = (name: string): DatasetResult | undefined =>
    input.datasets.find((d) => d.dataset.name === name)
  const rows: TargetRow[] = []
  const ratioTarget = (name: string, base: ToolId, max: number, label: string): void => {
    const d = find(name)
    const r = d ? ratio(timeOf(d.samples.get('ferry')), timeOf(d.samples.get(base))) : undefined
    rows.push({
      target: `${label} ≤ ${max.toFixed(1)}× \`${base.replace('-', ' -')}\``,
      measured: ratioCell(r),
      met: r === undefined ? undefined : r <= max,
    })
  }
  ratioTarget('small', 'cp-r', 1.0, '20,000 small files')
  ratioTarget('small', 'cp-a', 0.6, '20,000 small files')
  ratioTarget('large', 'cp-r', 0.8, '4 × 512 MiB files')
  ratioTarget('node_modules', 'cp-r', 1.0, '`node_modules` tree')

  const progress = input.datasets
    .map(
      (d) =>
        [d.dataset.name, ratio(timeOf(d.samples.get('ferry-json')), timeOf(d.samples.get('ferry')))] as const,
    )
    .filter((x): x is readonly [(typeof x)[0], number] => x[1] !== undefined)
  rows.push({
    target: 'progress on vs off within 2 %',
    measured:
      progress
        .map(([name, r]) => `${name} ${r >= 1 ? '+' : '−'}${(Math.abs(r - 1) * 100).toFixed(1)} %`)
        .join(', ') || '—',
    met: progress.length ? progress.every(([, r]) => Math.abs(r - 1) <= 0.02) : undefined,
  })
  const rss = input.datasets
    .map((d) => [d.dataset.name, peakRss(d)] as const)
    .filter((x): x is readonly [(typeof x)[0], number] => x[1] !== undefined)
  rows.push({
    target: 'peak memory ≤ 200 MiB on every dataset',
    measured: rss.map(([name, b]) => `${name} ${fmt.bytes(b)}`).join(', ') || '—',
    met: rss.length ? rss.every(([, b]) => b <= 200 * 1024 * 1024) : undefined,
  })
  const stop = (kind: StopKind, max: number, label: string): void => {
    const s = summarise(input.stops?.find((x) => x.kind === kind)?.samples.map((x) => x.ms) ?? [])
    rows.push({
      target: `${label} ≤ ${max} ms`,
      measured: s ? fmt.millis(s.median) : '—',
      met: s ? s.median <= max : undefined,
    })
  }
  stop('cancel', 250, 'cancel latency (Ctrl-C to exit)')
  stop('terminate', 100, 'terminate latency (SIGTERM to exit)')
  stop('ctrl-c-twice', 100, 'terminate latency (second Ctrl-C to exit)')
  return rows
}

/** The whole report as Markdown, ready to paste into the README. */
export function renderReport(input: ReportInput): string {
  const m = input.machine
  const out: string[] = []
  out.push(`### Benchmark results (${m.date})`, '')
  out.push(
    `\`${input.command}\` on ${m.cpu}, ${m.cores} cores, ${m.ram} RAM, bench folder on ${m.filesystem}, ${m.kernel}, Node ${m.node}; ${m.cp}${m.rsync ? `, ${m.rsync}` : ''}. ` +
      `Ferry at \`${m.commit}\`${input.ferryArgs.length ? ` with \`${input.ferryArgs.join(' ')}\`` : ''}. ` +
      `${input.rounds} timed round${input.rounds === 1 ? '' : 's'} after ${input.warmup} warm-up round${input.warmup === 1 ? '' : 's'}, tools interleaved and rotated, page cache warm; ` +
      'wall time from spawn to exit, median (min–max) in seconds. ' +
      `Load average (1 min): ${m.load.start.toFixed(2)} before, ${m.load.end.toFixed(2)} after.`,
  )
  if (m.load.start > m.cores / 2) {
    out.push(
      '',
      `**The machine was busy when the run started (load ${m.load.start.toFixed(2)}): these figures are noisy.**`,
    )
  }
  if (input.profile === 'quick')
    out.push(
      '',
      '**Quick run (`--quick`): small smoke datasets; the ratios are not comparable with the targets.**',
    )
  if (input.datasets.length) {
    out.push('', ...input.datasets.map(describe), '', ...copyTable(input.datasets))
    out.push('', 'Progress reporting on vs off (Ferry only):', '', ...progressTable(input.datasets))
    out.push(
      '',
      "The engine keeps its shared progress counters in both modes (the CLI has no mode without them): 'off' is " +
        "the CLI's quiet mode (stderr not a terminal, no `--json`), 'on' prints a JSON progress line up to 10 times a second.",
    )
  }
  if (input.stops) {
    out.push(
      '',
      'Stop latency (one large file, default chunk size, signal sent mid-file; time to process exit):',
      '',
      ...stopTable(input.stops),
    )
    const problems = input.stops.flatMap((s) => s.problems)
    if (problems.length) out.push('', `**Problems after stopping:** ${problems.join('; ')}`)
  }
  if (input.datasets.length || input.stops) {
    out.push('', '| Target (issue 3) | Measured | Met |', '|---|---:|:---:|')
    for (const row of targetRows(input)) {
      out.push(
        `| ${row.target} | ${row.measured} | ${row.met === undefined ? 'not measured' : row.met ? '✓' : '✗'} |`,
      )
    }
  }
  if (input.places) out.push(...renderPlaces(input.places))
  if (input.notes.length) out.push('', ...input.notes.map((n) => `> ${n.replace(/\s*\n\s*/g, ' ')}`))
  return `${out.join('\n')}\n`
}
