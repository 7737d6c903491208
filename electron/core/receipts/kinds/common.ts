import type { ReceiptData, ReceiptKind } from '../../../../shared/contract/receipt-data'
import { KioskError } from '../../../../shared/errors'
import type { Payment } from '../../../../shared/sync/events'
import type { CoreDeps } from '../../context'
import { maskMobile } from '../../../../shared/domain/masking'
import type { RawPayment } from '../../storage/repos/payments'
import { findPlanById } from '../../storage/repos/plans'
import { findReceipt } from '../../storage/repos/receipts'
import { staffNameById } from '../../storage/repos/staff'
import { storeByCode } from '../../storage/repos/stores'
import type { Sql } from '../../storage/store'
import type {
  CustomerInfo,
  DeviceInfo,
  DocumentBase,
  DocumentDataByKind,
  DocumentKind,
  LocalDateTime,
} from '../model'

// What every document kind shares: the stored data's header (ReceiptData) and the printed
// document's base (model.ts), each kind's own part is in the file named after the kind.

/** A payment as documents show it. */
export function payment(p: RawPayment | undefined): Payment | null {
  return p ? { method: p.method, reference: p.reference, amountPaise: p.amount_paise } : null
}

/** A staff member named on a document (code and name), or null. */
export function staffOf(sql: Sql, id: string | null): { code: string; name: string } | null {
  return id ? staffNameById(sql, id) : null
}

/** The store's details as the documents print them (the code alone when it is not in the catalog). */
export function storeOf(sql: Sql, code: string): ReceiptData['store'] {
  const s = storeByCode(sql, code)
  return s
    ? {
        code: s.code,
        name: s.name,
        address: s.address,
        stateCode: s.state_code,
        gstin: s.gstin,
        legalName: s.legal_name,
      }
    : { code, name: code, address: '', stateCode: '', gstin: null }
}

/**
 * Loads a document's record and plan and builds the header every kind shares: store, kiosk,
 * plan, customer (masked), device, reprints. RECEIPT_NOT_FOUND when there is no such document.
 */
export function loadHeader(sql: Sql, deps: CoreDeps, kind: ReceiptKind, ref: string) {
  const receipt = findReceipt(sql, kind, ref)
  if (!receipt) throw new KioskError('RECEIPT_NOT_FOUND', `No ${kind} document ${ref}.`)
  const plan = findPlanById(sql, receipt.plan_id)!
  const catalog = deps.catalogs.byVersion(plan.catalogVersion)
  const header = {
    ref,
    documentNumber: receipt.document_number,
    issuedAt: receipt.created_at,
    training: plan.training,
    store: storeOf(sql, deps.config.storeCode),
    kioskCode: deps.config.kioskCode,
    planNumber: plan.planNumber,
    // Head office's public plan page when this kiosk makes its links; the bare plan number in the
    // demo, in training and before the kiosk's setup (docs/program-rules.md#the-customers-own-view).
    qrText: (plan.training ? null : deps.planLinks.link(plan.id)) ?? plan.planNumber,
    customer: {
      name: plan.customer.name,
      mobileMasked: maskMobile(plan.customer.mobile),
      idType: plan.customer.idType,
      idMasked: plan.customer.idMasked,
    },
    device: {
      brand: catalog.brand,
      modelName: plan.modelName,
      variantName: plan.variantName,
      imeis: [...plan.imeis],
      srpPaise: plan.srpPaise,
      purchaseDate: plan.purchaseDate,
    },
    reprintCount: receipt.reprint_count,
  }
  return { header, plan, catalog }
}

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

/** What every stored document carries besides its kind and data. */
export interface Counted {
  documentNumber: string | null
  copiesPrinted: number
}

const KOLKATA_OFFSET_MS = 330 * 60_000

/** An instant as the store's local date and time (Asia/Kolkata, no daylight saving). */
export function kolkataDateTime(iso: string): LocalDateTime {
  const local = new Date(Date.parse(iso) + KOLKATA_OFFSET_MS).toISOString()
  return { date: local.slice(0, 10), time: local.slice(11, 16) }
}

/** The base every printed document shares. */
export function base(r: ReceiptData): DocumentBase {
  return {
    store: {
      code: r.store.code,
      name: r.store.name,
      address: r.store.address,
      gstin: r.store.gstin,
      legalName: r.store.legalName ?? null,
      stateCode: r.store.stateCode,
    },
    issuedAt: kolkataDateTime(r.issuedAt),
    kioskCode: r.kioskCode,
    ...(r.staff ? { servedBy: r.staff.name } : {}),
    training: r.training,
  }
}

export function customer(r: ReceiptData): CustomerInfo {
  // Only masked values reach this far: the builders print the last four characters of each.
  return {
    name: r.customer.name,
    mobile: r.customer.mobileMasked,
    id: { kind: r.customer.idType, last4: r.customer.idMasked },
  }
}

export function device(r: ReceiptData): DeviceInfo {
  return { model: r.device.modelName, variant: r.device.variantName, imeis: r.device.imeis }
}
