import { PNG } from 'pngjs'
import type { QrMatrix } from '../receipts/qr'

/** A 1-bit image: `width` is a multiple of 8, rows packed MSB-first, a set bit is a black dot. */
export interface MonoBitmap {
  width: number
  height: number
  data: Uint8Array
}

/** A white bitmap. */
export function blankBitmap(width: number, height: number): MonoBitmap {
  const w = Math.ceil(width / 8) * 8
  return { width: w, height, data: new Uint8Array((w / 8) * height) }
}

/** Sets one dot black. */
export function setDot(bmp: MonoBitmap, x: number, y: number): void {
  if (x < 0 || y < 0 || x >= bmp.width || y >= bmp.height) return
  const i = y * (bmp.width >> 3) + (x >> 3)
  bmp.data[i] = (bmp.data[i] ?? 0) | (0x80 >> (x & 7))
}

/**
 * The QR symbol as dots, centred in a bitmap as wide as the paper so it prints centred whatever
 * the printer does with ESC a for images. Module size fits ~40 mm on an 80 mm roll.
 */
export function qrBitmap(matrix: QrMatrix, paperDots: number): MonoBitmap {
  const quiet = 4
  const target = Math.floor(paperDots * 0.55)
  const moduleDots = Math.max(2, Math.min(8, Math.floor(target / (matrix.size + quiet * 2))))
  const side = matrix.size * moduleDots
  const bmp = blankBitmap(paperDots, side + quiet * 2 * moduleDots)
  const left = Math.floor((bmp.width - side) / 2)
  const top = quiet * moduleDots
  for (let r = 0; r < matrix.size; r++) {
    for (let c = 0; c < matrix.size; c++) {
      if (!matrix.modules[r * matrix.size + c]) continue
      for (let dy = 0; dy < moduleDots; dy++) {
        for (let dx = 0; dx < moduleDots; dx++)
          setDot(bmp, left + c * moduleDots + dx, top + r * moduleDots + dy)
      }
    }
  }
  return bmp
}

// Rows per GS v 0 command. Some firmware reads only the low byte of the height and prints the
// rest as text, and small printers have small buffers: send tall images in bands.
const BAND_ROWS = 128

/** `GS v 0` raster commands printing the bitmap at normal density. */
export function rasterCommands(bmp: MonoBitmap): Uint8Array {
  const bytesPerRow = bmp.width >> 3
  const parts: number[] = []
  for (let top = 0; top < bmp.height; top += BAND_ROWS) {
    const rows = Math.min(BAND_ROWS, bmp.height - top)
    parts.push(0x1d, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8)
    const band = bmp.data.subarray(top * bytesPerRow, (top + rows) * bytesPerRow)
    for (const b of band) parts.push(b)
  }
  return Uint8Array.from(parts)
}

/**
 * A signature drawn at the counter (a PNG, from signature_pad) as dots, half the paper wide with
 * its proportions kept. Decoded with pngjs (plain Node has no image decoder). Each dot is black
 * when any pixel of the area it stands for is dark: a pen stroke is thinner than the shrink
 * factor, and sampling one pixel per dot would lose it.
 */
export function signatureBitmap(png: Buffer, paperDots: number): MonoBitmap {
  const image = PNG.sync.read(png)
  const width = Math.floor(paperDots / 2 / 8) * 8
  const height = Math.max(1, Math.round((image.height * width) / image.width))
  const bmp = blankBitmap(width, height)
  const dark = (x: number, y: number) => {
    const i = (y * image.width + x) * 4
    const [r, g, b, a] = [
      image.data[i]!,
      image.data[i + 1]!,
      image.data[i + 2]!,
      image.data[i + 3]!,
    ]
    return a > 127 && r * 0.299 + g * 0.587 + b * 0.114 < 128
  }
  for (let ty = 0; ty < height; ty++) {
    const y0 = Math.floor((ty * image.height) / height)
    const y1 = Math.max(y0 + 1, Math.floor(((ty + 1) * image.height) / height))
    for (let tx = 0; tx < width; tx++) {
      const x0 = Math.floor((tx * image.width) / width)
      const x1 = Math.max(x0 + 1, Math.floor(((tx + 1) * image.width) / width))
      search: for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          if (dark(x, y)) {
            setDot(bmp, tx, ty)
            break search
          }
        }
      }
    }
  }
  return bmp
}
