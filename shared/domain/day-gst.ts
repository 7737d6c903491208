import { z } from 'zod'
import type { GstSplit } from './money'

/**
 * The GST of a business day (docs/tax-documents.md#end-of-day-report), defined once for the
 * printed report and the screen: the day's tax invoices, less the day's credit notes, each line
 * the sum of the documents' own splits (never recomputed on a total), so every figure reconciles
 * to the paisa with the documents of the day. CGST, SGST and IGST stay apart: an inter-state
 * (B2B) invoice's IGST is paid to another account than the state's tax.
 */
export const DayGstLineSchema = z.object({
  count: z.number().int(),
  taxablePaise: z.number().int(),
  cgstPaise: z.number().int(),
  sgstPaise: z.number().int(),
  igstPaise: z.number().int(),
  totalPaise: z.number().int(),
})

export const DayGstSchema = z.object({
  invoices: DayGstLineSchema,
  creditNotes: DayGstLineSchema,
  /** Invoices minus credit notes. */
  net: DayGstLineSchema,
})

export type DayGstLine = z.infer<typeof DayGstLineSchema>
export type DayGst = z.infer<typeof DayGstSchema>

type Split = Pick<GstSplit, 'taxablePaise' | 'cgstPaise' | 'sgstPaise' | 'igstPaise' | 'totalPaise'>

function line(splits: readonly Split[]): DayGstLine {
  const sum = (pick: (s: Split) => number) => splits.reduce((t, s) => t + pick(s), 0)
  return {
    count: splits.length,
    taxablePaise: sum((s) => s.taxablePaise),
    cgstPaise: sum((s) => s.cgstPaise),
    sgstPaise: sum((s) => s.sgstPaise),
    igstPaise: sum((s) => s.igstPaise),
    totalPaise: sum((s) => s.totalPaise),
  }
}

/** The day's GST from its tax invoices' and credit notes' splits. */
export function dayGst(invoices: readonly Split[], creditNotes: readonly Split[]): DayGst {
  const inv = line(invoices)
  const cn = line(creditNotes)
  return {
    invoices: inv,
    creditNotes: cn,
    net: {
      count: inv.count - cn.count,
      taxablePaise: inv.taxablePaise - cn.taxablePaise,
      cgstPaise: inv.cgstPaise - cn.cgstPaise,
      sgstPaise: inv.sgstPaise - cn.sgstPaise,
      igstPaise: inv.igstPaise - cn.igstPaise,
      totalPaise: inv.totalPaise - cn.totalPaise,
    },
  }
}
