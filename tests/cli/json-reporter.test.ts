import { describe, expect, it } from 'vitest'
import { JsonReporter, type JsonLine } from '../../src/cli/render/json-reporter'
import { MemoryStream, result, snapshot, summary } from './fixtures'

function setup() {
  const stdout = new MemoryStream()
  const stderr = new MemoryStream()
  let now = 0
  const reporter = new JsonReporter({ stdout, stderr, maxPerSecond: 10, now: () => now })
  const lines = (): JsonLine[] => stdout.lines().map((line) => JSON.parse(line) as JsonLine)
  return { reporter, stdout, stderr, lines, advance: (ms: number) => (now += ms) }
}

describe('JsonReporter', () => {
  it('prints one JSON object per line, ending with a summary carrying the exit code', () => {
    const { reporter, lines } = setup()
    reporter.event({ type: 'started', jobId: 'j1', options: { sources: ['/a'], destination: '/b' } })
    reporter.event({ type: 'progress', progress: snapshot() })
    reporter.finish(summary(), 0)
    const out = lines()
    expect(out.map((l) => l.type)).toEqual(['started', 'progress', 'summary'])
    expect(out.at(-1)).toMatchObject({
      type: 'summary',
      exitCode: 0,
      summary: { filesDone: 4, bytesDone: 400 },
    })
  })

  it('throttles progress to the maximum rate, however often the engine reports', () => {
    const { reporter, lines, advance } = setup()
    for (let i = 0; i < 1000; i++) {
      reporter.event({ type: 'progress', progress: snapshot({ bytesDone: i }) })
      advance(1) // 1000 events over one second
    }
    const progress = lines().filter((l) => l.type === 'progress')
    expect(progress.length).toBeGreaterThanOrEqual(9)
    expect(progress.length).toBeLessThanOrEqual(11)
  })

  it('lists files that were not copied, batched with the next progress line; copied files only counted', () => {
    const { reporter, lines, advance } = setup()
    reporter.event({ type: 'progress', progress: snapshot() })
    reporter.event({ type: 'files', jobId: 'j1', results: [result(1, 'done'), result(2, 'failed')] })
    reporter.event({ type: 'files', jobId: 'j1', results: [result(3, 'skipped', { skipReason: 'exists' })] })
    expect(lines().filter((l) => l.type === 'files')).toHaveLength(0)
    advance(200)
    reporter.event({ type: 'progress', progress: snapshot() })
    const files = lines().filter((l) => l.type === 'files')
    expect(files).toHaveLength(1)
    expect(files[0]).toMatchObject({
      results: [
        { id: 2, status: 'failed' },
        { id: 3, status: 'skipped' },
      ],
    })
  })

  it('flushes pending file results before the summary', () => {
    const { reporter, lines } = setup()
    reporter.event({ type: 'files', jobId: 'j1', results: [result(9, 'failed')] })
    reporter.finish(summary({ filesFailed: 1, failures: [result(9, 'failed')] }), 1)
    expect(lines().map((l) => l.type)).toEqual(['files', 'summary'])
  })

  it('also lists each failure once on stderr, and warnings', () => {
    const { reporter, stderr } = setup()
    reporter.event({ type: 'files', jobId: 'j1', results: [result(2, 'failed')] })
    reporter.event({
      type: 'warning',
      jobId: 'j1',
      warning: { code: 'DISK_FULL', message: 'Not enough space.' },
    })
    reporter.finish(summary({ filesFailed: 1, failures: [result(2, 'failed')] }), 1)
    expect(stderr.lines()).toEqual([
      'ferry: failed: f2.txt: Error reading /src/f2.txt: permission denied (EACCES). [PERMISSION_DENIED]',
      'ferry: warning: Not enough space.',
    ])
  })

  it('reports signals and refusals as lines of their own', () => {
    const { reporter, lines, stderr } = setup()
    reporter.signal({ signal: 'SIGINT', action: 'cancel', message: 'cancelling' })
    reporter.refused({ code: 'SOURCE_MISSING', message: 'No such source: /x.', path: '/x' }, 2)
    expect(lines()).toEqual([
      { type: 'signal', signal: 'SIGINT', action: 'cancel', message: 'cancelling' },
      {
        type: 'refused',
        exitCode: 2,
        error: { code: 'SOURCE_MISSING', message: 'No such source: /x.', path: '/x' },
      },
    ])
    expect(stderr.text).toContain('No such source: /x.')
  })
})
