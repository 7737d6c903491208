import { describe, expect, it } from 'vitest'
import { PNG } from 'pngjs'
import { createCanvasRasteriser } from '../../../../electron/core/printing/canvas-rasteriser'
import { encodeEscPos } from '../../../../electron/core/printing/escpos'
import { blankBitmap, qrBitmap, rasterCommands } from '../../../../electron/core/printing/raster'
import type { RasterRequest } from '../../../../electron/core/printing/text-rasteriser'
import { buildDocument, buildEscPos } from '../../../../electron/core/receipts'
import { qrMatrix } from '../../../../electron/core/receipts/qr'
import { realDocuments } from '../receipts/real-documents'
import { decodeEscPos } from './support/escpos-decoder'

// Documents the core builds in a real flow, never hand-written (issue 16 item 5).
const fx = await realDocuments()

const RUPEE_UTF8 = [0xe2, 0x82, 0xb9]
const containsSequence = (bytes: Uint8Array, seq: number[]) =>
  bytes.some((_, i) => seq.every((b, j) => bytes[i + j] === b))

describe('encodeEscPos', () => {
  const doc = buildDocument('tax-invoice', fx.enrollment, { lang: 'en', copy: 2 })

  it('prints the plan number as a native QR code and cuts at the end', async () => {
    const bytes = await encodeEscPos(doc, { width: '80mm', mode: 'native-qr', text: 'ascii' })
    const out = decodeEscPos(bytes)
    expect(out.qrPayloads).toEqual([fx.enrollment.planNumber])
    expect(out.commands[0]).toEqual({ type: 'initialize' })
    expect(out.commands.at(-1)).toMatchObject({ type: 'cut' })
    expect(out.rasters).toHaveLength(0)
    const text = out.lines.join('\n')
    expect(text).toContain('Total (incl. GST)                     Rs. 549.00')
    expect(text).toContain('from 05 Feb 2021 to 04 May 2021  Rs. 9,799 (70%)')
    expect(text).toContain('DUPLICATE - copy 2')
    expect(text).toContain('XXXXXX3210')
    expect(text).not.toContain(fx.FULL_MOBILE)
  })

  it('prints no ₹ and no byte above ASCII in text mode, even for a Hindi document', async () => {
    for (const lang of ['en', 'hi'] as const) {
      const bytes = await encodeEscPos(buildDocument('tax-invoice', fx.enrollment, { lang }), {
        width: '80mm',
        mode: 'native-qr',
        text: 'ascii',
        rasteriser: createCanvasRasteriser(),
      })
      expect(containsSequence(bytes, RUPEE_UTF8)).toBe(false)
      const out = decodeEscPos(bytes)
      expect(out.highBytes).toEqual([])
      // What ASCII cannot spell is drawn, not replaced by question marks (issue 14 item 8).
      expect(out.lines.join('\n')).not.toContain('?')
      if (lang === 'hi') expect(out.rasters.length).toBeGreaterThan(0)
    }
  })

  it('refuses, rather than print question marks, text ASCII cannot spell without a rasteriser', async () => {
    const hindi = buildDocument('tax-invoice', fx.enrollment, { lang: 'hi' })
    await expect(
      encodeEscPos(hindi, { width: '80mm', mode: 'native-qr', text: 'ascii' }),
    ).rejects.toMatchObject({ code: 'PRINTER_NOT_CONFIGURED' })
  })

  it('builds ASCII receipts in English whatever the customer language', async () => {
    const bytes = await buildEscPos(
      'tax-invoice',
      fx.enrollment,
      { lang: 'hi' },
      {
        width: '80mm',
        mode: 'native-qr',
        text: 'ascii',
      },
    )
    expect(decodeEscPos(bytes).lines.join('\n')).toContain('Tax invoice')
  })

  it('keeps every line within 48 columns on 80 mm and 32 on 58 mm', async () => {
    for (const [width, columns] of [
      ['80mm', 48],
      ['58mm', 32],
    ] as const) {
      for (const kind of ['tax-invoice', 'exchange-voucher', 'end-of-day'] as const) {
        const data =
          kind === 'tax-invoice'
            ? fx.enrollment
            : kind === 'exchange-voucher'
              ? fx.exchangeVoucher
              : fx.endOfDay
        const bytes = await encodeEscPos(buildDocument(kind, data as never, { lang: 'en' }), {
          width,
          mode: 'native-qr',
          text: 'ascii',
        })
        for (const line of decodeEscPos(bytes).lines)
          expect(line.length).toBeLessThanOrEqual(columns)
      }
    }
  })

  it('sends the QR code as a raster image for printers without the QR command', async () => {
    const url = `https://verify.example.in/p/${fx.enrollment.planNumber}`
    const withUrl = buildDocument(
      'tax-invoice',
      { ...fx.enrollment, qrPayload: url },
      { lang: 'en' },
    )
    const bytes = await encodeEscPos(withUrl, { width: '58mm', mode: 'raster-qr', text: 'ascii' })
    const out = decodeEscPos(bytes)
    expect(out.qrPayloads).toEqual([])
    expect(out.commands.some((c) => c.type === 'qr')).toBe(false)
    // The raster is exactly the QR of the URL, centred on the 384-dot line of a 58 mm printer.
    const expected = decodeEscPos(rasterCommands(qrBitmap(qrMatrix(url), 384))).rasters
    expect(out.rasters.map((r) => [r.widthBytes, r.height])).toEqual(
      expected.map((r) => [r.widthBytes, r.height]),
    )
    expect(out.rasters.map((r) => Buffer.from(r.data).toString('hex'))).toEqual(
      expected.map((r) => Buffer.from(r.data).toString('hex')),
    )
    expect(out.rasters[0]?.widthBytes).toBe(48)
  })

  it('kicks the cash drawer when asked', async () => {
    const bytes = await encodeEscPos(doc, {
      width: '80mm',
      mode: 'native-qr',
      text: 'ascii',
      openDrawer: true,
    })
    expect(decodeEscPos(bytes).commands.some((c) => c.type === 'pulse')).toBe(true)
  })

  it('draws ₹ and Hindi blocks through the rasteriser in unicode-raster mode', async () => {
    const requests: RasterRequest[] = []
    const rasteriser = (r: RasterRequest) => {
      requests.push(r)
      return blankBitmap(r.widthDots, 24 * r.scale)
    }
    const hi = buildDocument('tax-invoice', fx.enrollment, { lang: 'hi' })
    const bytes = await encodeEscPos(hi, {
      width: '80mm',
      mode: 'native-qr',
      text: 'unicode-raster',
      rasteriser,
    })
    const out = decodeEscPos(bytes)
    expect(requests.some((r) => r.cells.some((c) => c.text === 'टैक्स इनवॉइस'))).toBe(true)
    expect(requests.some((r) => r.cells.some((c) => c.text.includes('₹')))).toBe(true)
    expect(out.rasters).toHaveLength(requests.length)
    expect(out.qrPayloads).toEqual([fx.enrollment.planNumber])
    expect(out.highBytes).toEqual([])
    // ASCII-only blocks (GSTIN, IMEIs) stay printer text.
    expect(out.lines.join('\n')).toContain('GSTIN: 29AABCM1234A1Z3')
  })

  it('refuses unicode-raster without a rasteriser instead of printing question marks', async () => {
    const hi = buildDocument('tax-invoice', fx.enrollment, { lang: 'hi' })
    await expect(
      encodeEscPos(hi, { width: '80mm', mode: 'native-qr', text: 'unicode-raster' }),
    ).rejects.toMatchObject({
      code: 'PRINTER_NOT_CONFIGURED',
    })
  })
})

