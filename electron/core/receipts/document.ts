import type { DocumentKind } from './model'

/**
 * The neutral document both outputs render: a thermal printer (ESC/POS) and a page (HTML/PDF).
 * Blocks say what a line *is*, not how it looks, so each output lays it out for its medium.
 */

export type Lang = 'en' | 'hi'
export type Align = 'left' | 'center' | 'right'

/** A title line: level 1 is the store name, level 2 the document's name, level 3 a section. */
export interface HeadingBlock {
  type: 'heading'
  level: 1 | 2 | 3
  text: string
}

export interface TextBlock {
  type: 'text'
  text: string
  align?: Align
  bold?: boolean
  /** `small` is for fine print (terms) where the medium has a smaller face. */
  size?: 'small' | 'normal' | 'large'
}

/** A label and its value on one row (value right-aligned on a receipt). */
export interface KeyValueBlock {
  type: 'kv'
  label: string
  value: string
  /** Totals and the amounts a customer checks. */
  emphasis?: boolean
}

export interface TableBlock {
  type: 'table'
  columns: Array<{ header: string; align: Align; /** share of the width */ weight: number }>
  rows: string[][]
}

export interface SeparatorBlock {
  type: 'separator'
  style: 'single' | 'double'
}

export interface QrBlock {
  type: 'qr'
  payload: string
  caption?: string
}

/** A banner nobody can miss: DUPLICATE, TRAINING. */
export interface NoticeBlock {
  type: 'notice'
  text: string
}

export interface ListBlock {
  type: 'list'
  items: string[]
}

/** A signature drawn at the counter, printed small (an image on HTML, a raster on thermal). */
export interface SignatureBlock {
  type: 'signature'
  /** PNG, base64. */
  pngBase64: string
  caption: string
}

export type Block =
  | SignatureBlock
  | HeadingBlock
  | TextBlock
  | KeyValueBlock
  | TableBlock
  | SeparatorBlock
  | QrBlock
  | NoticeBlock
  | ListBlock

/** Which copy this is: 1 is the original, every later one is a DUPLICATE. */
export interface CopyInfo {
  number: number
}

export interface ReceiptDocument {
  /** `test-page` is the printer check of Settings → Printers, built from blocks directly. */
  kind: DocumentKind | 'test-page'
  lang: Lang
  /** Document name in its language ("Tax invoice", …); used for the HTML title. */
  title: string
  /** Number printed on the document (invoice, credit note, …), for file names. */
  reference: string
  copy: CopyInfo
  training: boolean
  blocks: Block[]
}
