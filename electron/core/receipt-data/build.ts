import type {
  CancellationReceipt,
  EnrollmentReceipt,
  InspectionReceipt,
  ReceiptData,
  ReceiptKind,
  RedemptionReceipt,
} from '../../../shared/contract/receipt-data'
import { valueTimeline } from '../../../shared/domain'
import type { ChecklistItem } from '../../../shared/catalog'
import type { GstSplit, Payment } from '../../../shared/sync/events'
import { KioskError } from '../../../shared/errors'
import type { CoreDeps } from '../context'
import { maskMobile } from '../../../shared/domain/masking'
import { PLAN_SELECT, type PlanRecord } from '../plans/plan-view'
import type { Sql } from '../storage/store'

interface RawReceipt {
  kind: ReceiptKind
  ref: string
  plan_id: string
  document_number: string | null
  reprint_count: number
  created_at: string
}

interface RawPayment {
  method: Payment['method']
  reference: string | null
  amount_paise: number
  document_number: string | null
  gst: string | null
  business_date: string
  taken_at: string
  staff_id: string | null
}

function payment(p: RawPayment | undefined): Payment | null {
  return p ? { method: p.method, reference: p.reference, amountPaise: p.amount_paise } : null
}

/**
 * Builds the plain data of a printed document from the database (inside a transaction or not):
 * what the receipts module renders, for the first print and every reprint alike.
 */
