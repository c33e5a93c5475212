/**
 * The packaged app's code runs from `resources/app.asar`: `out/` as electron-vite built it, plus the production
 * node_modules electron-builder collected. These tests lay that archive out with the real electron-builder.yml and
 * run the bundled engine from it (through the `ferry` CLI, which shares the engine chunk and copy-worker bundle with
 * the main process), so a worker file or package left out of the installer fails here, not on a user's machine.
 */
import { existsSync, lstatSync, utimesSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { isBuiltin } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, parse, posix } from 'node:path'
import { extractAll, extractFile, listPackage, statFile } from '@electron/asar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { packagedAppPaths } from '../../scripts/packaged-smoke'
import {
  ensureFreshBuild,
  ensureNativeBuild,
  packUnpackedApp,
  ROOT,
  runNodeScript,
  type PackedApp,
} from './packaged-app'
import { hashTree, writeSampleTree } from './sample-tree'

let work: string
let app: PackedApp
/** Every entry of app.asar, relative, with forward slashes (`out/main/index.js`, `node_modules/...`). */
let archived: Set<string>
/** Why the native core is not in the archive (no compiler here), or undefined. */
let noNative: string | undefined

const NATIVE_ENTRY = 'native/build/Release/ferry_core.node'

beforeAll(async () => {
  await ensureFreshBuild()
  noNative = await ensureNativeBuild()
  work = await mkdtemp(join(tmpdir(), 'ferry-packaging-'))
  app = await packUnpackedApp(work)
  archived = new Set(
    listPackage(app.asar, { isPack: false }).map((p) => p.split('\\').join('/').replace(/^\//, '')),
  )
}, 240_000)

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

/** The JavaScript bundles of the main process and preload, as archived. */
function archivedBundles(): string[] {
  return [...archived].filter((p) => /^out\/(main|preload)\/.*\.(c|m)?js$/.test(p))
}

/** One archived file's text, read from app.asar itself (not from out/), so the checks are on what ships. */
function archivedText(entry: string): string {
  return extractFile(app.asar, entry).toString('utf8')
}

/** A bare import/require specifier's package name (`@scope/name` or `name`). */
function packageName(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string)
}

/**
 * Copies the sample tree with `node <cli> --verify --json SRC DEST` and checks every byte arrived. `--verify` makes
 * the workers hash with hash-wasm, so its wasm (embedded as base64) is instantiated from the layout under test too.
 */
async function expectCliCopies(cli: string, label: string): Promise<void> {
  const src = join(work, `${label}-src`)
  const dest = join(work, `${label}-dest`)
  await writeSampleTree(src)
  const run = await runNodeScript(cli, ['--verify', '--json', src, dest], work)
  expect(run.stderr, `stderr of ${cli}`).toBe('')
  expect(run.code).toBe(0)
  const events = run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; summary?: { filesDone: number; filesFailed: number } })
  const want = await hashTree(src)
  const files = [...want.values()].filter((hash) => hash !== 'dir').length
  expect(events.at(-1)).toMatchObject({ type: 'summary', summary: { filesDone: files, filesFailed: 0 } })
  // DEST did not exist, so (as with `cp -r`) it becomes the copy of SRC.
  expect(await hashTree(dest)).toEqual(want)
}

describe('the built bundle in out/', () => {
  it('copies and verifies a tree with `node out/main/cli.js`, as the `ferry` bin runs it', async () => {
    await expectCliCopies(join(ROOT, 'out', 'main', 'cli.js'), 'out')
  }, 90_000)
})

