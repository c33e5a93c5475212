import { type ChildProcess, spawn } from 'node:child_process'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { TempDirs } from '../../helpers/temp-dirs'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const dirs = new TempDirs()
const children: ChildProcess[] = []

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})
afterAll(() => dirs.cleanup())

interface Run {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

/** Runs `npm start`'s script with `env` on top of a clean environment (no inherited Electron settings). */
function start(env: Record<string, string>): Run {
  const base = { ...process.env }
  delete base.ELECTRON_SKIP_BINARY_DOWNLOAD
  delete base.DISPLAY
  delete base.WAYLAND_DISPLAY
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--port', '0'], {
    cwd: ROOT,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => output, exited }
}

async function waitForUrl(run: Run): Promise<string> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const match = /Ferry UI: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(run.output())
    if (match) return match[1]!
    if (run.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`no URL; output:\n${run.output()}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Checks the printed URL serves the app, then stops the shell the way Ctrl+C would. */
async function expectWebShell(run: Run): Promise<void> {
  const url = await waitForUrl(run)
  const response = await fetch(url)
  expect(response.status).toBe(200)
  expect(await response.text()).toContain('<div id="root">')
  run.child.kill('SIGINT')
  expect(await run.exited).toBe(0)
}

/** A fake electron package: `install` is the body of its install.js (counting its runs), `binary` installs one. */
async function fakeElectron(options: { install?: string; binary?: boolean }): Promise<string> {
  const dir = await dirs.make('electron')
  if (options.install !== undefined) {
    await writeFile(
      join(dir, 'install.js'),
      `require('fs').appendFileSync(${JSON.stringify(join(dir, 'install-runs'))}, 'x')\n${options.install}`,
    )
  }
  if (options.binary) await installFakeBinary(dir)
  return dir
}

/** A fake Electron executable: records its arguments and exits with 7. */
async function installFakeBinary(dir: string): Promise<void> {
  await mkdir(join(dir, 'dist'), { recursive: true })
  const binary = join(dir, 'dist', 'electron')
  await writeFile(binary, `#!/bin/sh\nprintf '%s\\n' "$@" > "${join(dir, 'launched-with')}"\nexit 7\n`)
  await chmod(binary, 0o755)
  await writeFile(join(dir, 'path.txt'), 'electron')
}

const installRuns = async (dir: string): Promise<number> =>
  (await readFile(join(dir, 'install-runs'), 'utf8').catch(() => '')).length

describe('npm start', () => {
  it('falls back to the web shell here, where Electron’s binary is not installed, and says why', async () => {
    const run = start({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1', DISPLAY: ':99' })
    await expectWebShell(run)
    expect(run.output()).toContain(
      'not starting the desktop app: its binary was not downloaded and ELECTRON_SKIP_BINARY_DOWNLOAD is set',
    )
  })

  it('runs the Electron binary with the app folder when it is installed', async () => {
    const dir = await fakeElectron({ binary: true })
    const run = start({ FERRY_ELECTRON_DIR: dir, DISPLAY: ':99' })
    expect(await run.exited).toBe(7)
    expect((await readFile(join(dir, 'launched-with'), 'utf8')).split('\n')[0]).toBe(resolve(ROOT))
    expect(run.output()).not.toContain('Ferry UI')
  })

  it('tries electron’s install.js once; when it fails offline, falls back and quotes the error', async () => {
    const dir = await fakeElectron({
      install: `console.error('RequestError: getaddrinfo ENOTFOUND github.com'); process.exit(1)`,
    })
    const run = start({ FERRY_ELECTRON_DIR: dir, DISPLAY: ':99' })
    await expectWebShell(run)
    expect(await installRuns(dir)).toBe(1)
    expect(run.output()).toContain('downloading it failed: RequestError: getaddrinfo ENOTFOUND github.com')
  })

  it('runs Electron when install.js manages to install it', async () => {
    const dir = await fakeElectron({ install: '' })
    await writeFile(
      join(dir, 'install.js'),
      `${await readFile(join(dir, 'install.js'), 'utf8')}
const { mkdirSync, writeFileSync, chmodSync } = require('fs')
mkdirSync(__dirname + '/dist')
writeFileSync(__dirname + '/dist/electron', '#!/bin/sh\\necho "$1" > ' + __dirname + '/launched-with\\nexit 7\\n')
chmodSync(__dirname + '/dist/electron', 0o755)
writeFileSync(__dirname + '/path.txt', 'electron')`,
    )
    const run = start({ FERRY_ELECTRON_DIR: dir, DISPLAY: ':99' })
    expect(await run.exited).toBe(7)
    expect(await installRuns(dir)).toBe(1)
  })

  it('does not run install.js when ELECTRON_SKIP_BINARY_DOWNLOAD is set', async () => {
    const dir = await fakeElectron({ install: 'process.exit(1)' })
    const run = start({ FERRY_ELECTRON_DIR: dir, DISPLAY: ':99', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })
    await expectWebShell(run)
    expect(await installRuns(dir)).toBe(0)
  })

  it('uses the web shell on Linux without a display, even with Electron installed', async () => {
    const dir = await fakeElectron({ binary: true })
    const run = start({ FERRY_ELECTRON_DIR: dir })
    await expectWebShell(run)
    expect(run.output()).toContain('there is no graphical display')
  })
})
