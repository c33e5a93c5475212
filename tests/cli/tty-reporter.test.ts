import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { TtyReporter } from '../../src/cli/render/tty-reporter'
import { MemoryStream, result, snapshot, summary } from './fixtures'

const ESC = '\x1B'
const HIDE_CURSOR = '\x1B[?25l'
const SHOW_CURSOR = '\x1B[?25h'

function setup() {
  const stdout = new MemoryStream()
  const stderr = new MemoryStream(true, 100)
  const reporter = new TtyReporter({ stdout, stderr, fps: 50 })
  return { stdout, stderr, reporter }
}

describe('TtyReporter', () => {
  it('draws the overall bar and the files in flight on stderr, redrawn in place', async () => {
    const { stderr, reporter } = setup()
    reporter.event({
      type: 'progress',
      progress: snapshot({
        inFlight: [
          { id: 1, name: 'movies/big.mkv', src: '/s/big.mkv', dst: '/d/big.mkv', size: 1000, bytesDone: 250 },
          { id: 2, name: 'notes.txt', src: '/s/notes.txt', dst: '/d/notes.txt', size: 10, bytesDone: 0 },
        ],
      }),
    })
    await sleep(60)
    reporter.event({ type: 'progress', progress: snapshot({ bytesDone: 300, inFlight: [] }) })
    await sleep(60)
    expect(stderr.text).toContain(HIDE_CURSOR)
    expect(stderr.text).toContain(' 25% ')
    expect(stderr.text).toContain(' 75% ')
    expect(stderr.text).toContain('movies/big.mkv')
    expect(stderr.text).toContain('notes.txt')
    // In-place redraw: the cursor moves back up (ESC [ n A) instead of scrolling a new block each time.
    expect(stderr.text).toMatch(new RegExp(`${ESC}\\[\\d+A`))
    reporter.finish(summary())
  })

  it('prints failures above the display, clears it, restores the cursor and writes the summary to stdout', async () => {
    const { stdout, stderr, reporter } = setup()
    reporter.event({ type: 'progress', progress: snapshot() })
    reporter.event({ type: 'files', jobId: 'j1', results: [result(7, 'failed')] })
    await sleep(60)
    reporter.finish(summary({ filesFailed: 1, failures: [result(7, 'failed')] }))
    expect(stderr.text.match(/ferry: failed: f7\.txt/g)).toHaveLength(1)
    expect(stderr.text).toContain(SHOW_CURSOR)
    expect(stdout.text).toBe('Copied 4 files (400 B) in 1.0 s, 400 B/s. 1 file failed.\n')
    const before = stderr.text.length
    await sleep(60)
    expect(stderr.text.length).toBe(before) // the redraw timer is gone
  })

  it('shows a signal notice right away', () => {
    const { stderr, reporter } = setup()
    reporter.event({ type: 'progress', progress: snapshot() })
    reporter.signal({ signal: 'SIGINT', action: 'cancel', message: 'cancelling now' })
    expect(stderr.text).toContain('ferry: cancelling now')
    reporter.finish(summary({ state: 'cancelled' }))
  })
})
