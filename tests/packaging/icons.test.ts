import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SOURCE, generateIcons, PNG_SIZES, type GeneratedIcons } from '../../scripts/icons'
import { decodeRgba, isPng, pngHeader, readIcns, readIco } from './image-formats'

let work: string
let icons: GeneratedIcons

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ferry-icons-'))
  icons = await generateIcons(DEFAULT_SOURCE, join(work, 'generated'))
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

/** Alpha of the pixel at (x, y). */
const alphaAt = (image: ReturnType<typeof decodeRgba>, x: number, y: number): number =>
  image.pixels[(y * image.width + x) * 4 + 3]!

describe('npm run icons (scripts/icons.ts)', () => {
  it('writes one RGBA PNG per size, named NxN.png as electron-builder expects for Linux', async () => {
    expect((await readdir(icons.pngDir)).sort()).toEqual(PNG_SIZES.map((s) => `${s}x${s}.png`).sort())
    for (const size of PNG_SIZES) {
      const header = pngHeader(await readFile(join(icons.pngDir, `${size}x${size}.png`)))
      expect(header, `${size}px`).toMatchObject({ width: size, height: size, bitDepth: 8, colorType: 6 })
    }
  })

  it('draws the mark on a tile with a transparent margin (not a blank or full-bleed square)', async () => {
    const image = decodeRgba(await readFile(icons.png))
    expect([image.width, image.height]).toEqual([1024, 1024])
    // Apple's grid: the tile spans 100..924, so the corners and the margin are see-through, the middle is opaque.
    expect(alphaAt(image, 0, 0)).toBe(0)
    expect(alphaAt(image, 50, 512)).toBe(0)
    expect(alphaAt(image, 512, 512)).toBe(255)
    expect(alphaAt(image, 150, 512)).toBe(255)
    // The mark has more than one colour: the tile alone would be a vertical gradient, same across a row.
    const row = 470 * 1024 * 4
    expect(image.pixels.subarray(row + 150 * 4, row + 151 * 4)).not.toEqual(
      image.pixels.subarray(row + 512 * 4, row + 513 * 4),
    )
  })

  it('writes a Windows ICO with 16–256 px images whose bytes match their directory entries', async () => {
    const images = readIco(await readFile(icons.ico))
    const sizes = images.map((i) => i.width)
    for (const size of [16, 24, 32, 48, 64, 128, 256]) expect(sizes).toContain(size)
    for (const image of images) {
      if (isPng(image.data)) {
        expect(pngHeader(image.data), `${image.width}px`).toMatchObject({
          width: image.width,
          height: image.height,
        })
      } else {
        // BITMAPINFOHEADER: 40 bytes, width, then height doubled (colour rows + AND-mask rows), 32 bpp.
        expect(image.data.readUInt32LE(0)).toBe(40)
        expect(image.data.readInt32LE(4)).toBe(image.width)
        expect(image.data.readInt32LE(8)).toBe(image.height * 2)
        expect(image.data.readUInt16LE(14)).toBe(32)
      }
    }
    // The 256 px image must be PNG: it is what Explorer shows at large sizes, and BMP there bloats the exe.
    expect(isPng(images.find((i) => i.width === 256)!.data)).toBe(true)
  })

  it('writes a macOS ICNS with every size from 16 to 1024 px, retina variants included', async () => {
    const chunks = readIcns(await readFile(icons.icns))
    // Apple's PNG-bearing types and the pixel size each must hold.
    const expected: Record<string, number> = {
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
    }
    for (const [type, size] of Object.entries(expected)) {
      const chunk = chunks.find((c) => c.type === type)
      expect(chunk, type).toBeDefined()
      expect(pngHeader(chunk!.data), type).toMatchObject({ width: size, height: size })
    }
    // 16 and 32 px for older macOS: packed RGB plus an 8-bit mask of width × height bytes.
    expect(chunks.find((c) => c.type === 's8mk')?.data.length).toBe(16 * 16)
    expect(chunks.find((c) => c.type === 'l8mk')?.data.length).toBe(32 * 32)
    expect(chunks.map((c) => c.type)).toEqual(expect.arrayContaining(['is32', 'il32']))
  })

  it('refuses a source that is not square instead of writing distorted icons', async () => {
    const source = join(work, 'wide.svg')
    await writeFile(
      source,
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100"/></svg>',
    )
    await expect(generateIcons(source, join(work, 'wide'))).rejects.toThrow(/square/)
  })
})