describe('app.asar laid out by electron-builder', () => {
  it('holds the main, preload and renderer bundles and package.json, and no sources, tests or source maps', () => {
    const required = ['package.json', 'out/main/index.js', 'out/main/cli.js', 'out/preload/index.cjs']
    required.push('out/renderer/index.html')
    expect(required.filter((entry) => !archived.has(entry))).toEqual([])
    expect([...archived].some((p) => p.startsWith('out/renderer/assets/') && p.endsWith('.js'))).toBe(true)
    const strays = [...archived].filter(
      (p) =>
        /^(src|tests|scripts|build|bench|\.github)\//.test(p) || (p.startsWith('out/') && p.endsWith('.map')),
    )
    expect(strays).toEqual([])
  })

  it('holds every copy-worker bundle that the main bundles point piscina at (`?modulePath`)', () => {
    const targets: string[] = []
    for (const bundle of archivedBundles()) {
      const code = archivedText(bundle)
      for (const match of code.matchAll(/import\.meta\.dirname,\s*"([^"]+\.js)"/g)) {
        targets.push(posix.normalize(posix.join(posix.dirname(bundle), match[1] as string)))
      }
    }
    // The engine resolves its worker this way; no target means the worker stopped being a separate bundle.
    expect(targets.length).toBeGreaterThan(0)
    expect(targets.filter((target) => !archived.has(target))).toEqual([])
    for (const target of targets) {
      const code = archivedText(target)
      expect(code, `${target} exports piscina's task function`).toMatch(/export\s*\{[^}]*\bas default\b/)
    }
  })

  it("holds every package the bundles import, piscina's own worker script, and no dev-only package", async () => {
    const imported = new Set<string>()
    for (const bundle of archivedBundles()) {
      const code = archivedText(bundle)
      const specifiers = [
        // A specifier starts with a package name: not `.`/`/` (our chunks) and not `$` (a template in a message).
        ...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)["']([^"'./$\s,][^"'\s,]*)["']/g),
      ]
      for (const [, specifier] of specifiers) {
        if (!isBuiltin(specifier as string) && specifier !== 'electron')
          imported.add(packageName(specifier as string))
      }
    }
    expect(imported).toContain('piscina')
    expect(imported).toContain('hash-wasm')
    const missing = [...imported].filter((name) => !archived.has(`node_modules/${name}/package.json`))
    expect(missing).toEqual([])
    // piscina starts each thread on this file (resolved next to its own index.js), then loads our worker bundle.
    expect(archived).toContain('node_modules/piscina/dist/worker.js')

    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
      devDependencies: Record<string, string>
    }
    const devOnly = Object.keys(pkg.devDependencies).filter((name) => !(name in pkg.dependencies))
    const shipped = devOnly.filter((name) => archived.has(`node_modules/${name}/package.json`))
    expect(shipped).toEqual([])
  })

  it('unpacks native addons (asarUnpack) beside the archive and keeps the bundles packed', () => {
    const addons = [...archived].filter((p) => p.endsWith('.node'))
    // piscina's optional @napi-rs/nice is the one native addon; npm installs it where a prebuilt binary exists.
    const niceInstalled = existsSync(join(ROOT, 'node_modules', '@napi-rs', 'nice', 'package.json'))
    if (niceInstalled) expect(addons.length).toBeGreaterThan(0)
    for (const addon of addons) {
      expect(statFile(app.asar, addon), addon).toMatchObject({ unpacked: true })
      expect(existsSync(join(app.unpacked, addon)), `${addon} on disk in app.asar.unpacked`).toBe(true)
    }
    for (const bundle of archivedBundles()) {
      expect(statFile(app.asar, bundle), bundle).not.toMatchObject({ unpacked: true })
    }
  })

  it('is where the CI smoke script (scripts/packaged-smoke.ts) looks for the executable and resources', async () => {
    const { name } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { name: string }
    const expected = packagedAppPaths(app.output, 'linux', process.arch, {
      productName: 'Ferry',
      packageName: name,
    })
    expect(expected.resources).toBe(app.resources)
    expect(existsSync(expected.executable), expected.executable).toBe(true)
  })

  it('copies and verifies a tree with the CLI run from the extracted archive, resolving packages only from it', async () => {
    const extracted = join(work, 'extracted-app')
    extractAll(app.asar, extracted)
    // Node would fall back to a node_modules above the extraction folder and hide a package missing from the
    // archive: make sure there is none.
    for (let dir = dirname(extracted); ; dir = dirname(dir)) {
      expect(existsSync(join(dir, 'node_modules')), `${dir}/node_modules must not exist`).toBe(false)
      if (dir === parse(dir).root) break
    }
    await expectCliCopies(join(extracted, 'out', 'main', 'cli.js'), 'asar')
  }, 120_000)

  it('unpacks the native core and the CLI run from the layout loads it from there and copies with it', async ({
    skip,
  }) => {
    if (noNative) skip(noNative)
    expect(archived).toContain(NATIVE_ENTRY)
    expect(statFile(app.asar, NATIVE_ENTRY)).toMatchObject({ unpacked: true })
    expect(existsSync(join(app.unpacked, NATIVE_ENTRY)), 'in app.asar.unpacked').toBe(true)

    const extracted = join(work, 'extracted-native')
    extractAll(app.asar, extracted)
    const cli = join(extracted, 'out', 'main', 'cli.js')
    // Unset FERRY_CORE: the layout must find the core by itself (a parent's FERRY_CORE=js would hide that).
    const env = { ...process.env, FERRY_CORE: '' }
    const version = await runNodeScript(cli, ['--version'], work, 45_000, env)
    expect(version.code).toBe(0)
    expect(version.stdout).toMatch(/copy core: native \(native core found at .*extracted-native/)

    // Without --verify (verification hashes on the JS core): a nanosecond mtime survives only the native core.
    const src = join(work, 'native-src')
    const dest = join(work, 'native-dest')
    await writeSampleTree(src)
    const files = [...(await hashTree(src)).entries()].filter(([, hash]) => hash !== 'dir')
    const stamped = join(src, files[0]?.[0] ?? '')
    utimesSync(stamped, 1_600_000_000, 1_700_000_000.123456)
    const run = await runNodeScript(cli, ['--json', src, dest], work, 45_000, env)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; runtime?: { core: string } })
    expect(events.find((event) => event.type === 'started')).toMatchObject({ runtime: { core: 'native' } })
    expect(await hashTree(dest)).toEqual(await hashTree(src))
    const copied = join(dest, files[0]?.[0] ?? '')
    expect(lstatSync(copied, { bigint: true }).mtimeNs).toBe(lstatSync(stamped, { bigint: true }).mtimeNs)
  }, 120_000)
})
