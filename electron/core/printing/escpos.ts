import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder'
import { KioskError } from '../../../shared/errors'
import type { Block, ReceiptDocument } from '../receipts/document'
import { qrMatrix } from '../receipts/qr'
import { isAsciiPrintable, toAscii } from './ascii-text'
import { qrBitmap, rasterCommands, signatureBitmap } from './raster'
import type { RasterCell, RasterRequest, TextRasteriser } from './text-rasteriser'
import { columnWidths, keyValueLines, listLines, pad, tableLines, wrap } from './text-layout'

/** Options of {@link encodeEscPos}. */
export interface EscPosOptions {
  /** 80 mm rolls print 48 columns of Font A; 58 mm rolls 32. */
  width: '80mm' | '58mm'
  /** `native-qr` uses the printer's QR command (GS ( k); `raster-qr` sends the QR as an image. */
  mode: 'native-qr' | 'raster-qr'
  /**
   * `ascii` prints "Rs." and plain ASCII (build the document in English for it), and draws only
   * the blocks ASCII cannot spell (a name in Devanagari) as images; `unicode-raster` prints
   * blocks with ₹ or Devanagari as images drawn by `rasteriser`.
   */
  text: 'unicode-raster' | 'ascii'
  rasteriser?: TextRasteriser
  /** Pulse the cash-drawer pin (ESC p) before printing: cash payments and refunds. */
  openDrawer?: boolean
  /** Cut after the last line (default true). */
  cut?: boolean
}

const PAPER = {
  '80mm': { columns: 48, dots: 576, qrSize: 6 },
  '58mm': { columns: 32, dots: 384, qrSize: 4 },
} as const

type Encoder = ReceiptPrinterEncoder

function texts(block: Block): string[] {
  switch (block.type) {
    case 'heading':
    case 'text':
    case 'notice':
      return [block.text]
    case 'kv':
      return [block.label, block.value]
    case 'table':
      return [...block.columns.map((c) => c.header), ...block.rows.flat()]
    case 'list':
      return block.items
    case 'qr':
      return block.caption ? [block.caption] : []
    case 'signature':
      return [block.caption]
    case 'separator':
      return []
  }
}

// No-break spaces keep dates and amounts together while wrapping; on paper they are spaces.
const out = (line: string) => line.replaceAll('\u00a0', ' ')

function lines(e: Encoder, rows: string[]): void {
  for (const row of rows) e.line(out(row))
}

function encodeTextBlock(e: Encoder, block: Block, columns: number, qrSize: number): void {
  switch (block.type) {
    case 'heading': {
      // A blank line before each section: on a long slip it is what the eye scans for.
      if (block.level === 3) e.newline()
      const big = block.level === 1
      e.align(block.level === 3 ? 'left' : 'center').bold(true)
      e.size(big ? 2 : 1, 2)
      lines(e, wrap(toAscii(block.text), big ? columns / 2 : columns))
      e.size(1, 1).bold(false).align('left')
      return
    }
    case 'text':
      e.align(block.align ?? 'left').bold(block.bold ?? false)
      if (block.size === 'large') e.size(1, 2)
      lines(e, wrap(toAscii(block.text), columns))
      e.size(1, 1).bold(false).align('left')
      return
    case 'kv':
      e.bold(block.emphasis ?? false)
      lines(e, keyValueLines(toAscii(block.label), toAscii(block.value), columns))
      e.bold(false)
      return
    case 'table': {
      e.bold(true)
      lines(e, tableLines(block.columns, [block.columns.map((c) => toAscii(c.header))], columns))
      e.bold(false)
      lines(
        e,
        tableLines(
          block.columns,
          block.rows.map((r) => r.map(toAscii)),
          columns,
        ),
      )
      return
    }
    case 'separator':
      e.line((block.style === 'double' ? '=' : '-').repeat(columns))
      return
    case 'notice':
      // Reverse video across the whole width: a banner nobody misses, on any ESC/POS printer.
      e.align('left').bold(true).invert(true).size(1, 2)
      lines(
        e,
        wrap(toAscii(block.text), columns).map((l) => pad(l, columns, 'center')),
      )
      e.size(1, 1).invert(false).bold(false)
      return
    case 'list':
      lines(e, listLines(block.items.map(toAscii), columns))
      return
    case 'qr':
      e.align('center').qrcode(block.payload, { model: 2, size: qrSize, errorlevel: 'm' })
      if (block.caption) e.line(out(toAscii(block.caption)))
      e.align('left')
      return
    // The caption under the drawing (printSignature sent the drawing itself).
    case 'signature':
      lines(e, wrap(toAscii(block.caption), columns))
      return
  }
}

