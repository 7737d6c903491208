import type { Block, ReceiptDocument } from '../receipts/document'
import type { LocalDateTime } from '../receipts/model'

/** A column ruler: `1234567890` repeated, so a clerk sees where the printer wraps or clips. */
export function columnRuler(columns: number): string {
  let ruler = ''
  for (let i = 1; i <= columns; i++) ruler += String(i % 10)
  return ruler
}

/**
 * The printer check of Settings → Printers: store name, time, a QR code and a ruler as wide as a
 * receipt line (48 columns on 80 mm, 32 on 58 mm). In English and ASCII on purpose: it tests the
 * printer, not the fonts. Never counted and never queued: a failed test is just reported.
 */
export function buildTestPage(input: {
  storeName: string
  kioskCode: string
  at: LocalDateTime
  columns: number
  target: string
}): ReceiptDocument {
  const ruler = columnRuler(input.columns)
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: input.storeName },
    { type: 'heading', level: 2, text: 'Printer test' },
    { type: 'kv', label: 'Kiosk', value: input.kioskCode },
    { type: 'kv', label: 'Printed at', value: `${input.at.date} ${input.at.time}` },
    { type: 'kv', label: 'Printer', value: input.target },
    { type: 'separator', style: 'single' },
    { type: 'text', text: `Ruler (${input.columns} columns):` },
    { type: 'text', text: ruler },
    { type: 'separator', style: 'double' },
    { type: 'qr', payload: `TEST-${input.kioskCode}`, caption: 'Scan me: the QR code prints' },
    { type: 'text', text: 'If every line above is whole, the printer is ready.', align: 'center' },
  ]
  return {
    kind: 'test-page',
    lang: 'en',
    title: 'Printer test',
    reference: `test-${input.kioskCode}`,
    copy: { number: 1 },
    training: false,
    blocks,
  }
}