export function buildReceiptData(
  sql: Sql,
  deps: CoreDeps,
  kind: ReceiptKind,
  ref: string,
): ReceiptData {
  const receipt = sql.get<RawReceipt>(
    'SELECT * FROM receipts WHERE kind = ? AND ref = ?',
    kind,
    ref,
  )
  if (!receipt) throw new KioskError('RECEIPT_NOT_FOUND', `No ${kind} document ${ref}.`)
  const plan = sql.get<PlanRecord>(`${PLAN_SELECT} WHERE p.id = ?`, receipt.plan_id)!
  const catalog = deps.catalogs.byVersion(plan.catalog_version)
  const storeCode = deps.config.storeCode
  const store = sql.get<{
    code: string
    name: string
    address: string
    state_code: string
    gstin: string | null
  }>('SELECT * FROM stores WHERE code = ?', storeCode) ?? {
    code: storeCode,
    name: storeCode,
    address: '',
    state_code: '',
    gstin: null,
  }
  const staffOf = (id: string | null) =>
    id
      ? (sql.get<{ code: string; name: string }>('SELECT code, name FROM staff WHERE id = ?', id) ??
        null)
      : null

  const header = {
    ref,
    documentNumber: receipt.document_number,
    issuedAt: receipt.created_at,
    training: plan.training === 1,
    store: {
      code: store.code,
      name: store.name,
      address: store.address,
      stateCode: store.state_code,
      gstin: store.gstin,
    },
    kioskCode: deps.config.kioskCode,
    planNumber: plan.plan_number,
    qrText: plan.plan_number,
    customer: {
      name: plan.c_name,
      mobileMasked: maskMobile(plan.c_mobile),
      idType: plan.c_id_type,
      idMasked: plan.c_id_masked,
    },
    device: {
      brand: catalog.brand,
      modelName: plan.model_name,
      variantName: plan.variant_name,
      imeis: JSON.parse(plan.imeis) as string[],
      srpPaise: plan.srp_paise,
      purchaseDate: plan.purchase_date,
    },
    reprintCount: receipt.reprint_count,
  }

  switch (kind) {
    case 'enrollment': {
      const fee = sql.get<RawPayment>(
        "SELECT * FROM payments WHERE plan_id = ? AND kind = 'fee'",
        plan.id,
      )!
      const consent = sql.get<{
        consent_notifications: number
        consent_marketing: number
        consent_version: string
      }>('SELECT * FROM customers WHERE id = ?', plan.customer_id)!
      const data: EnrollmentReceipt = {
        ...header,
        kind,
        businessDate: plan.enrolled_on,
        staff: staffOf(plan.staff_id),
        taxInvoiceNumber: fee.document_number ?? '',
        feePaise: plan.fee_paise,
        gst: JSON.parse(fee.gst ?? 'null') as GstSplit,
        payment: payment(fee)!,
        enrolledOn: plan.enrolled_on,
        expiresOn: plan.expires_on,
        timeline: valueTimeline(plan.srp_paise, plan.purchase_date, catalog.schedule),
        consent: {
          notifications: consent.consent_notifications === 1,
          marketing: consent.consent_marketing === 1,
          version: consent.consent_version,
        },
      }
      return data
    }
    case 'inspection': {
      const insp = sql.get<{
        id: string
        technician_id: string
        checklist: string
        answers: string
        notes: string | null
        verdict: 'eligible' | 'ineligible'
        failed_required: string
        business_date: string
      }>('SELECT * FROM inspections WHERE id = ?', ref)!
      const checklist = JSON.parse(insp.checklist) as ChecklistItem[]
      const answers = JSON.parse(insp.answers) as Array<{
        itemId: string
        result: 'pass' | 'fail'
        note: string | null
        photoHash: string | null
      }>
      const byId = new Map(answers.map((a) => [a.itemId, a]))
      const labelOf = (id: string) => checklist.find((c) => c.id === id)!.label
      const data: InspectionReceipt = {
        ...header,
        kind,
        businessDate: insp.business_date,
        staff: staffOf(insp.technician_id),
        inspectionId: insp.id,
        verdict: insp.verdict,
        items: checklist.map((item) => ({
          itemId: item.id,
          label: item.label,
          required: item.required,
          result: byId.get(item.id)?.result ?? 'unchecked',
          note: byId.get(item.id)?.note ?? null,
          photoHash: byId.get(item.id)?.photoHash ?? null,
        })),
        failedRequired: (JSON.parse(insp.failed_required) as string[]).map((itemId) => ({
          itemId,
          label: labelOf(itemId),
        })),
        notes: insp.notes,
      }
      return data
    }
    case 'redemption': {
      const r = sql.get<{
        id: string
        inspection_id: string
        on_date: string
        age_month: number
        percent: number
        assured_value_paise: number
        credit_paise: number
        new_brand: string
        new_model_name: string
        new_imei: string
        new_price_paise: number
        amount_paid_paise: number
        payment_id: string | null
        credit_note_number: string
        staff_id: string | null
      }>('SELECT * FROM redemptions WHERE plan_id = ?', plan.id)!
      const device = sql.get<{ id: string }>(
        'SELECT id FROM device_intakes WHERE redemption_id = ?',
        r.id,
      )!
      const paid = r.payment_id
        ? sql.get<RawPayment>('SELECT * FROM payments WHERE id = ?', r.payment_id)
        : undefined
      const data: RedemptionReceipt = {
        ...header,
        kind,
        businessDate: r.on_date,
        staff: staffOf(r.staff_id),
        creditNoteNumber: r.credit_note_number,
        onDate: r.on_date,
        ageMonth: r.age_month,
        percent: r.percent,
        assuredValuePaise: r.assured_value_paise,
        creditPaise: r.credit_paise,
        newDevice: {
          brand: r.new_brand,
          modelName: r.new_model_name,
          imei: r.new_imei,
          pricePaise: r.new_price_paise,
        },
        amountPaidPaise: r.amount_paid_paise,
        payment: payment(paid),
        inspectionId: r.inspection_id,
        deviceIntakeId: device.id,
      }
      return data
    }
    case 'cancellation': {
      const c = sql.get<{
        reason: string
        refund_paise: number
        within_window: number
        payment_id: string | null
        cancelled_on: string
        staff_id: string | null
      }>('SELECT * FROM cancellations WHERE plan_id = ?', plan.id)!
      const refund = c.payment_id
        ? sql.get<RawPayment>('SELECT * FROM payments WHERE id = ?', c.payment_id)
        : undefined
      const data: CancellationReceipt = {
        ...header,
        kind,
        businessDate: c.cancelled_on,
        staff: staffOf(c.staff_id),
        cancelledOn: c.cancelled_on,
        reason: c.reason,
        withinWindow: c.within_window === 1,
        refundPaise: c.refund_paise,
        refund: payment(refund),
      }
      return data
    }
  }
}
