import type { PrintableKind } from '../../../shared/contract/receipts'
import type { ReceiptData } from '../../../shared/contract/receipt-data'
import { KioskError } from '../../../shared/errors'
import { placeOfSupplyStateCode } from '../../../shared/domain/place-of-supply'
import type { GstSplit } from '../../../shared/sync/events'
import type { Actor, CoreDeps } from '../context'
import { buildReceiptData } from '../receipt-data/build'
import { endOfDay } from '../reports/end-of-day'
import type { Sql } from '../storage/store'
import type {
  CustomerInfo,
  DeviceInfo,
  DocumentBase,
  DocumentDataByKind,
  DocumentKind,
  LocalDateTime,
  PaymentTotal,
  StoreInfo,
} from './model'

/** A document ready to build: its kind and data, and how many copies were printed so far. */
export type StoredDocument = {
  [K in DocumentKind]: {
    docKind: K
    data: DocumentDataByKind[K]
    /** Invoice / credit note / refund note number; null for slips and reports. */
    documentNumber: string | null
    /** Paper copies counted in `receipts`; null for documents that are not counted (reports). */
    copiesPrinted: number | null
  }
}[DocumentKind]

const KOLKATA_OFFSET_MS = 330 * 60_000

/** An instant as the store's local date and time (Asia/Kolkata, no daylight saving). */
export function kolkataDateTime(iso: string): LocalDateTime {
  const local = new Date(Date.parse(iso) + KOLKATA_OFFSET_MS).toISOString()
  return { date: local.slice(0, 10), time: local.slice(11, 16) }
}

function storeInfo(sql: Sql, deps: CoreDeps): StoreInfo {
  const code = deps.config.storeCode
  const row = sql.get<{ name: string; address: string; state_code: string; gstin: string | null }>(
    'SELECT name, address, state_code, gstin FROM stores WHERE code = ?',
    code,
  )
  return row
    ? { code, name: row.name, address: row.address, gstin: row.gstin, stateCode: row.state_code }
    : { code, name: code, address: '', gstin: null, stateCode: '' }
}

function base(r: ReceiptData): DocumentBase {
  return {
    store: {
      code: r.store.code,
      name: r.store.name,
      address: r.store.address,
      gstin: r.store.gstin,
      stateCode: r.store.stateCode,
    },
    issuedAt: kolkataDateTime(r.issuedAt),
    kioskCode: r.kioskCode,
    ...(r.staff ? { servedBy: r.staff.name } : {}),
    training: r.training,
  }
}

function customer(r: ReceiptData): CustomerInfo {
  // Only masked values reach this far: the builders print the last four characters of each.
  return {
    name: r.customer.name,
    mobile: r.customer.mobileMasked,
    id: { kind: r.customer.idType, last4: r.customer.idMasked },
  }
}

function device(r: ReceiptData): DeviceInfo {
  return { model: r.device.modelName, variant: r.device.variantName, imeis: r.device.imeis }
}

/** The plan fee's invoice: the base of the enrollment receipt and of a cancellation's reversal. */
function feeInvoice(sql: Sql, planNumber: string) {
  const fee = sql.get<{
    document_number: string | null
    business_date: string
    amount_paise: number
    gst: string | null
    invoice_number: string
    price_paid_paise: number
  }>(
    `SELECT pay.document_number, pay.business_date, pay.amount_paise, pay.gst,
            pl.invoice_number, pl.price_paid_paise
     FROM payments pay JOIN plans pl ON pl.id = pay.plan_id
     WHERE pl.plan_number = ? AND pay.kind = 'fee'`,
    planNumber,
  )
  if (!fee) throw new KioskError('RECEIPT_NOT_FOUND', `Plan ${planNumber} has no fee invoice.`)
  return { ...fee, gst: JSON.parse(fee.gst ?? 'null') as GstSplit | null }
}

