/**
 * Smoke test of an unpacked app built by `npm run dist:dir` with the real Electron (CI runs it on each OS): runs the
 * bundled `ferry` CLI through the packaged app itself (`Ferry --cli …`: the fuses forbid ELECTRON_RUN_AS_NODE), so
 * the engine, its piscina worker threads, the native core and hash-wasm (`--verify`) all load from the archive
 * exactly where the app loads them, then checks every copied byte. On Linux it needs a display (xvfb-run).
 *
 *   node --import tsx scripts/packaged-smoke.ts [RELEASE_DIR]
 */
import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

/** The packaged app's executable and its `resources` folder (which holds app.asar). */
export interface PackagedApp {
  executable: string
  resources: string
}

/** Names electron-builder gives the app (productName, and package.json `name` for the Linux executable). */
export interface AppNames {
  productName: string
  packageName: string
}

/**
 * Where electron-builder's `--dir` output for `platform`/`arch` lives under `releaseDir`, by its naming rules
 * (`linux-unpacked`, `win-arm64-unpacked`, `mac`, `mac-arm64`, …). Does not check that the files exist.
 */
export function packagedAppPaths(
  releaseDir: string,
  platform: string,
  arch: string,
  names: AppNames,
): PackagedApp {
  const suffix = arch === 'x64' ? '' : `-${arch}`
  switch (platform) {
    case 'linux': {
      const dir = join(releaseDir, `linux${suffix}-unpacked`)
      return { executable: join(dir, names.packageName), resources: join(dir, 'resources') }
    }
    case 'win32': {
      const dir = join(releaseDir, `win${suffix}-unpacked`)
      return { executable: join(dir, `${names.productName}.exe`), resources: join(dir, 'resources') }
    }
    case 'darwin': {
      const contents = join(releaseDir, `mac${suffix}`, `${names.productName}.app`, 'Contents')
      return {
        executable: join(contents, 'MacOS', names.productName),
        resources: join(contents, 'Resources'),
      }
    }
    default:
      throw new Error(`no Ferry build for ${platform}`)
  }
}

/** Relative path → SHA-256 of every file under `root` (folders as `dir`), for comparing two trees. */
export async function hashFiles(root: string): Promise<Map<string, string>> {
  const result = new Map<string, string>()
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      const key = relative(root, path).split('\\').join('/')
      if (entry.isDirectory()) {
        result.set(key, 'dir')
        await walk(path)
      } else {
        result.set(
          key,
          createHash('sha256')
            .update(await readFile(path))
            .digest('hex'),
        )
      }
    }
  }
  await walk(root)
  return result
}

async function main(releaseDir: string): Promise<void> {
  const pkg = JSON.parse(await readFile(resolve(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
    name: string
  }
  const app = packagedAppPaths(releaseDir, process.platform, process.arch, {
    productName: 'Ferry',
    packageName: pkg.name,
  })
  const archive = join(app.resources, 'app.asar')
  if (!existsSync(app.executable))
    throw new Error(`no packaged app at ${app.executable}: run npm run dist:dir first`)

  const work = await mkdtemp(join(tmpdir(), 'ferry-smoke-'))
  try {
    const src = join(work, 'src')
    await mkdir(join(src, 'nested', 'deeper'), { recursive: true })
    await writeFile(join(src, 'hello.txt'), 'Ferry smoke test\n')
    await writeFile(join(src, 'nested', 'big.bin'), randomBytes(6 * 1024 * 1024 + 7))
    for (let i = 0; i < 50; i++)
      await writeFile(join(src, 'nested', 'deeper', `f${i}.bin`), randomBytes(i * 131))
    const want = await hashFiles(src)
    // A plain copy first, then a verified one (which also instantiates hash-wasm in the workers), so a failure
    // says which part broke.
    for (const flags of [[], ['--verify']]) {
      const dest = join(work, `dest${flags.join('')}`)
      const run = spawnSync(app.executable, ['--cli', ...flags, '--json', src, dest], {
        env: process.env,
        encoding: 'utf8',
        timeout: 120_000,
      })
      const label = ['ferry', ...flags].join(' ')
      if (run.status !== 0) {
        throw new Error(`${label} exited with ${run.status ?? run.signal}\n${run.stdout}\n${run.stderr}`)
      }
      const got = await hashFiles(dest)
      const wrong = [...want].filter(([path, hash]) => got.get(path) !== hash).map(([path]) => path)
      if (wrong.length > 0 || got.size !== want.size)
        throw new Error(`${label}: copy differs: ${wrong.join(', ')}`)
      console.log(
        `packaged-smoke: ${label} copied ${want.size} entries through ${app.executable} --cli (${archive})`,
      )
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(resolve(process.argv[2] ?? 'release')).catch((error: unknown) => {
    console.error(`packaged-smoke: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  })
}
