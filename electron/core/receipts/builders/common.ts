import type { Block, KeyValueBlock } from '../document'
import { maskIdNumber, maskMobile } from '../../../../shared/domain/masking'
import { placeOfSupplyText } from '../../../../shared/domain/place-of-supply'
import type { Formatter } from '../format'
import type { CustomerInfo, DeviceInfo, DocumentBase, PaymentInfo, RecipientInfo } from '../model'

/** Options every builder takes. */
export interface BuildOptions {
  /** 1 = the original; 2 and later print DUPLICATE with the copy number. */
  copy: number
}

/** A key-value row. */
export function kv(label: string, value: string, emphasis = false): KeyValueBlock {
  return emphasis ? { type: 'kv', label, value, emphasis } : { type: 'kv', label, value }
}

/**
 * The banners a copy must carry. They go at the top *and* the bottom: a thermal receipt is often
 * torn or folded, and either half alone must still say it is a duplicate or a training slip.
 */
export function copyMarks(f: Formatter, base: DocumentBase, opts: BuildOptions): Block[] {
  const marks: Block[] = []
  if (base.training) marks.push({ type: 'notice', text: f.L.training })
  if (opts.copy > 1) marks.push({ type: 'notice', text: f.L.duplicate(opts.copy) })
  return marks
}

/** Store name, address and GSTIN, then the document's name. */
export function storeHeader(f: Formatter, base: DocumentBase, titles: string[]): Block[] {
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: base.store.name },
    { type: 'text', text: base.store.address, align: 'center' },
  ]
  if (base.store.legalName) {
    blocks.push({ type: 'text', text: base.store.legalName, align: 'center' })
  }
  if (base.store.gstin) {
    blocks.push({ type: 'text', text: `GSTIN: ${base.store.gstin}`, align: 'center' })
  }
  blocks.push({ type: 'separator', style: 'double' })
  for (const [i, title] of titles.entries()) {
    blocks.push(
      i === 0
        ? { type: 'heading', level: 2, text: title }
        : { type: 'text', text: title, align: 'center', bold: true },
    )
  }
  return blocks
}

/** Customer lines with the mobile and ID masked. */
export function customerRows(f: Formatter, c: CustomerInfo): Block[] {
  const rows: Block[] = [kv(f.L.name, c.name), kv(f.L.mobile, maskMobile(c.mobile))]
  if (c.id) rows.push(kv(f.L.idKinds[c.id.kind], maskIdNumber(c.id.kind, c.id.last4)))
  return rows
}

/**
 * The registered recipient of a B2B invoice or its credit note (Rule 46(e)): legal name, GSTIN
 * and address. Nothing for a consumer.
 */
export function recipientRows(f: Formatter, r: RecipientInfo | null | undefined): Block[] {
  if (!r) return []
  return [
    section(f.L.recipientHeading),
    kv(f.L.legalName, r.legalName),
    kv(f.L.recipientGstin, r.gstin),
    kv(f.L.billingAddress, r.address),
  ]
}

/** Model, variant and one row per IMEI. */
export function deviceRows(f: Formatter, d: DeviceInfo): Block[] {
  const rows: Block[] = [kv(f.L.model, d.model), kv(f.L.variant, d.variant)]
  d.imeis.forEach((imei, i) => rows.push(kv(d.imeis.length > 1 ? `IMEI ${i + 1}` : 'IMEI', imei)))
  return rows
}

/** Payment method and its reference (none for cash). */
export function paymentRows(f: Formatter, p: PaymentInfo, label = f.L.paidBy): Block[] {
  const rows: Block[] = [kv(label, f.L.methods[p.method])]
  if (p.reference) rows.push(kv(f.L.reference, p.reference))
  return rows
}

/** Kiosk and staff, for the store's own trail. */
export function footerRows(f: Formatter, base: DocumentBase): Block[] {
  const rows: Block[] = []
  if (base.kioskCode) rows.push(kv(f.L.kiosk, base.kioskCode))
  if (base.servedBy) rows.push(kv(f.L.servedBy, base.servedBy))
  return rows
}

/** A section heading. */
export function section(text: string): Block {
  return { type: 'heading', level: 3, text }
}

/**
 * The rows Rule 46 asks of every GST document beside its figures: the place of supply as the
 * state's name and code, and whether tax is payable on reverse charge (never, for a plan fee).
 */
export function gstSupplyRows(f: Formatter, placeOfSupplyStateCode: string): Block[] {
  return [
    kv(f.L.placeOfSupply, placeOfSupplyText(placeOfSupplyStateCode)),
    kv(f.L.reverseCharge, f.L.no),
  ]
}

/** The authorised signatory's line under a GST document (Rule 46(q)), for the registered name. */
export function signatoryRows(f: Formatter, base: DocumentBase): Block[] {
  return [
    {
      type: 'text',
      text: f.L.forSupplier(base.store.legalName ?? base.store.name),
      align: 'right',
    },
    { type: 'text', text: f.L.authorisedSignatory, align: 'right', size: 'small' },
  ]
}
