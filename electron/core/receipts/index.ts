/**
 * Receipts: plain stored data → a neutral document → HTML (preview, A4, PDF) or ESC/POS
 * (thermal). The services call this facade; the shell prints what it returns.
 */
import { encodeEscPos as encodeDocument, type EscPosOptions } from '../printing/escpos'
import { buildDocument, type BuildDocumentOptions } from './build'
import type { ReceiptDocument } from './document'
import type { DocumentDataByKind, DocumentKind } from './model'

export { buildDocument, type BuildDocumentOptions } from './build'
export type { Block, Lang, ReceiptDocument } from './document'
export { renderHtml, escapeHtml, type Paper, type RenderHtmlOptions } from './html'
export type * from './model'
export { DOCUMENT_KINDS } from './model'
export type { EscPosOptions } from '../printing/escpos'

/** Encodes a document for a thermal printer (see {@link EscPosOptions}). */
export function encodeEscPos(doc: ReceiptDocument, options: EscPosOptions): Promise<Uint8Array> {
  return encodeDocument(doc, options)
}

/**
 * Builds and encodes in one step. In `ascii` text mode the document is built in English whatever
 * the customer's language: a thermal code page cannot print Hindi, and an English slip beats
 * a line of question marks.
 */
export function buildEscPos<K extends DocumentKind>(
  kind: K,
  data: DocumentDataByKind[K],
  build: BuildDocumentOptions,
  options: EscPosOptions,
): Promise<Uint8Array> {
  const lang = options.text === 'ascii' ? 'en' : build.lang
  return encodeDocument(buildDocument(kind, data, { ...build, lang }), options)
}
