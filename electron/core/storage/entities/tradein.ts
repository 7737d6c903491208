import { EntitySchema } from 'typeorm'
import { bool, int, text } from './columns'

/**
 * A trade-in from start to the voucher's use (issue 22, migration 0014,
 * docs/program-rules.md#trade-in). Status: open → graded | not-acceptable → quoted → accepted
 * (voucher issued, phone in the Old phones pickup) | declined → used (voucher spent on a new
 * phone). An accepted voucher past its last day reads as expired; nothing rewrites the row.
 */
export interface TradeInRow {
  id: string
  imei: string
  modelId: string
  modelName: string
  variantId: string
  variantName: string
  planId: string | null
  catalogVersion: string
  inspectionId: string | null
  grade: string | null
  /** JSON list of the failed item ids that make the phone not acceptable. */
  notAcceptable: string | null
  status: 'open' | 'graded' | 'not-acceptable' | 'quoted' | 'accepted' | 'declined' | 'used'
  quoteSource: 'partner' | 'grid' | null
  partnerId: string | null
  quoteId: string | null
  amountPaise: number | null
  quoteValidUntil: string | null
  provisional: boolean
  quotedAt: string | null
  partnerError: string | null
  /** The amount shown before the partner changed its price at confirmation. */
  priceChangedFromPaise: number | null
  voucherNumber: string | null
  voucherCode: string | null
  voucherValidTo: string | null
  acceptedAt: string | null
  acceptedOn: string | null
  acceptedBy: string | null
  signaturePng: Buffer | null
  signatureSha256: string | null
  confirmation: 'confirmed' | 'pending' | 'price-changed' | null
  partnerReference: string | null
  confirmedAmountPaise: number | null
  confirmedAt: string | null
  declinedAt: string | null
  usedAt: string | null
  usedOn: string | null
  usedBy: string | null
  newBrand: string | null
  newModelName: string | null
  newVariantName: string | null
  newImei: string | null
  newPricePaise: number | null
  newSalesInvoice: string | null
  creditPaise: number | null
  amountPaidPaise: number | null
  paymentId: string | null
  createdBy: string
  businessDate: string
  createdAt: string
}

const optText = (name: string) => text(name, { nullable: true })
const optInt = (name: string) => int(name, { nullable: true })

export const TradeInEntity = new EntitySchema<TradeInRow>({
  name: 'TradeIn',
  tableName: 'trade_ins',
  columns: {
    id: text('id', { key: true }),
    imei: text('imei'),
    modelId: text('model_id'),
    modelName: text('model_name'),
    variantId: text('variant_id'),
    variantName: text('variant_name'),
    planId: optText('plan_id'),
    catalogVersion: text('catalog_version'),
    inspectionId: optText('inspection_id'),
    grade: optText('grade'),
    notAcceptable: optText('not_acceptable'),
    status: text('status'),
    quoteSource: optText('quote_source'),
    partnerId: optText('partner_id'),
    quoteId: optText('quote_id'),
    amountPaise: optInt('amount_paise'),
    quoteValidUntil: optText('quote_valid_until'),
    provisional: bool('provisional'),
    quotedAt: optText('quoted_at'),
    partnerError: optText('partner_error'),
    priceChangedFromPaise: optInt('price_changed_from_paise'),
    voucherNumber: optText('voucher_number'),
    voucherCode: optText('voucher_code'),
    voucherValidTo: optText('voucher_valid_to'),
    acceptedAt: optText('accepted_at'),
    acceptedOn: optText('accepted_on'),
    acceptedBy: optText('accepted_by'),
    signaturePng: { type: 'blob', name: 'signature_png', nullable: true },
    signatureSha256: optText('signature_sha256'),
    confirmation: optText('confirmation'),
    partnerReference: optText('partner_reference'),
    confirmedAmountPaise: optInt('confirmed_amount_paise'),
    confirmedAt: optText('confirmed_at'),
    declinedAt: optText('declined_at'),
    usedAt: optText('used_at'),
    usedOn: optText('used_on'),
    usedBy: optText('used_by'),
    newBrand: optText('new_brand'),
    newModelName: optText('new_model_name'),
    newVariantName: optText('new_variant_name'),
    newImei: optText('new_imei'),
    newPricePaise: optInt('new_price_paise'),
    newSalesInvoice: optText('new_sales_invoice'),
    creditPaise: optInt('credit_paise'),
    amountPaidPaise: optInt('amount_paid_paise'),
    paymentId: optText('payment_id'),
    createdBy: text('created_by'),
    businessDate: text('business_date'),
    createdAt: text('created_at'),
  },
})