/** The cells a block becomes when drawn as an image. */
function rasterRequests(block: Block, dots: number): RasterRequest[] {
  const req = (cells: RasterCell[], extra: Partial<RasterRequest> = {}): RasterRequest => ({
    widthDots: dots,
    cells,
    bold: false,
    scale: 1,
    inverted: false,
    ...extra,
  })
  const full = (text: string, align: RasterCell['align'] = 'left'): RasterCell[] => [
    { text, align, x: 0, width: dots },
  ]
  switch (block.type) {
    case 'heading':
      return [
        req(full(block.text, block.level === 3 ? 'left' : 'center'), {
          bold: true,
          scale: block.level === 1 ? 2 : 1,
        }),
      ]
    case 'text':
      return [
        req(full(block.text, block.align), {
          bold: block.bold ?? false,
          scale: block.size === 'large' ? 2 : 1,
        }),
      ]
    case 'notice':
      return [req(full(block.text, 'center'), { bold: true, inverted: true })]
    case 'kv': {
      const labelWidth = Math.floor(dots * 0.58)
      return [
        req(
          [
            { text: block.label, align: 'left', x: 0, width: labelWidth },
            { text: block.value, align: 'right', x: labelWidth + 8, width: dots - labelWidth - 8 },
          ],
          { bold: block.emphasis ?? false },
        ),
      ]
    }
    case 'table': {
      const widths = columnWidths(
        block.columns.map((c) => c.weight),
        dots,
      )
      const row = (cells: string[], bold: boolean) => {
        let x = 0
        return req(
          widths.map((w, i) => {
            const cell = {
              text: cells[i] ?? '',
              align: block.columns[i]?.align ?? 'left',
              x,
              width: w,
            }
            x += w + 1
            return cell
          }),
          { bold },
        )
      }
      return [
        row(
          block.columns.map((c) => c.header),
          true,
        ),
        ...block.rows.map((r) => row(r, false)),
      ]
    }
    case 'list':
      return block.items.map((item, i) => req(full(`${i + 1}. ${item}`)))
    case 'signature':
      return [req(full(block.caption))]
    case 'qr':
      return block.caption ? [req(full(block.caption, 'center'))] : []
    case 'separator':
      return []
  }
}

/**
 * Encodes a document as ESC/POS for a thermal printer: text in the printer's own font, the QR
 * code native or as an image, blocks the printer cannot spell drawn as images, then a cut.
 */
export async function encodeEscPos(
  doc: ReceiptDocument,
  options: EscPosOptions,
): Promise<Uint8Array> {
  const paper = PAPER[options.width]
  const e = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: paper.columns,
    newline: '\n',
    feedBeforeCut: 4,
  })
  e.initialize().codepage('cp437')
  if (options.openDrawer) e.pulse()

  for (const block of doc.blocks) {
    // The drawing first; its caption then prints as text does.
    if (block.type === 'signature') printSignature(e, block.pngBase64, paper.dots)
    // In either text mode, a block the code page cannot spell (₹ aside, which is "Rs." in ascii
    // mode) is drawn as an image: a customer's name in Devanagari never prints as `?????`.
    const needsRaster = !texts(block).every(isAsciiPrintable)
    if (needsRaster) {
      if (!options.rasteriser) {
        throw new KioskError(
          'PRINTER_NOT_CONFIGURED',
          'This receipt has text the thermal printer cannot spell (₹ or Hindi) and no text ' +
            'rasteriser is configured for it. Print it on A4.',
        )
      }
      if (block.type === 'qr') encodeQr(e, block.payload, options, paper)
      for (const request of rasterRequests(block, paper.dots)) {
        e.raw(rasterCommands(await options.rasteriser(request)))
      }
      continue
    }
    if (block.type === 'qr' && options.mode === 'raster-qr') {
      encodeQr(e, block.payload, options, paper)
      if (block.caption)
        e.align('center')
          .line(out(toAscii(block.caption)))
          .align('left')
      continue
    }
    encodeTextBlock(e, block, paper.columns, paper.qrSize)
  }
  if (options.cut ?? true) e.cut('partial')
  return e.encode()
}

function encodeQr(
  e: Encoder,
  payload: string,
  options: EscPosOptions,
  paper: (typeof PAPER)[keyof typeof PAPER],
): void {
  if (options.mode === 'native-qr') {
    e.align('center')
      .qrcode(payload, { model: 2, size: paper.qrSize, errorlevel: 'm' })
      .align('left')
  } else {
    e.raw(rasterCommands(qrBitmap(qrMatrix(payload), paper.dots)))
  }
}

/** The customer's signature as a raster image; one that cannot be decoded leaves its caption. */
function printSignature(e: Encoder, pngBase64: string, paperDots: number): void {
  let bitmap: ReturnType<typeof signatureBitmap>
  try {
    bitmap = signatureBitmap(Buffer.from(pngBase64, 'base64'), paperDots)
  } catch {
    return
  }
  e.raw(rasterCommands(bitmap))
}
