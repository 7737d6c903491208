import { writeFileSync } from 'node:fs'
import bwipjs from 'bwip-js/node'
import QRCode from 'qrcode'

// A fake webcam for Chromium: `--use-file-for-fake-video-capture=<file.y4m>` plays a YUV4MPEG2 file
// in a loop as the camera (docs/testing.md#chromium). These helpers draw a QR code as a receipt
// held up to the camera — black modules on white paper with a quiet zone, on a darker background —
// and write it as 4:2:0 frames (luma per pixel, neutral chroma 128: a grey-scale picture).

export interface LumaImage {
  width: number
  height: number
  /** One byte per pixel, 0 = black, 255 = white. */
  luma: Uint8Array
}

/**
 * A `width`×`height` picture of the QR code of `text` (error correction M, like the receipts),
 * centred on a white card with a 4-module quiet zone; the QR code fills about `fill` of the
 * picture's height.
 */
export function qrPicture(
  text: string,
  options: { width?: number; height?: number; fill?: number; background?: number } = {},
): LumaImage {
  const width = options.width ?? 640
  const height = options.height ?? 480
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const size = qr.modules.size
  const quiet = 4
  const modulePx = Math.max(2, Math.floor((height * (options.fill ?? 0.6)) / size))
  const card = (size + 2 * quiet) * modulePx
  if (card > Math.min(width, height)) throw new Error(`QR code of ${text} does not fit`)
  const left = Math.floor((width - card) / 2)
  const top = Math.floor((height - card) / 2)
  const luma = new Uint8Array(width * height).fill(options.background ?? 70)
  for (let y = 0; y < card; y++) {
    for (let x = 0; x < card; x++) {
      const mx = Math.floor(x / modulePx) - quiet
      const my = Math.floor(y / modulePx) - quiet
      const dark = mx >= 0 && my >= 0 && mx < size && my < size && qr.modules.get(my, mx)
      luma[(top + y) * width + left + x] = dark ? 20 : 235
    }
  }
  return { width, height, luma }
}

/**
 * A `width`×`height` picture of the Code 128 bar code of `text` — as on a phone box's IMEI label:
 * black bars on a white label band across the picture (at least a 10-module quiet zone each
 * side), on a darker background above and below. The bars come from bwip-js (its `raw`
 * encoding: bar and space widths in modules, bar first).
 */
export function code128Picture(
  text: string,
  options: { width?: number; height?: number; modulePx?: number; background?: number } = {},
): LumaImage {
  const width = options.width ?? 640
  const height = options.height ?? 480
  const [symbol] = bwipjs.raw('code128', text, {}) as { sbs: number[] }[]
  if (!symbol?.sbs) throw new Error(`no Code 128 for ${text}`)
  const modules = symbol.sbs.reduce((a, b) => a + b, 0)
  const modulePx = options.modulePx ?? Math.floor((width * 0.8) / modules)
  if (modulePx < 1 || (modules + 20) * modulePx > width)
    throw new Error(`Code 128 of ${text} does not fit`)
  const labelH = Math.floor(height * 0.45)
  const top = Math.floor((height - labelH) / 2)
  const luma = new Uint8Array(width * height).fill(options.background ?? 70)
  const row = new Uint8Array(width).fill(235)
  let x = Math.floor((width - modules * modulePx) / 2)
  symbol.sbs.forEach((w, i) => {
    if (i % 2 === 0) row.fill(20, x, x + w * modulePx) // even entries are bars
    x += w * modulePx
  })
  for (let y = 0; y < labelH; y++) luma.set(row, (top + y) * width)
  return { width, height, luma }
}

/** A plain picture (no QR code): what the camera sees before anything is held up. */
export function blankPicture(width = 640, height = 480, level = 70): LumaImage {
  return { width, height, luma: new Uint8Array(width * height).fill(level) }
}

/**
 * Writes `frames` as a YUV4MPEG2 file (C420, progressive, square pixels) at `fps` frames a
 * second. Every frame must have the same even width and height.
 */
export function writeY4m(path: string, frames: LumaImage[], fps = 10): void {
  const first = frames[0]
  if (!first) throw new Error('writeY4m needs at least one frame')
  const { width, height } = first
  if (width % 2 || height % 2) throw new Error('4:2:0 needs an even width and height')
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128) // U then V, neutral
  const parts: Buffer[] = [
    Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`, 'ascii'),
  ]
  for (const frame of frames) {
    if (frame.width !== width || frame.height !== height) throw new Error('frame size differs')
    parts.push(Buffer.from('FRAME\n', 'ascii'), Buffer.from(frame.luma), chroma)
  }
  writeFileSync(path, Buffer.concat(parts))
}

/** The Chromium flags that make `file` the webcam and grant the camera without a prompt. */
export function fakeCameraArgs(file: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${file}`,
  ]
}
