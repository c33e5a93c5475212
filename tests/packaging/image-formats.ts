/**
 * Just enough of the PNG, ICO and ICNS formats to check generated icons from their bytes, independently of the
 * libraries that wrote them. PNG: https://www.w3.org/TR/png-3/ · ICO: https://learn.microsoft.com/en-us/previous-versions/ms997538(v=msdn.10)
 * · ICNS: https://en.wikipedia.org/wiki/Apple_Icon_Image_format
 */
import { inflateSync } from 'node:zlib'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** True when `data` starts with the PNG signature. */
export function isPng(data: Buffer): boolean {
  return data.length >= 8 && data.subarray(0, 8).equals(PNG_SIGNATURE)
}

/** IHDR fields of a PNG. Throws if `data` is not a PNG. */
export function pngHeader(data: Buffer): {
  width: number
  height: number
  bitDepth: number
  colorType: number
} {
  if (!isPng(data) || data.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG')
  return {
    width: data.readUInt32BE(16),
    height: data.readUInt32BE(20),
    bitDepth: data[24]!,
    colorType: data[25]!,
  }
}

/** Decodes an 8-bit RGBA, non-interlaced PNG (what resvg writes) into its pixels, 4 bytes each. */
export function decodeRgba(data: Buffer): { width: number; height: number; pixels: Buffer } {
  const { width, height, bitDepth, colorType } = pngHeader(data)
  if (bitDepth !== 8 || colorType !== 6 || data[28] !== 0) throw new Error('only 8-bit RGBA, non-interlaced')
  const idat: Buffer[] = []
  for (let at = 8; at < data.length;) {
    const length = data.readUInt32BE(at)
    if (data.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(data.subarray(at + 8, at + 8 + length))
    at += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * 4
  const pixels = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let x = 0; x < stride; x++) {
      const left = x >= 4 ? pixels[y * stride + x - 4]! : 0
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0
      const upLeft = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4]! : 0
      let predictor = 0
      if (filter === 1) predictor = left
      else if (filter === 2) predictor = up
      else if (filter === 3) predictor = (left + up) >> 1
      else if (filter === 4) {
        // Paeth: the neighbour closest to left + up - upLeft.
        const p = left + up - upLeft
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)]
        predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft
      } else if (filter !== 0) throw new Error(`bad PNG filter ${filter}`)
      pixels[y * stride + x] = (line[x]! + predictor) & 0xff
    }
  }
  return { width, height, pixels }
}

/** One image of an ICO file: its directory size and the bytes it points at. */
export interface IcoImage {
  width: number
  height: number
  data: Buffer
}

/** Reads an ICO directory. Throws if the header is wrong or an image lies outside the file. */
export function readIco(file: Buffer): IcoImage[] {
  if (file.readUInt16LE(0) !== 0 || file.readUInt16LE(2) !== 1) throw new Error('not an ICO')
  const images: IcoImage[] = []
  for (let i = 0; i < file.readUInt16LE(4); i++) {
    const entry = 6 + i * 16
    const size = file.readUInt32LE(entry + 8)
    const offset = file.readUInt32LE(entry + 12)
    if (offset + size > file.length) throw new Error(`ICO image ${i} lies outside the file`)
    // A width or height byte of 0 means 256.
    images.push({
      width: file[entry]! || 256,
      height: file[entry + 1]! || 256,
      data: file.subarray(offset, offset + size),
    })
  }
  return images
}

/** Reads the chunks of an ICNS file. Throws if a length does not add up to the file's. */
export function readIcns(file: Buffer): Array<{ type: string; data: Buffer }> {
  if (file.toString('latin1', 0, 4) !== 'icns' || file.readUInt32BE(4) !== file.length)
    throw new Error('not an ICNS')
  const chunks: Array<{ type: string; data: Buffer }> = []
  for (let at = 8; at < file.length;) {
    const length = file.readUInt32BE(at + 4)
    if (length < 8 || at + length > file.length) throw new Error(`bad ICNS chunk length at ${at}`)
    chunks.push({ type: file.toString('latin1', at, at + 4), data: file.subarray(at + 8, at + length) })
    at += length
  }
  return chunks
}
