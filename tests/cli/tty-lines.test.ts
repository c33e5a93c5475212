import { describe, expect, it } from 'vitest'
import type { InFlightFile, ProgressSnapshot } from '../../src/shared/job'
import { bar, fileLine, inFlightLines, MAX_FILE_LINES, overallLine } from '../../src/cli/render/tty-lines'

const MiB = 1024 ** 2

function snapshot(over: Partial<ProgressSnapshot> = {}): ProgressSnapshot {
  return {
    jobId: 'j',
    state: 'running',
    scanning: false,
    bytesDone: 256 * MiB,
    bytesTotal: 1024 * MiB,
    filesDone: 10,
    filesFailed: 1,
    filesSkipped: 2,
    filesTotal: 40,
    bytesPerSecond: 128 * MiB,
    etaSeconds: 6,
    elapsedMs: 2000,
    inFlight: [],
    ...over,
  }
}

function file(id: number, name: string, size: number, bytesDone: number): InFlightFile {
  return { id, name, src: `/s/${name}`, dst: `/d/${name}`, size, bytesDone }
}

describe('bar', () => {
  it('fills the fraction done, clamped to the width', () => {
    expect(bar(0.5, 10)).toBe('█████░░░░░')
    expect(bar(0, 4)).toBe('░░░░')
    expect(bar(2, 4)).toBe('████')
    expect(bar(Number.NaN, 3)).toBe('░░░')
  })
})

describe('overallLine', () => {
  it('shows percent, bytes, files, speed and ETA', () => {
    const line = overallLine(snapshot(), 120)
    expect(line).toMatch(/^ 25% █+░+ /)
    expect(line).toContain('256 MiB / 1.00 GiB')
    expect(line).toContain('13/40 files')
    expect(line).toContain('128 MiB/s')
    expect(line).toContain('ETA 0:06')
  })

  it('marks growing totals while scanning and says so instead of an unknown ETA', () => {
    const line = overallLine(snapshot({ scanning: true, etaSeconds: null }), 120)
    expect(line).toContain('1.00 GiB+')
    expect(line).toContain('40+ files')
    expect(line).toContain('scanning…')
  })

  it('says when the job is cancelling or stopping', () => {
    expect(overallLine(snapshot({ state: 'cancelling' }), 120)).toContain('cancelling…')
    expect(overallLine(snapshot({ state: 'terminating' }), 120)).toContain('stopping…')
  })

  it.each([200, 80, 60, 40, 20])('never exceeds a width of %d columns', (width) => {
    expect([...overallLine(snapshot(), width)].length).toBeLessThanOrEqual(width)
  })
})

describe('in-flight lines', () => {
  it('shows each file with its own progress', () => {
    const line = fileLine(file(1, 'big.iso', 100 * MiB, 50 * MiB), 100)
    expect(line).toContain('big.iso')
    expect(line).toContain(' 50% ')
    expect(line).toContain('50.0 MiB / 100 MiB')
  })

  it('fits long names by cutting their middle', () => {
    const name = `${'deep/'.repeat(30)}final-name.txt`
    const line = fileLine(file(1, name, 10, 5), 80)
    expect([...line].length).toBeLessThanOrEqual(80)
    expect(line).toContain('final-name.txt')
  })

  it('lists the largest files first and summarises the rest', () => {
    const files = Array.from({ length: 20 }, (_, i) => file(i, `f${i}`, i * 1000, 0))
    const lines = inFlightLines(files, 80)
    expect(lines).toHaveLength(MAX_FILE_LINES)
    expect(lines[0]).toContain('f19')
    expect(lines.at(-1)).toContain(`… and ${20 - (MAX_FILE_LINES - 1)} more`)
  })

  it('shows every file when they fit', () => {
    const lines = inFlightLines([file(1, 'a', 1, 0), file(2, 'b', 2, 1)], 80)
    expect(lines).toHaveLength(2)
    expect(lines.join('\n')).not.toContain('more')
  })

  it('says "writing to disk" with what is left to flush once the copy work is over', () => {
    const line = overallLine(snapshot({ phase: 'syncing', bytesToFlush: 3 * 2 ** 20 }), 120)
    expect(line).toContain('writing to disk… 3.00 MiB to flush')
    expect(line).not.toContain('ETA')
  })
})
