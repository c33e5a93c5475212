import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({ app: { exit: vi.fn(), dock: undefined } }))
const { cliArguments } = await import('../../../src/main/electron/cli-mode')

describe('Ferry --cli (the packaged app runs its own command; the fuses forbid ELECTRON_RUN_AS_NODE)', () => {
  it('takes everything after --cli as the command line, and nothing when the app starts normally', () => {
    expect(cliArguments(['/opt/Ferry/ferry', '--cli', '--json', 'a', 'b'])).toEqual(['--json', 'a', 'b'])
    expect(cliArguments(['/opt/Ferry/ferry', '--no-sandbox', '--cli'])).toEqual([])
    expect(cliArguments(['/opt/Ferry/ferry'])).toBeUndefined()
  })
})
