import { describe, expect, it } from 'vitest'
import { parseArgs, type ParsedArgs, patternsFromFile, toJobOptions } from '../../src/cli/parse-args'

function parse(...args: string[]): { parsed: ParsedArgs; stdout: string; stderr: string } {
  let stdout = ''
  let stderr = ''
  const parsed = parseArgs(['node', 'ferry', ...args], '/home/me', '9.8.7', {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  })
  return { parsed, stdout, stderr }
}

function options(...args: string[]) {
  const { parsed, stderr } = parse(...args)
  if (parsed.kind !== 'run') throw new Error(`expected a run, got exit ${parsed.code}: ${stderr}`)
  return parsed.options
}

describe('parseArgs', () => {
  it('takes every path but the last as a source and resolves relative paths against cwd', () => {
    const o = options('a', '../b/', '/abs/c', 'out')
    expect(o.sources).toEqual(['/home/me/a', '/home/b', '/abs/c'])
    expect(o.destination).toBe('/home/me/out')
  })

  it('has safe defaults: skip conflicts, no verify, engine-chosen jobs and chunk size', () => {
    expect(options('a', 'b')).toEqual({
      sources: ['/home/me/a'],
      destination: '/home/me/b',
      jobs: undefined,
      chunkSize: undefined,
      onConflict: 'skip',
      verify: false,
      sync: true,
      move: false,
      json: false,
      dryRun: false,
      exclude: [],
      include: [],
      excludeJunk: false,
      report: undefined,
      bandwidthLimit: undefined,
      resume: 'auto',
    })
  })

  it('--resume insists on resuming, --no-resume starts over; neither resumes when it can', () => {
    expect(options('--resume', 'a', 'b').resume).toBe('require')
    expect(options('--no-resume', 'a', 'b').resume).toBe('never')
    expect(options('a', 'b').resume).toBe('auto')
  })

  it('--bwlimit takes a size per second (units as --chunk-size), 0 for none', () => {
    expect(toJobOptions(options('--bwlimit', '20MiB/s', 'a', 'b')).bandwidthLimit).toBe(20 * 2 ** 20)
    expect(toJobOptions(options('--bwlimit', '500k', 'a', 'b')).bandwidthLimit).toBe(500 * 1024)
    expect(toJobOptions(options('--bwlimit', '2MB/s', 'a', 'b')).bandwidthLimit).toBe(2e6)
    expect(toJobOptions(options('--bwlimit', '0', 'a', 'b'))).not.toHaveProperty('bandwidthLimit')
    expect(toJobOptions(options('a', 'b'))).not.toHaveProperty('bandwidthLimit')
  })

  it('--move asks the engine to move; without it the job copies', () => {
    expect(toJobOptions(options('--move', 'a', 'b')).move).toBe(true)
    expect(toJobOptions(options('a', 'b'))).not.toHaveProperty('move')
  })

  it('collects --exclude, --exclude-from lines and --include; --report takes .csv or .json only', () => {
    const o = options(
      '--exclude',
      '*.tmp',
      '--exclude',
      'build/',
      '--include',
      '*.c',
      '--exclude-junk',
      'a',
      'b',
    )
    expect(o).toMatchObject({ exclude: ['*.tmp', 'build/'], include: ['*.c'], excludeJunk: true })
    expect(toJobOptions(o)).toMatchObject({
      exclude: ['*.tmp', 'build/'],
      include: ['*.c'],
      excludeJunk: true,
    })
    expect(toJobOptions(options('a', 'b'))).not.toHaveProperty('exclude')
    expect(options('--report', 'out/r.JSON', 'a', 'b').report).toBe('/home/me/out/r.JSON')
    expect(patternsFromFile('# comment\n*.log\r\n\n  \nname with space \n')).toEqual([
      '*.log',
      'name with space ',
    ])
  })

  it('--no-sync turns the flush off, in the job options too', () => {
    expect(options('--no-sync', 'a', 'b')).toMatchObject({ sync: false })
    expect(toJobOptions(options('--no-sync', 'a', 'b'))).toMatchObject({ sync: false })
    expect(toJobOptions(options('a', 'b'))).not.toHaveProperty('sync')
  })

  it('reads every option', () => {
    const o = options(
      '--jobs',
      '3',
      '--chunk-size',
      '8MiB',
      '--on-conflict',
      'newer',
      '--verify',
      '--json',
      '--dry-run',
      'a',
      'b',
    )
    expect(o).toMatchObject({
      jobs: 3,
      chunkSize: 8 * 1024 ** 2,
      onConflict: 'newer',
      verify: true,
      json: true,
      dryRun: true,
    })
    expect(options('-j4', '-c', '64KiB', '-n', 'a', 'b')).toMatchObject({
      jobs: 4,
      chunkSize: 65536,
      dryRun: true,
    })
  })

  it('treats arguments after -- as paths, even when they look like options', () => {
    expect(options('--', '-odd', '--json', 'dst')).toMatchObject({
      sources: ['/home/me/-odd', '/home/me/--json'],
      json: false,
    })
  })

  it('prints the version and help on stdout with exit code 0', () => {
    const version = parse('--version')
    expect(version.parsed).toEqual({ kind: 'exit', code: 0 })
    expect(version.stdout.trim()).toBe('9.8.7')
    const help = parse('--help')
    expect(help.parsed).toEqual({ kind: 'exit', code: 0 })
    expect(help.stdout).toMatch(/Usage: ferry \[options\] SRC\.\.\. DEST/)
    expect(help.stdout).toMatch(/--on-conflict/)
    expect(help.stdout).toMatch(/Exit codes/)
  })

  it.each([
    [['--bogus', 'a', 'b'], /unknown option '--bogus'/],
    [['a'], /missing destination/],
    [[], /missing required argument/],
    [['--jobs', '0', 'a', 'b'], /--jobs takes a whole number from 1/],
    [['--jobs', '2.5', 'a', 'b'], /--jobs takes a whole number/],
    [['--jobs', 'many', 'a', 'b'], /--jobs takes a whole number/],
    [['--jobs', '100000', 'a', 'b'], /--jobs takes a whole number/],
    [['--chunk-size', 'big', 'a', 'b'], /"big" is not a size/],
    [['--chunk-size', '0', 'a', 'b'], /at least 1 byte/],
    [['--chunk-size'], /argument missing/],
    [['--on-conflict', 'ask', 'a', 'b'], /Allowed choices are skip, overwrite, rename, newer/],
    [['--bwlimit', 'fast', 'a', 'b'], /"fast" is not a size.*per second, e\.g\. 20MiB\/s/],
    [['--bwlimit', '100', 'a', 'b'], /"100" is below the slowest limit, 1KiB\/s/],
    [['', 'b'], /empty path/],
  ])('rejects %j with exit code 2 and a message on stderr', (args, message) => {
    const { parsed, stdout, stderr } = parse(...args)
    expect(parsed).toEqual({ kind: 'exit', code: 2 })
    expect(stderr).toMatch(message)
    expect(stderr).toMatch(/ferry --help/)
    expect(stdout).toBe('')
  })
})
