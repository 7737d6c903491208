import type { Block, ReceiptDocument } from '../../../../electron/core/receipts/document'

/** Every string a document prints, joined, with no-break spaces as plain spaces. */
export function allText(doc: ReceiptDocument): string {
  const parts: string[] = []
  for (const b of doc.blocks) {
    if (b.type === 'kv') parts.push(b.label, b.value)
    else if (b.type === 'table') parts.push(...b.columns.map((c) => c.header), ...b.rows.flat())
    else if (b.type === 'list') parts.push(...b.items)
    else if (b.type === 'qr') parts.push(b.payload, b.caption ?? '')
    else if (b.type === 'signature') parts.push(b.caption)
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

/** The text of a document as the core builds it from its stored records (the preview's page). */
export async function builtText(
  tc: { ok: (channel: string, request: unknown, session?: string) => Promise<unknown> },
  kind: string,
  ref: string,
  opts: { lang?: 'en' | 'hi'; paper?: '80mm' | 'a4'; session?: string } = {},
): Promise<string> {
  const res = (await tc.ok(
    'receipts.preview',
    { kind, ref, lang: opts.lang ?? 'en', paper: opts.paper ?? '80mm' },
    opts.session,
  )) as { html: string }
  const body = res.html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<head[\s\S]*?<\/head>/, '')
  return body
    .replace(/<br\s*\/?>|<\/(div|p|tr|td|th|li|h\d|dt|dd|span)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
}

/** The printed value after `label` in a built document's text (its next line). */
export function valueAfter(text: string, label: string): string {
  const lines = text.split('\n').map((l) => l.trim())
  const i = lines.findIndex((l) => l.startsWith(label))
  if (i < 0) throw new Error(`no ${label} in:\n${text}`)
  const rest = lines[i]!.slice(label.length).trim()
  return rest || lines[i + 1]!
}
