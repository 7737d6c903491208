import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type * as CanvasModule from '@napi-rs/canvas'
import { KioskError } from '../../../shared/errors'
import { blankBitmap, setDot, type MonoBitmap } from './raster'
import type { RasterCell, RasterRequest, TextRasteriser } from './text-rasteriser'

// Issue 14 item 8: a name typed in Devanagari must print as itself on the thermal slip, never as
// `?????`. The text is drawn with @napi-rs/canvas (Skia with HarfBuzz shaping, shipped prebuilt in
// the npm package: no compiler, no system fonts) in Noto Sans Devanagari from @fontsource (Latin
// and Devanagari subsets, regular and bold), then thresholded to the printer's 1-bit dots.

type Canvas = typeof CanvasModule

/** Font A of an ESC/POS printer is 24 dots high: drawn text matches it. */
const FONT_DOTS = 24
/** Devanagari stacks vowel signs above and below the line: room for them. */
const LINE_DOTS = 36
const FAMILY = 'KioskLatin, KioskDevanagari'

const FONT_FILES: Array<[subset: 'latin' | 'devanagari', weight: 400 | 700]> = [
  ['latin', 400],
  ['latin', 700],
  ['devanagari', 400],
  ['devanagari', 700],
]

/** Loads the canvas library and registers the fonts, once. */
async function loadCanvas(): Promise<Canvas> {
  const canvas = await import('@napi-rs/canvas')
  const require = createRequire(import.meta.url)
  for (const [subset, weight] of FONT_FILES) {
    const file = require.resolve(
      `@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-${subset}-${weight}-normal.woff2`,
    )
    // Read through Node's fs (Electron's reaches inside the app archive; Skia's would not).
    const family = subset === 'latin' ? 'KioskLatin' : 'KioskDevanagari'
    if (!canvas.GlobalFonts.register(readFileSync(file), family)) {
      throw new Error(`font not registered: ${file}`)
    }
  }
  return canvas
}

type Ctx = ReturnType<ReturnType<Canvas['createCanvas']>['getContext']>

/** Greedy word wrap of a cell's text to its width in dots. */
function wrapCell(ctx: Ctx, text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word
    if (line && ctx.measureText(next).width > width) {
      lines.push(line)
      line = word
    } else line = next
  }
  return [...lines, line]
}

function drawCell(ctx: Ctx, cell: RasterCell, lines: string[], lineDots: number, fontDots: number) {
  lines.forEach((line, i) => {
    const w = ctx.measureText(line).width
    const x =
      cell.align === 'right'
        ? cell.x + cell.width - w
        : cell.align === 'center'
          ? cell.x + (cell.width - w) / 2
          : cell.x
    ctx.fillText(line, Math.max(cell.x, x), i * lineDots + Math.round(fontDots * 1.05))
  })
}

/** The canvas's pixels as printer dots: dark enough = a black dot (inverted for banners). */
function toBitmap(data: Uint8ClampedArray, width: number, height: number, inverted: boolean) {
  const bmp: MonoBitmap = blankBitmap(width, height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dark = (data[(y * width + x) * 4] ?? 255) < 128
      if (dark !== inverted) setDot(bmp, x, y)
    }
  }
  return bmp
}

/**
 * The core's text rasteriser: each cell wrapped in its box, Latin and Devanagari shaped by Skia,
 * at the printer's Font A size (double for `scale: 2`). The library loads at the first image.
 */
export function createCanvasRasteriser(): TextRasteriser {
  let loading: Promise<Canvas> | null = null
  return async (req: RasterRequest) => {
    loading ??= loadCanvas()
    const canvas = await loading.catch((err: unknown) => {
      loading = null
      throw new KioskError(
        'PRINTER_NOT_CONFIGURED',
        `The thermal printer's text images cannot be drawn here: ${(err as Error).message}`,
      )
    })
    const fontDots = FONT_DOTS * req.scale
    const lineDots = LINE_DOTS * req.scale
    const font = `${req.bold ? 'bold ' : ''}${fontDots}px ${FAMILY}`
    const measure = canvas.createCanvas(8, 8).getContext('2d')
    measure.font = font
    const wrapped = req.cells.map((cell) => wrapCell(measure, cell.text, cell.width))
    const height = Math.max(1, ...wrapped.map((l) => l.length)) * lineDots
    const width = Math.ceil(req.widthDots / 8) * 8
    const c = canvas.createCanvas(width, height)
    const ctx = c.getContext('2d')
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, width, height)
    ctx.fillStyle = '#000'
    ctx.font = font
    req.cells.forEach((cell, i) => drawCell(ctx, cell, wrapped[i] ?? [], lineDots, fontDots))
    return toBitmap(ctx.getImageData(0, 0, width, height).data, width, height, req.inverted)
  }
}
