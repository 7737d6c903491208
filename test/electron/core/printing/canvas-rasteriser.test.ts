import { describe, expect, it } from 'vitest'
import { createCanvasRasteriser } from '../../../../electron/core/printing/canvas-rasteriser'
import type { MonoBitmap } from '../../../../electron/core/printing/raster'
import type { RasterRequest } from '../../../../electron/core/printing/text-rasteriser'

/**
 * Issue 14 item 8: the core draws Devanagari for the thermal printer itself (Skia via
 * @napi-rs/canvas, Noto Sans Devanagari from @fontsource): real dots, shaped, not a `?` per
 * character and not a blank.
 */
const draw = createCanvasRasteriser()
const line = (text: string, extra: Partial<RasterRequest> = {}) =>
  draw({
    widthDots: 576,
    cells: [{ text, align: 'left', x: 0, width: 576 }],
    bold: false,
    scale: 1,
    inverted: false,
    ...extra,
  }) as Promise<MonoBitmap>

const dots = (b: MonoBitmap) => b.data.reduce((n, byte) => n + popcount(byte), 0)
function popcount(byte: number): number {
  let n = 0
  for (let b = byte; b; b &= b - 1) n++
  return n
}
/** Leftmost and rightmost columns with a dot. */
function inkSpan(b: MonoBitmap): [number, number] {
  let lo = b.width
  let hi = -1
  for (let y = 0; y < b.height; y++)
    for (let x = 0; x < b.width; x++)
      if ((b.data[y * (b.width >> 3) + (x >> 3)]! & (0x80 >> (x & 7))) !== 0) {
        lo = Math.min(lo, x)
        hi = Math.max(hi, x)
      }
  return [lo, hi]
}

describe('canvas text rasteriser', () => {
  it('draws a Devanagari name as ink, unlike question marks of the same length', async () => {
    const name = await line('रवि कुमार')
    const marks = await line('???? ?????')
    expect(name.width).toBe(576)
    expect(dots(name)).toBeGreaterThan(200)
    expect(Buffer.from(name.data).equals(Buffer.from(marks.data))).toBe(false)
    // Shaped, not one box per code point: the conjunct of श्री is narrower than its 4 letters apart.
    const [a0, a1] = inkSpan(await line('श्री'))
    const [b0, b1] = inkSpan(await line('श ् र ी'))
    expect(a1 - a0).toBeLessThan(b1 - b0)
  })

  it('aligns right, wraps a long cell onto more lines, doubles for headings, inverts banners', async () => {
    const right = await draw({
      widthDots: 576,
      cells: [{ text: 'रवि', align: 'right', x: 0, width: 576 }],
      bold: false,
      scale: 1,
      inverted: false,
    })
    expect(inkSpan(right)[1]).toBeGreaterThan(540)
    const short = await line('नमस्ते')
    const long = await line('नमस्ते '.repeat(30))
    expect(long.height).toBeGreaterThan(short.height)
    expect((await line('नमस्ते', { scale: 2 })).height).toBe(short.height * 2)
    const banner = await line('प्रशिक्षण', { inverted: true })
    expect(dots(banner)).toBeGreaterThan((banner.width * banner.height) / 2)
  })
})
