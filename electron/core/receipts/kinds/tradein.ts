import { KioskError } from '../../../../shared/errors'
import type { CoreDeps } from '../../context'
import { inspectionById } from '../../storage/repos/inspections'
import { paymentById } from '../../storage/repos/payments'
import { planNumberById } from '../../storage/repos/plans'
import { copiesPrintedOf, findReceipt } from '../../storage/repos/receipts'
import { staffNameById } from '../../storage/repos/staff'
import { tradeInById, tradeInSignature } from '../../storage/repos/tradeins'
import type { Sql } from '../../storage/store'
import type { DocumentDataByKind } from '../model'
import { kolkataDateTime, storeOf, type Counted } from './common'

/** What a trade-in voucher's QR carries: its number and code, for the upgrade screen's scan. */
export function tradeInVoucherQr(voucherNumber: string, code: string): string {
  return `TV:${voucherNumber}:${code}`
}

/**
 * A trade-in voucher as the builder takes it (`ref` = the trade-in id), from the stored trade-in:
 * the first print and every reprint show the same, and a used voucher says what it paid for.
 */
export function tradeInVoucherDocument(
  sql: Sql,
  deps: CoreDeps,
  ref: string,
): Counted & { docKind: 'trade-in-voucher'; data: DocumentDataByKind['trade-in-voucher'] } {
  const receipt = findReceipt(sql, 'trade-in-voucher', ref)
  const t = tradeInById(sql, ref)
  if (!receipt || !t || !t.voucher_number || !t.voucher_code || !t.voucher_valid_to) {
    throw new KioskError('RECEIPT_NOT_FOUND', `No trade-in voucher ${ref}.`)
  }
  const catalog = deps.catalogs.byVersion(t.catalog_version)
  const section = catalog.tradeIn
  const inspection = t.inspection_id ? inspectionById(sql, t.inspection_id) : undefined
  const planNumber = t.plan_id ? planNumberById(sql, t.plan_id) : undefined
  const signature = tradeInSignature(sql, ref)
  const payment = t.payment_id ? paymentById(sql, t.payment_id) : undefined
  const servedBy = t.accepted_by ? staffNameById(sql, t.accepted_by)?.name : undefined
  return {
    documentNumber: receipt.document_number,
    copiesPrinted: copiesPrintedOf(sql, 'trade-in-voucher', ref),
    docKind: 'trade-in-voucher',
    data: {
      store: storeOf(sql, deps.config.storeCode),
      issuedAt: kolkataDateTime(receipt.created_at),
      kioskCode: deps.config.kioskCode,
      ...(servedBy ? { servedBy } : {}),
      training: deps.training,
      voucherNumber: t.voucher_number,
      voucherCode: t.voucher_code,
      qrPayload: tradeInVoucherQr(t.voucher_number, t.voucher_code),
      amountPaise: t.amount_paise ?? 0,
      validTo: t.voucher_valid_to,
      brand: catalog.brand,
      partnerName:
        section && section.partner.id === t.partner_id
          ? section.partner.name
          : (t.partner_id ?? ''),
      source: t.quote_source ?? 'grid',
      provisional: t.provisional === 1 && t.confirmation === 'pending',
      quoteId: t.quote_id,
      partnerReference: t.partner_reference,
      device: { model: t.model_name, variant: t.variant_name, imeis: [t.imei] },
      grade: t.grade ?? '',
      gradeLabel: section?.grades.find((g) => g.grade === t.grade)?.label ?? t.grade ?? '',
      inspectionReference: inspection?.reference ?? null,
      planNumber: planNumber ?? null,
      handover:
        signature && t.signature_sha256
          ? { signaturePng: signature.toString('base64'), signatureSha256: t.signature_sha256 }
          : null,
      used:
        t.used_on && t.new_price_paise !== null
          ? {
              on: t.used_on,
              newDevice: {
                model: t.new_model_name ?? '',
                variant: t.new_variant_name ?? '',
                imeis: t.new_imei ? [t.new_imei] : [],
                pricePaise: t.new_price_paise,
                salesInvoiceNumber: t.new_sales_invoice,
              },
              creditPaise: t.credit_paise ?? 0,
              amountPaidPaise: t.amount_paid_paise ?? 0,
              payment: payment ? { method: payment.method, reference: payment.reference } : null,
            }
          : null,
    },
  }
}
