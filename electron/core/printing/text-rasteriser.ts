import type { Align } from '../receipts/document'
import type { MonoBitmap } from './raster'

/** One box of text on a rasterised line: dots from the left edge and its width in dots. */
export interface RasterCell {
  text: string
  align: Align
  x: number
  width: number
}

/** A line (or a wrapped block) of text to draw as an image for the thermal printer. */
export interface RasterRequest {
  /** Printable width of the paper in dots (576 on 80 mm, 384 on 58 mm). */
  widthDots: number
  cells: RasterCell[]
  bold: boolean
  /** 2 = headings (the printer's double size). */
  scale: 1 | 2
  /** White on black, for the DUPLICATE / TRAINING banners. */
  inverted: boolean
}

/**
 * Draws text the printer cannot (₹, Devanagari) as a 1-bit image; each cell wraps inside its
 * box. Devanagari needs real shaping (conjuncts, vowel signs placed before the consonant), so
 * this is a port: the shell implements it with a browser canvas, where the fonts and the
 * shaper live — the core has no font engine and takes no native module for one.
 */
export type TextRasteriser = (request: RasterRequest) => MonoBitmap | Promise<MonoBitmap>