describe('the hand-over signature on the thermal voucher (issue 17)', () => {
  it('prints the drawn signature small as a raster image, with its caption', async () => {
    // A signature as the pad draws it: a dark stroke on white, 400×120.
    const png = new PNG({ width: 400, height: 120 })
    png.data.fill(255)
    for (let x = 20; x < 380; x++) {
      const y = 60 + Math.round(Math.sin(x / 25) * 40)
      for (let dy = -2; dy <= 2; dy++) {
        const i = ((y + dy) * 400 + x) * 4
        png.data[i] = png.data[i + 1] = png.data[i + 2] = 20
      }
    }
    const signaturePng = PNG.sync.write(png).toString('base64')
    const voucher = buildDocument(
      'exchange-voucher',
      {
        ...fx.exchangeVoucher,
        handover: { signaturePng, signatureSha256: 'ab'.repeat(32), customerCheck: 'otp' },
      },
      { lang: 'en', copy: 1 },
    )
    const out = decodeEscPos(
      await encodeEscPos(voucher, { width: '80mm', mode: 'native-qr', text: 'ascii' }),
    )
    expect(out.rasters).toHaveLength(1)
    const [image] = out.rasters
    // Half the 576-dot line wide, the drawing's proportions kept, and the stroke in black dots.
    expect(image!.widthBytes * 8).toBe(288)
    expect(image!.height).toBe(Math.round((120 * 288) / 400))
    const black = [...image!.data].reduce((n, b) => n + b.toString(2).replaceAll('0', '').length, 0)
    expect(black).toBeGreaterThan(288)
    expect(out.lines.join('\n')).toContain(`Customer's signature, SHA-256 ${'ab'.repeat(8)}`)
  })
})
