import { afterEach, describe, expect, it } from 'vitest'
import { printToTcp } from '../../../../electron/core/printing/tcp-printer'
import { encodeEscPos } from '../../../../electron/core/printing/escpos'
import { buildDocument } from '../../../../electron/core/receipts/build'
import { realDocuments } from '../receipts/real-documents'
import { decodeEscPos } from './support/escpos-decoder'
import { closedPort, startFakePrinter, type FakePrinter } from './support/fake-printer'

// Documents the core builds in a real flow, never hand-written (issue 16 item 5).
const fx = await realDocuments()

const bytesOf = () =>
  encodeEscPos(buildDocument('tax-invoice', fx.enrollment, { lang: 'en' }), {
    width: '80mm',
    mode: 'native-qr',
    text: 'ascii',
  })

describe('printToTcp', () => {
  let printer: FakePrinter | undefined
  afterEach(async () => {
    await printer?.close()
    printer = undefined
  })

  it('checks the status, then writes the job; the printer receives the receipt', async () => {
    printer = await startFakePrinter()
    const bytes = await bytesOf()
    const received = printer.nextJob()
    const result = await printToTcp({ host: '127.0.0.1', port: printer.port }, bytes)
    expect(result.status).toMatchObject({ online: true, paperEnd: false, coverOpen: false })
    const job = await received
    expect(Buffer.compare(Buffer.from(job), Buffer.from(bytes))).toBe(0)
    const decoded = decodeEscPos(job)
    expect(decoded.qrPayloads).toEqual([fx.enrollment.planNumber])
    expect(decoded.commands.at(-1)).toMatchObject({ type: 'cut' })
  })

  it('prints anyway when the printer does not answer status requests', async () => {
    printer = await startFakePrinter('silent')
    const received = printer.nextJob()
    const result = await printToTcp({ host: '127.0.0.1', port: printer.port }, await bytesOf(), {
      statusTimeoutMs: 100,
    })
    expect(result.status).toBeNull()
    expect((await received).length).toBeGreaterThan(1000)
  })

  it('reports PRINTER_OUT_OF_PAPER from the paper sensor and sends nothing', async () => {
    // DLE EOT 4: bits 5 and 6 = roll paper end; DLE EOT 1: bit 3 = offline (paper end stops it).
    printer = await startFakePrinter({
      printer: 0x12 | 0x08,
      offlineCause: 0x12 | 0x20,
      paper: 0x12 | 0x60,
    })
    await expect(
      printToTcp({ host: '127.0.0.1', port: printer.port }, await bytesOf()),
    ).rejects.toMatchObject({
      code: 'PRINTER_OUT_OF_PAPER',
      message: expect.stringContaining('out of paper'),
    })
    await new Promise((r) => setTimeout(r, 50))
    expect(printer.jobs).toEqual([])
  })

  it('reports PRINTER_COVER_OPEN from the offline cause', async () => {
    printer = await startFakePrinter({ printer: 0x12 | 0x08, offlineCause: 0x12 | 0x04 })
    await expect(
      printToTcp({ host: '127.0.0.1', port: printer.port }, await bytesOf()),
    ).rejects.toMatchObject({
      code: 'PRINTER_COVER_OPEN',
    })
  })

  it('reports PRINTER_OFFLINE when nothing listens', async () => {
    const port = await closedPort()
    await expect(printToTcp({ host: '127.0.0.1', port }, await bytesOf())).rejects.toMatchObject({
      code: 'PRINTER_OFFLINE',
      message: expect.stringContaining(`127.0.0.1:${port}`),
    })
  })
})
