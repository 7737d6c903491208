import { Socket } from 'node:net'
import { encodeEscPos } from '../../electron/core/printing/escpos'
import { printToTcp } from '../../electron/core/printing/tcp-printer'
import { buildDocument, renderHtml } from '../../electron/core/receipts'
import { realFlow } from '../electron/core/receipts/real-flow'
import { startFakePrinter } from '../electron/core/printing/support/fake-printer'

/**
 * Suite `receipts` (issue 6): building and encoding an enrollment receipt with its QR code
 * (≤ 20 ms median), against a same-run baseline that encodes the same receipt without the QR
 * block; and printing over TCP (status check + write) against a bare socket write of the same
 * bytes to the same local printer. The receipt is the tax invoice the core builds in a real
 * enrollment on a fresh kiosk (test/electron/core/receipts/real-flow.ts), never a hand-written one.
 */

interface Metric {
  metric: string
  value: number
  unit: string
  target: string
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

async function time(runs: number, fn: () => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await fn()
    out.push(performance.now() - t)
  }
  return out
}

const ESC = { width: '80mm', mode: 'native-qr', text: 'ascii' } as const

function rawWrite(port: number, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = new Socket()
    s.once('error', reject)
    s.connect(port, '127.0.0.1', () => s.end(bytes, () => (s.destroy(), resolve())))
  })
}

/** Runs the suite. */
export async function run(): Promise<Metric[]> {
  const flow = await realFlow()
  const enrollment = flow.docs['tax-invoice']
  await flow.cleanup()
  const full = async () =>
    encodeEscPos(buildDocument('tax-invoice', enrollment, { lang: 'en' }), ESC)
  const textOnly = async () => {
    const doc = buildDocument('tax-invoice', enrollment, { lang: 'en' })
    return encodeEscPos({ ...doc, blocks: doc.blocks.filter((b) => b.type !== 'qr') }, ESC)
  }
  const rasterQr = async () =>
    encodeEscPos(buildDocument('tax-invoice', enrollment, { lang: 'en' }), {
      ...ESC,
      mode: 'raster-qr',
    })
  const html = () =>
    renderHtml(buildDocument('tax-invoice', enrollment, { lang: 'en' }), { paper: 'a4' })

  await time(30, full) // warm the JIT and the encoder's code-page tables
  await time(30, textOnly)
  // Interleaved, so drift (GC, a neighbour's load) hits both sides of the ratio alike.
  const fullRuns: number[] = []
  const textRuns: number[] = []
  for (let i = 0; i < 200; i++) {
    fullRuns.push(...(await time(1, full)))
    textRuns.push(...(await time(1, textOnly)))
  }
  const fullMs = median(fullRuns)
  const textMs = median(textRuns)
  const rasterMs = median(await time(100, rasterQr))
  const htmlMs = median(await time(200, html))

  const printer = await startFakePrinter()
  const bytes = await full()
  try {
    await time(10, () => printToTcp({ host: '127.0.0.1', port: printer.port }, bytes))
    const printMs = median(
      await time(50, () => printToTcp({ host: '127.0.0.1', port: printer.port }, bytes)),
    )
    const rawMs = median(await time(50, () => rawWrite(printer.port, bytes)))
    return [
      { metric: 'receipt.enrollment.build_encode_ms', value: fullMs, unit: 'ms', target: '<= 20' },
      {
        metric: 'receipt.enrollment.text_only_encode_ms',
        value: textMs,
        unit: 'ms',
        target: 'baseline',
      },
      {
        metric: 'receipt.enrollment.qr_vs_text_only_ratio',
        value: fullMs / textMs,
        unit: 'x',
        target: '<= 1.5',
      },
      {
        metric: 'receipt.enrollment.raster_qr_build_encode_ms',
        value: rasterMs,
        unit: 'ms',
        target: '<= 20',
      },
      { metric: 'receipt.enrollment.html_render_ms', value: htmlMs, unit: 'ms', target: '<= 20' },
      { metric: 'receipt.print.tcp_ms', value: printMs, unit: 'ms', target: 'info' },
      { metric: 'receipt.print.raw_socket_ms', value: rawMs, unit: 'ms', target: 'baseline' },
      {
        metric: 'receipt.print.tcp_vs_raw_socket_ratio',
        value: printMs / rawMs,
        unit: 'x',
        target: '<= 3',
      },
    ]
  } finally {
    await printer.close()
  }
}
