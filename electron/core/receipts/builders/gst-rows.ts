import { gstSplit, type GstSplit } from '../../../../shared/domain/money'
import type { Block } from '../document'
import type { Formatter } from '../format'
import { kv } from './common'

/** Taxable value, the GST lines (CGST + SGST within the state, IGST otherwise) and the total. */
export function gstRows(
  f: Formatter,
  inclusivePaise: number,
  ratePercent: number,
  intraState: boolean,
  totalLabel = f.L.totalInclGst,
): { rows: Block[]; split: GstSplit } {
  const split = gstSplit(inclusivePaise, ratePercent, intraState)
  const money = (p: number) => f.money(p, { paise: true })
  const rows: Block[] = [kv(f.L.taxableValue, money(split.taxablePaise))]
  if (intraState) {
    const half = ratePercent / 2
    rows.push(kv(`CGST @ ${half}%`, money(split.cgstPaise)))
    rows.push(kv(`SGST @ ${half}%`, money(split.sgstPaise)))
  } else {
    rows.push(kv(`IGST @ ${ratePercent}%`, money(split.igstPaise)))
  }
  rows.push(kv(totalLabel, money(split.totalPaise), true))
  return { rows, split }
}
