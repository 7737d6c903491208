import type { RedemptionReceipt } from '../../../../shared/contract/receipt-data'
import type { CoreDeps } from '../../context'
import { redemptionOfPlan } from '../../storage/repos/closings'
import { deviceIdOfRedemption } from '../../storage/repos/devices'
import { inspectionSignOff } from '../../storage/repos/inspections'
import { handoverOfPlan } from '../../storage/repos/handovers'
import { paymentById } from '../../storage/repos/payments'
import type { Sql } from '../../storage/store'
import type { DocumentDataByKind } from '../model'
import {
  base,
  customer,
  device,
  kolkataDateTime,
  loadHeader,
  payment,
  staffOf,
  type Counted,
} from './common'

// A redemption (`ref` = the plan number): the upgrade's exchange (buyback) voucher.

/** The stored data of a plan's redemption. */
export function redemptionReceiptData(sql: Sql, deps: CoreDeps, ref: string): RedemptionReceipt {
  const { header, plan } = loadHeader(sql, deps, 'redemption', ref)
  const r = redemptionOfPlan(sql, plan.id)!
  const deviceIntakeId = deviceIdOfRedemption(sql, r.id)
  const paid = r.payment_id ? paymentById(sql, r.payment_id) : undefined
  return {
    ...header,
    kind: 'redemption',
    businessDate: r.on_date,
    staff: staffOf(sql, r.staff_id),
    exchangeVoucherNumber: r.exchange_voucher_number,
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
      variantName: r.new_variant_name,
      salesInvoiceNumber: r.new_sales_invoice,
    },
    amountPaidPaise: r.amount_paid_paise,
    payment: payment(paid),
    inspectionId: r.inspection_id,
    deviceIntakeId,
    ...handoverOf(sql, plan.id),
  }
}

/** The declaration's signature and check, for the voucher (none before migration 0010). */
function handoverOf(sql: Sql, planId: string): Pick<RedemptionReceipt, 'handover'> {
  const h = handoverOfPlan(sql, planId)
  return h?.signaturePng
    ? {
        handover: {
          signaturePng: h.signaturePng.toString('base64'),
          signatureSha256: h.signatureSha256,
          customerCheck: h.customerCheck,
        },
      }
    : {}
}

/** The exchange voucher as the builder takes it. */
export function exchangeVoucherDocument(
  sql: Sql,
  r: RedemptionReceipt,
  common: Counted,
): Counted & { docKind: 'exchange-voucher'; data: DocumentDataByKind['exchange-voucher'] } {
  const inspection = inspectionSignOff(sql, r.inspectionId)
  return {
    ...common,
    docKind: 'exchange-voucher',
    data: {
      ...base(r),
      voucherNumber: r.exchangeVoucherNumber,
      planNumber: r.planNumber,
      customer: customer(r),
      oldDevice: device(r),
      inspection: {
        verdict: 'passed',
        // The short reference; inspections made before it existed print their id.
        reference: inspection?.reference ?? r.inspectionId,
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
        variant: r.newDevice.variantName ?? '-',
        imeis: [r.newDevice.imei],
        pricePaise: r.newDevice.pricePaise,
        ...(r.newDevice.salesInvoiceNumber
          ? { salesInvoiceNumber: r.newDevice.salesInvoiceNumber }
          : {}),
      },
      ...(r.payment
        ? { payment: { method: r.payment.method, reference: r.payment.reference } }
        : {}),
      brand: r.newDevice.brand,
      ...(r.handover ? { handover: r.handover } : {}),
    },
  }
}
