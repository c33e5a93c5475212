/** The report's sections for the mounted filesystems (tmpfs, XFS, ext4 with sync) and the one-file start-up. */
import type { DatasetResult, ToolSamples } from './copy-bench'
import * as fmt from './format'
import type { PlaceResult } from './places'
import { pairedRatio, summarise, type Summary } from './stats'
import type { CoreProbe, ToolId } from './tools'

const MiB = 1024 * 1024

function secondsCell(s: Summary | undefined): string {
  return s ? `${fmt.seconds(s.median)} (${s.min.toFixed(3)}–${s.max.toFixed(3)})` : '—'
}

/** Time per file (small files, trees) or throughput (large files), from the median time. */
function unitOf(result: DatasetResult, median: number): string {
  const { files, bytes } = result.dataset.counts
  if (result.dataset.name === 'large') return `${fmt.count(Math.round(bytes / MiB / median))} MiB/s`
  return `${((median * 1e6) / Math.max(1, files)).toFixed(1)} µs/file`
}

function toolCell(result: DatasetResult, samples: ToolSamples | undefined): string {
  const s = samples ? summarise(samples.seconds) : undefined
  if (!s) return samples?.failure ? 'failed' : '—'
  return `${secondsCell(s)} · ${unitOf(result, s.median)}`
}

/** `1.23× (1.10–1.40)`: the median of per-round ratios and their range. */
export function pairedCell(result: DatasetResult, a: ToolId, b: ToolId): string {
  const r = pairedRatio(result.samples.get(a), result.samples.get(b))
  return r ? `${fmt.times(r.median)} (${r.min.toFixed(2)}–${r.max.toFixed(2)})` : '—'
}

function rssCell(result: DatasetResult, ids: ToolId[]): string {
  const all = ids.flatMap((id) => result.samples.get(id)?.peakRssBytes ?? [])
  return all.length ? fmt.bytes(Math.max(...all)) : '—'
}

function describe(p: PlaceResult): string {
  if (!p.result) return `- **${p.part}**: not measured: ${p.skipped ?? 'unknown reason'}`
  const c = p.result.dataset.counts
  const parts = [`${fmt.count(c.files)} files`, `${fmt.count(c.dirs)} folders`]
  if (c.symlinks) parts.push(`${fmt.count(c.symlinks)} symlinks`)
  return `- **${p.part}** (${p.place}): ${p.result.dataset.description}: ${parts.join(', ')}, ${fmt.bytes(c.bytes)}`
}

