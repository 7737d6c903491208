import type { Block, ReceiptDocument } from '../../../../electron/core/receipts/document'

/** Every string a document prints, joined, with no-break spaces as plain spaces. */
export function allText(doc: ReceiptDocument): string {
  const parts: string[] = []
  for (const b of doc.blocks) {
    if (b.type === 'kv') parts.push(b.label, b.value)
    else if (b.type === 'table') parts.push(...b.columns.map((c) => c.header), ...b.rows.flat())
    else if (b.type === 'list') parts.push(...b.items)
    else if (b.type === 'qr') parts.push(b.payload, b.caption ?? '')
    else if (b.type !== 'separator') parts.push(b.text)
  }
  return parts.join('\n').replaceAll('\u00a0', ' ')
}

/** The value of the first key-value row whose label starts with `label`. */
export function kvValue(doc: ReceiptDocument, label: string): string {
  const row = doc.blocks.find(
    (b): b is Extract<Block, { type: 'kv' }> => b.type === 'kv' && b.label.startsWith(label),
  )
  if (!row) throw new Error(`no row ${label}`)
  return row.value.replaceAll('\u00a0', ' ')
}

/** Paise of a printed amount like "₹ 1,23,456.50". */
export function paiseOf(text: string): number {
  const m = /(-?)\s*₹\s?([\d,]+)(?:\.(\d{2}))?/.exec(text)
  if (!m) throw new Error(`no amount in ${text}`)
  return (m[1] ? -1 : 1) * (Number((m[2] ?? '0').replaceAll(',', '')) * 100 + Number(m[3] ?? '0'))
}
