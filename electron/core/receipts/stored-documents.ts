import type { PrintableKind } from '../../../shared/contract/receipts'
import type { ReceiptData } from '../../../shared/contract/receipt-data'
import type { Actor, CoreDeps } from '../context'
import { endOfDay } from '../reports/end-of-day'
import { copiesPrintedOf } from '../storage/repos/receipts'
import { storeByCode } from '../storage/repos/stores'
import type { Sql } from '../storage/store'
import { cancellationDocument } from './kinds/cancellation'
import { kolkataDateTime, type StoredDocument } from './kinds/common'
import { enrollmentDocument } from './kinds/enrollment'
import { ineligibilityDocument } from './kinds/inspection'
import { exchangeVoucherDocument } from './kinds/redemption'
import { tradeInVoucherDocument } from './kinds/tradein'
import type { StoreInfo } from './model'
import { buildReceiptData } from './receipt-data'
import { onBusinessDate } from '../record-fact'

export { kolkataDateTime, type StoredDocument } from './kinds/common'

function storeInfo(sql: Sql, deps: CoreDeps): StoreInfo {
  const code = deps.config.storeCode
  const row = storeByCode(sql, code)
  return row
    ? { code, name: row.name, address: row.address, gstin: row.gstin, stateCode: row.state_code }
    : { code, name: code, address: '', gstin: null, stateCode: '' }
}

/** A stored receipt's data as the document its kind prints. */
function fromReceiptData(sql: Sql, r: ReceiptData): StoredDocument {
  const common = {
    documentNumber: r.documentNumber,
    copiesPrinted: copiesPrintedOf(sql, r.kind, r.ref),
  }
  switch (r.kind) {
    case 'enrollment':
      return enrollmentDocument(sql, r, common)
    case 'redemption':
      return exchangeVoucherDocument(sql, r, common)
    case 'inspection':
      return ineligibilityDocument(r, common)
    case 'cancellation':
      return cancellationDocument(sql, r, common)
  }
}

function endOfDayDocument(
  sql: Sql,
  deps: CoreDeps,
  businessDate: string,
  actor: Actor | null,
  pendingPrintJobs: number,
): StoredDocument {
  const report = endOfDay(deps, sql, businessDate)
  return {
    docKind: 'end-of-day',
    documentNumber: null,
    copiesPrinted: null,
    data: {
      store: storeInfo(sql, deps),
      // A training report is made on the business date the trainer set (issue 14).
      issuedAt: kolkataDateTime(
        deps.training ? onBusinessDate(deps.nowIso(), deps.businessDate()) : deps.nowIso(),
      ),
      kioskCode: deps.config.kioskCode,
      ...(actor ? { servedBy: actor.name } : {}),
      training: deps.training,
      businessDate: report.businessDate,
      enrollments: { count: report.enrollments.count, feesPaise: report.enrollments.feesPaise },
      totals: report.totals,
      gst: report.gst,
      redemptions: {
        count: report.redemptions.count,
        creditPaise: report.redemptions.creditPaise,
        newDeviceSalesPaise: report.redemptions.newDeviceSalesPaise,
      },
      tradeIns: {
        vouchersIssued: report.tradeIns.vouchersIssued,
        amountPaise: report.tradeIns.amountPaise,
        provisionalCount: report.tradeIns.provisionalCount,
        provisionalAmountPaise: report.tradeIns.provisionalAmountPaise,
        vouchersUsed: report.tradeIns.vouchersUsed,
        voucherCreditPaise: report.tradeIns.voucherCreditPaise,
      },
      ineligible: { count: report.inspections.ineligible },
      cancellations: { count: report.cancellations.count },
      pendingSync: report.eventsNotSynced,
      pendingPrintJobs,
    },
  }
}

/**
 * Loads a printable document from the database: the stored receipt's data (the same for the
 * first print and every reprint) or the end-of-day figures, in the receipt builders' terms.
 */
export function loadStoredDocument(
  sql: Sql,
  deps: CoreDeps,
  kind: PrintableKind,
  ref: string,
  context: { actor: Actor | null; pendingPrintJobs: number },
): StoredDocument {
  if (kind === 'end-of-day') {
    return endOfDayDocument(sql, deps, ref, context.actor, context.pendingPrintJobs)
  }
  if (kind === 'trade-in-voucher') return tradeInVoucherDocument(sql, deps, ref)
  return fromReceiptData(sql, buildReceiptData(sql, deps, kind, ref))
}
