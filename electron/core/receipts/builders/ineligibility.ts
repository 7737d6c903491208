import type { Block, ReceiptDocument } from '../document'
import type { Formatter } from '../format'
import type { IneligibilitySlipData } from '../model'
import {
  copyMarks,
  customerRows,
  deviceRows,
  footerRows,
  kv,
  section,
  storeHeader,
  type BuildOptions,
} from './common'

/**
 * Ineligibility slip: the failed required checks, so the customer knows why
 * (docs/program-rules.md#inspection).
 */
export function buildIneligibilitySlip(
  f: Formatter,
  d: IneligibilitySlipData,
  opts: BuildOptions,
): ReceiptDocument {
  const marks = copyMarks(f, d, opts)
  const inspection: Block[] = []
  if (d.inspection.technician) inspection.push(kv(f.L.technician, d.inspection.technician))
  if (d.inspection.inspectedAt) {
    inspection.push(kv(f.L.inspection, f.dateTime(d.inspection.inspectedAt)))
  }
  const items = d.failedItems.map((item) =>
    item.note ? `${f.label(item.label)}: ${item.note}` : f.label(item.label),
  )
  const blocks: Block[] = [
    ...marks,
    ...storeHeader(f, d, [f.L.ineligibilityTitle]),
    kv(f.L.slipNo, d.slipNumber),
    kv(f.L.dateTime, f.dateTime(d.issuedAt)),
    kv(f.L.planNumber, d.planNumber, true),
    section(f.L.customer),
    ...customerRows(f, d.customer),
    section(f.L.phone),
    ...deviceRows(f, d.device),
    ...inspection,
    { type: 'separator', style: 'single' },
    { type: 'text', text: f.L.notEligibleIntro(f.money(0)), bold: true },
    section(f.L.failedChecks),
    { type: 'list', items },
    { type: 'separator', style: 'single' },
    { type: 'text', text: f.L.notEligibleNextStep, size: 'small' },
    ...footerRows(f, d),
    ...marks,
  ]
  return {
    kind: 'ineligibility-slip',
    lang: f.lang,
    title: `${f.L.ineligibilityTitle} ${d.slipNumber}`,
    reference: d.slipNumber,
    copy: { number: opts.copy },
    training: d.training,
    blocks,
  }
}