function coresTable(places: PlaceResult[]): string[] {
  const lines = [
    '| Dataset | Ferry (js) | Ferry (native) | `cp -a` | js ÷ `cp -a` | native ÷ `cp -a` | Ferry peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ]
  for (const p of places) {
    const r = p.result
    if (!r) continue
    lines.push(
      `| ${p.part} | ${toolCell(r, r.samples.get('ferry-js'))} | ${toolCell(r, r.samples.get('ferry-native'))} | ${toolCell(r, r.samples.get('cp-a'))} | ${pairedCell(r, 'ferry-js', 'cp-a')} | ${pairedCell(r, 'ferry-native', 'cp-a')} | ${rssCell(r, ['ferry-js', 'ferry-native'])} |`,
    )
  }
  return lines
}

function syncTable(places: PlaceResult[], noSync: boolean): string[] {
  const second: ToolId = noSync ? 'ferry-nosync' : 'ferry-sync'
  const secondLabel = noSync ? 'Ferry `--no-sync`' : 'Ferry `&& sync`'
  const lines = [
    `| Dataset | Ferry | ${secondLabel} | \`cp -a && sync\` | Ferry ÷ \`cp -a && sync\` | ${noSync ? 'Ferry ÷ Ferry `--no-sync` (cost of sync)' : 'Ferry `&& sync` ÷ `cp -a && sync`'} | Ferry peak RSS |`,
    '|---|---:|---:|---:|---:|---:|---:|',
  ]
  for (const p of places) {
    const r = p.result
    if (!r) continue
    const last = noSync ? pairedCell(r, 'ferry', 'ferry-nosync') : pairedCell(r, 'ferry-sync', 'cp-a-sync')
    lines.push(
      `| ${p.part} | ${toolCell(r, r.samples.get('ferry'))} | ${toolCell(r, r.samples.get(second))} | ${toolCell(r, r.samples.get('cp-a-sync'))} | ${pairedCell(r, 'ferry', 'cp-a-sync')} | ${last} | ${rssCell(r, ['ferry', second])} |`,
    )
  }
  return lines
}

function startupTable(result: DatasetResult): string[] {
  const lines = [
    '| Run | wall time, median (min–max) | ÷ `node -e 0` (per pair) | peak RSS |',
    '|---|---:|---:|---:|',
  ]
  for (const [id, label] of [
    ['node-e0', '`node -e 0`'],
    ['ferry-js', 'Ferry, one 4 KiB file (js)'],
    ['ferry-native', 'Ferry, one 4 KiB file (native)'],
  ] as Array<[ToolId, string]>) {
    const samples = result.samples.get(id)
    if (!samples) continue
    const s = summarise(samples.seconds)
    const ratio = id === 'node-e0' ? '1×' : pairedCell(result, id, 'node-e0')
    lines.push(
      `| ${label} | ${s ? `${fmt.millis(s.median * 1000)} (${fmt.millis(s.min * 1000)}–${fmt.millis(s.max * 1000)})` : '—'} | ${ratio} | ${rssCell(result, [id])} |`,
    )
  }
  return lines
}

/** A target of issue 10 or 11 against what was measured. */
interface Target {
  target: string
  measured: string
  met: boolean | undefined
}

function targets(places: PlaceResult[], startup: DatasetResult | undefined): Target[] {
  const rows: Target[] = []
  const find = (part: string): DatasetResult | undefined => places.find((p) => p.part === part)?.result
  const ratioRow = (part: string, a: ToolId, b: ToolId, max: number, label: string): void => {
    const r = find(part)
    const s = r ? pairedRatio(r.samples.get(a), r.samples.get(b)) : undefined
    rows.push({
      target: `${label} ≤ ${max.toFixed(1)}×`,
      measured: s ? fmt.times(s.median) : '—',
      met: s ? s.median <= max : undefined,
    })
  }
  for (const core of ['js', 'native'] as const) {
    const id: ToolId = core === 'js' ? 'ferry-js' : 'ferry-native'
    ratioRow('tmpfs-small', id, 'cp-a', 1.0, `tmpfs small (${core}) ÷ \`cp -a\``)
    ratioRow('tmpfs-large', id, 'cp-a', 0.8, `tmpfs large (${core}) ÷ \`cp -a\``)
    ratioRow('tmpfs-node_modules', id, 'cp-a', 1.0, `tmpfs node_modules (${core}) ÷ \`cp -a\``)
  }
  const oneFile = startup ? summarise(startup.samples.get('ferry-native')?.seconds ?? []) : undefined
  const oneFileJs = startup ? summarise(startup.samples.get('ferry-js')?.seconds ?? []) : undefined
  const best = oneFile ?? oneFileJs
  const xfs = find('xfs-large')
  for (const core of ['js', 'native'] as const) {
    const s = xfs
      ? summarise(xfs.samples.get(core === 'js' ? 'ferry-js' : 'ferry-native')?.seconds ?? [])
      : undefined
    rows.push({
      target: `XFS 4 × 512 MiB (${core}) < 2× a one-file run`,
      measured: s && best ? `${fmt.seconds(s.median)} vs ${fmt.millis(best.median * 1000)}` : '—',
      met: s && best ? s.median < 2 * best.median : undefined,
    })
  }
  rows.push({
    target: 'one-file CLI run ≤ 150 ms',
    measured:
      [
        oneFileJs ? `js ${fmt.millis(oneFileJs.median * 1000)}` : '',
        oneFile ? `native ${fmt.millis(oneFile.median * 1000)}` : '',
      ]
        .filter(Boolean)
        .join(', ') || '—',
    met: best ? best.median <= 0.15 : undefined,
  })
  ratioRow('ext4-small', 'ferry', 'cp-a-sync', 1.0, 'ext4 small, Ferry ÷ `cp -a && sync` (issue 11)')
  ratioRow('ext4-large', 'ferry', 'cp-a-sync', 1.0, 'ext4 large, Ferry ÷ `cp -a && sync` (issue 11)')
  return rows
}

export interface PlacesReportInput {
  places: PlaceResult[]
  startup: DatasetResult | undefined
  cores: CoreProbe[]
  noSync: boolean
}

/** The Markdown for the mounted filesystems, start-up and the targets of issues 10 and 11. */
export function renderPlaces(input: PlacesReportInput): string[] {
  const out: string[] = []
  const coreLine = input.cores
    .map(
      (c) =>
        `\`FERRY_CORE=${c.core}\`: ${c.ok ? 'copies' : `does not copy (${c.problem ?? '?'})`}, the CLI reports ${c.reported ? `"${c.reported}"` : 'no core (neither `--version` nor the `started` event says which core copied)'}`,
    )
    .join('; ')
  if (coreLine) out.push('', `Cores: ${coreLine}.`)
  const measured = input.places.filter((p) => p.result || p.skipped)
  if (measured.length) out.push('', ...measured.map(describe))
  const cores = input.places.filter((p) => p.kind !== 'ext4' && p.result)
  if (cores.length) {
    out.push(
      '',
      'On a tmpfs and a loop-mounted XFS image, Ferry with each core against `cp -a`, in the same rounds ' +
        '(ratios: median of the per-round ratios, min–max in brackets):',
      '',
      ...coresTable(cores),
    )
  }
  const sync = input.places.filter((p) => p.kind === 'ext4' && p.result)
  if (sync.length) {
    out.push(
      '',
      `On a loop-mounted ext4 image, Ferry against \`cp -a && sync\` (\`sync -f DEST\`: that filesystem only). ${
        input.noSync
          ? 'The CLI has `--no-sync`, so Ferry syncs by default; the cost of sync is Ferry ÷ Ferry `--no-sync`.'
          : 'The CLI has no `--no-sync` yet (not in `--help`): Ferry does not sync, so "Ferry" ends before its data is on the disk; `Ferry && sync` is the fair comparison until commit groups land.'
      }`,
      '',
      ...syncTable(sync, input.noSync),
    )
  }
  if (input.startup) {
    out.push(
      '',
      'Start-up: a one-file CLI run (4 KiB into a fresh destination) against `node -e 0`, interleaved:',
      '',
      ...startupTable(input.startup),
    )
  }
  const rows = targets(input.places, input.startup)
  if (rows.some((r) => r.met !== undefined)) {
    out.push('', '| Target (issues 10, 11) | Measured | Met |', '|---|---:|:---:|')
    for (const row of rows)
      out.push(
        `| ${row.target} | ${row.measured} | ${row.met === undefined ? 'not measured' : row.met ? '✓' : '✗'} |`,
      )
  }
  return out
}