function fromReceiptData(sql: Sql, r: ReceiptData): StoredDocument {
  const copiesPrinted =
    sql.get<{ copies_printed: number }>(
      'SELECT copies_printed FROM receipts WHERE kind = ? AND ref = ?',
      r.kind,
      r.ref,
    )?.copies_printed ?? 0
  const common = { documentNumber: r.documentNumber, copiesPrinted }
  switch (r.kind) {
    case 'enrollment': {
      const fee = feeInvoice(sql, r.planNumber)
      const first = r.timeline[0]
      const last = r.timeline.at(-1)
      return {
        ...common,
        docKind: 'enrollment',
        data: {
          ...base(r),
          taxInvoiceNumber: r.taxInvoiceNumber,
          placeOfSupplyStateCode: placeOfSupplyStateCode(r.store.stateCode, r.gst),
          customer: customer(r),
          device: device(r),
          purchase: {
            invoiceNumber: fee.invoice_number,
            date: r.device.purchaseDate,
            pricePaise: fee.price_paid_paise,
          },
          planNumber: r.planNumber,
          qrPayload: r.qrText,
          feePaise: r.feePaise,
          gstRatePercent: r.gst.ratePercent,
          srpPaise: r.device.srpPaise,
          payment: { method: r.payment.method, reference: r.payment.reference },
          redeemableFrom: first?.from ?? r.enrolledOn,
          bands: r.timeline.map((b) => ({
            from: b.from,
            to: b.to,
            percent: b.percent,
            valuePaise: b.valuePaise,
          })),
          expiresAfter: last?.to ?? r.expiresOn,
          brand: r.device.brand,
        },
      }
    }
    case 'redemption': {
      const inspection = sql.get<{ submitted_at: string | null; technician: string | null }>(
        `SELECT i.submitted_at, s.name AS technician
         FROM inspections i LEFT JOIN staff s ON s.id = i.technician_id WHERE i.id = ?`,
        r.inspectionId,
      )
      return {
        ...common,
        docKind: 'credit-note',
        data: {
          ...base(r),
          creditNoteNumber: r.creditNoteNumber,
          planNumber: r.planNumber,
          customer: customer(r),
          oldDevice: device(r),
          inspection: {
            verdict: 'passed',
            ...(inspection?.technician ? { technician: inspection.technician } : {}),
            ...(inspection?.submitted_at
              ? { inspectedAt: kolkataDateTime(inspection.submitted_at) }
              : {}),
          },
          ageMonths: r.ageMonth,
          percent: r.percent,
          srpPaise: r.device.srpPaise,
          assuredValuePaise: r.assuredValuePaise,
          creditPaise: r.creditPaise,
          newDevice: {
            model: r.newDevice.modelName,
            // The kiosk records the new phone's model, not its variant.
            variant: '-',
            imeis: [r.newDevice.imei],
            pricePaise: r.newDevice.pricePaise,
          },
          ...(r.payment
            ? { payment: { method: r.payment.method, reference: r.payment.reference } }
            : {}),
          brand: r.newDevice.brand,
        },
      }
    }
    case 'inspection': {
      if (r.verdict !== 'ineligible') {
        throw new KioskError(
          'RECEIPT_NOT_FOUND',
          'An eligible inspection has no slip of its own: its result is on the upgrade credit note.',
        )
      }
      const notes = new Map(r.items.map((i) => [i.itemId, i.note]))
      return {
        ...common,
        docKind: 'ineligibility',
        data: {
          ...base(r),
          slipNumber: r.inspectionId,
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
    case 'cancellation': {
      const fee = feeInvoice(sql, r.planNumber)
      return {
        ...common,
        docKind: 'cancellation',
        data: {
          ...base(r),
          // Without a refund no refund voucher was issued, so the note has no number of its own.
          noteNumber: r.documentNumber ?? '-',
          planNumber: r.planNumber,
          originalInvoiceNumber: fee.document_number ?? '-',
          originalInvoiceDate: fee.business_date,
          placeOfSupplyStateCode: placeOfSupplyStateCode(r.store.stateCode, fee.gst),
          customer: customer(r),
          device: device(r),
          reason: r.reason,
          ...(r.staff ? { approvedBy: r.staff.name } : {}),
          feePaise: fee.amount_paise,
          gstRatePercent: fee.gst?.ratePercent ?? 0,
          refund:
            r.refund && r.refundPaise > 0
              ? {
                  amountPaise: r.refundPaise,
                  method: r.refund.method,
                  reference: r.refund.reference,
                }
              : null,
        },
      }
    }
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
  // What came into the drawer by method: plan fees and upgrade balances together.
  const collections = new Map<PaymentTotal['method'], PaymentTotal>()
  for (const t of [...report.feesByMethod, ...report.redemptions.paidByMethod]) {
    const m = collections.get(t.method) ?? { method: t.method, count: 0, amountPaise: 0 }
    m.count += t.count
    m.amountPaise += t.amountPaise
    collections.set(t.method, m)
  }
  const sum = (pick: (f: (typeof report.feesByMethod)[number]) => number) =>
    report.feesByMethod.reduce((s, f) => s + pick(f), 0)
  return {
    docKind: 'end-of-day',
    documentNumber: null,
    copiesPrinted: null,
    data: {
      store: storeInfo(sql, deps),
      issuedAt: kolkataDateTime(deps.nowIso()),
      kioskCode: deps.config.kioskCode,
      ...(actor ? { servedBy: actor.name } : {}),
      training: deps.training,
      businessDate: report.businessDate,
      enrollments: {
        count: report.enrollments.count,
        feesPaise: report.enrollments.feesPaise,
        taxablePaise: sum((f) => f.taxablePaise),
        taxPaise: sum((f) => f.cgstPaise + f.sgstPaise + f.igstPaise),
      },
      collections: [...collections.values()],
      redemptions: {
        count: report.redemptions.count,
        creditPaise: report.redemptions.creditPaise,
        newDeviceSalesPaise: report.redemptions.newDeviceSalesPaise,
      },
      ineligible: { count: report.inspections.ineligible },
      cancellations: {
        count: report.cancellations.count,
        refunds: report.cancellations.refundsByMethod,
      },
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
  return fromReceiptData(sql, buildReceiptData(sql, deps, kind, ref))
}
