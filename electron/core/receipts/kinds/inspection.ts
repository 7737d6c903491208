import type { InspectionReceipt } from '../../../../shared/contract/receipt-data'
import type { ChecklistItem } from '../../../../shared/catalog'
import { KioskError } from '../../../../shared/errors'
import type { CoreDeps } from '../../context'
import { inspectionById } from '../../storage/repos/inspections'
import type { Sql } from '../../storage/store'
import type { DocumentDataByKind } from '../model'
import {
  base,
  customer,
  device,
  kolkataDateTime,
  loadHeader,
  staffOf,
  type Counted,
} from './common'

// An inspection: its stored data (`ref` = the inspection id) and, when the phone failed, the
// ineligibility slip (a passed inspection is printed on the upgrade's credit note).

interface Answer {
  itemId: string
  result: 'pass' | 'fail'
  note: string | null
  photoHash: string | null
}

/** The stored data of an inspection's document. */
export function inspectionReceiptData(sql: Sql, deps: CoreDeps, ref: string): InspectionReceipt {
  const { header } = loadHeader(sql, deps, 'inspection', ref)
  const insp = inspectionById(sql, ref)!
  const checklist = JSON.parse(insp.checklist) as ChecklistItem[]
  const answers = JSON.parse(insp.answers!) as Answer[]
  const byId = new Map(answers.map((a) => [a.itemId, a]))
  const labelOf = (id: string) => checklist.find((c) => c.id === id)!.label
  return {
    ...header,
    kind: 'inspection',
    businessDate: insp.business_date,
    staff: staffOf(sql, insp.technician_id),
    inspectionId: insp.id,
    verdict: insp.verdict!,
    items: checklist.map((item) => ({
      itemId: item.id,
      label: item.label,
      required: item.required,
      result: byId.get(item.id)?.result ?? 'unchecked',
      note: byId.get(item.id)?.note ?? null,
      photoHash: byId.get(item.id)?.photoHash ?? null,
    })),
    failedRequired: (JSON.parse(insp.failed_required!) as string[]).map((itemId) => ({
      itemId,
      label: labelOf(itemId),
    })),
    notes: insp.notes,
  }
}

/** The ineligibility slip of a failed inspection as the builder takes it. */
export function ineligibilityDocument(
  r: InspectionReceipt,
  common: Counted,
): Counted & { docKind: 'ineligibility-slip'; data: DocumentDataByKind['ineligibility-slip'] } {
  if (r.verdict !== 'ineligible') {
    throw new KioskError(
      'RECEIPT_NOT_FOUND',
      'An eligible inspection has no slip of its own: its result is on the exchange voucher.',
    )
  }
  const notes = new Map(r.items.map((i) => [i.itemId, i.note]))
  return {
    ...common,
    docKind: 'ineligibility-slip',
    data: {
      ...base(r),
      // Slips made before their series existed keep the inspection id as their number.
      slipNumber: r.documentNumber ?? r.inspectionId,
      planNumber: r.planNumber,
      customer: customer(r),
      device: device(r),
      inspection: {
        ...(r.staff ? { technician: r.staff.name } : {}),
        inspectedAt: kolkataDateTime(r.issuedAt),
      },
      failedItems: r.failedRequired.map((f) => {
        const note = notes.get(f.itemId)
        return note ? { label: f.label, note } : { label: f.label }
      }),
    },
  }
}
