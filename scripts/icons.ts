/**
 * Generates every app icon from the one source, `build/icon.svg`: the PNG sizes Linux wants, a Windows ICO and a
 * macOS ICNS. Run with `npm run icons`; `npm run dist` runs it first. Outputs are build products (gitignored).
 *
 *   node --import tsx scripts/icons.ts [SOURCE.svg] [OUT_DIR]
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Resvg } from '@resvg/resvg-js'
import png2icons from 'png2icons'

/** Square PNG sizes written to `<out>/png/<N>x<N>.png` (electron-builder's Linux icon-folder naming). */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const

/** Paths of the files {@link generateIcons} wrote. */
export interface GeneratedIcons {
  /** Folder of `<N>x<N>.png` files: `linux.icon` in electron-builder.yml. */
  pngDir: string
  pngs: Array<{ size: number; path: string }>
  /** 1024 px PNG: the master the ICO and ICNS are scaled from, and a window icon for Linux. */
  png: string
  /** Windows ICO with 16–256 px images (BMP below 64 px, PNG above, the layout rcedit embeds in an exe). */
  ico: string
  /** macOS ICNS with 16–1024 px images, including the @2x (retina) variants. */
  icns: string
}

const ROOT = resolve(import.meta.dirname, '..')
/** Default source and output, as electron-builder.yml expects them. */
export const DEFAULT_SOURCE = join(ROOT, 'build', 'icon.svg')
export const DEFAULT_OUT_DIR = join(ROOT, 'build', 'icons', 'generated')

/** Renders the SVG at `size`×`size` px. The mark has no text, so system fonts are not loaded (faster, same everywhere). */
function renderPng(svg: Buffer, size: number): Buffer {
  const image = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false },
  }).render()
  if (image.width !== size || image.height !== size) {
    throw new Error(`icon source must be square: rendered ${image.width}x${image.height} for ${size}px`)
  }
  return image.asPng()
}

/**
 * Renders `source` (a square SVG) into `outDir`, replacing whatever was there. PNGs are rendered from the vector at
 * each size; the ICO and ICNS are built by png2icons from the 1024 px render (bicubic downscaling, lossless).
 * Throws if the source is not square or an encoder fails.
 */
export async function generateIcons(
  source = DEFAULT_SOURCE,
  outDir = DEFAULT_OUT_DIR,
): Promise<GeneratedIcons> {
  const svg = await readFile(source)
  // Start clean so a size dropped from PNG_SIZES cannot linger in an installer.
  await rm(outDir, { recursive: true, force: true })
  const pngDir = join(outDir, 'png')
  await mkdir(pngDir, { recursive: true })

  const pngs: GeneratedIcons['pngs'] = []
  let master: Buffer | undefined
  for (const size of PNG_SIZES) {
    const data = renderPng(svg, size)
    const path = join(pngDir, `${size}x${size}.png`)
    await writeFile(path, data)
    pngs.push({ size, path })
    if (size === 1024) master = data
  }
  if (!master) throw new Error('PNG_SIZES must include 1024: the ICO and ICNS are scaled from it')

  const png = join(outDir, 'icon.png')
  await writeFile(png, master)

  const icoData = png2icons.createICO(master, png2icons.BICUBIC, 0, false, true)
  if (!icoData) throw new Error('png2icons could not build the ICO')
  const ico = join(outDir, 'icon.ico')
  await writeFile(ico, icoData)

  const icnsData = png2icons.createICNS(master, png2icons.BICUBIC, 0)
  if (!icnsData) throw new Error('png2icons could not build the ICNS')
  const icns = join(outDir, 'icon.icns')
  await writeFile(icns, icnsData)

  return { pngDir, pngs, png, ico, icns }
}

async function main(argv: string[]): Promise<void> {
  const [source, outDir] = argv.map((arg) => resolve(arg))
  const icons = await generateIcons(source, outDir)
  const show = (path: string): string => relative(process.cwd(), path) || path
  console.log(
    `icons: ${icons.pngs.length} PNGs in ${show(icons.pngDir)}, ${show(icons.ico)}, ${show(icons.icns)}`,
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  })
}
