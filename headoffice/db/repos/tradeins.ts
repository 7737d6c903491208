import { type Db, exec, inList, insertRows, num, rows } from '../sql'

/** A trade-in as head office holds it (migration 0018). Money in paise as numbers. */
export interface HoTradeIn {
  tradeInId: string
  eventId: string
  storeCode: string
  kioskCode: string
  voucherNumber: string
  imei: string
  modelId: string
  variantId: string
  catalogVersion: string
  grade: string
  source: 'partner' | 'grid'
  partnerId: string
  quoteId: string | null
  kioskPaise: number
  recognisedPaise: number | null
  checkStatus: 'ok' | 'mismatch' | 'pending-partner'
  checkReason: string | null
  provisional: boolean
  confirmation: 'confirmed' | 'pending' | 'price-changed'
  partnerReference: string | null
  confirmedPaise: number | null
  acceptedOn: string
  voucherValidTo: string
  usedOn: string | null
  usedStoreCode: string | null
  creditPaise: number | null
  paidPaise: number | null
  newPricePaise: number | null
  collectedOn: string | null
  createdAt: number
}

const COLUMNS = [
  'trade_in_id',
  'event_id',
  'store_code',
  'kiosk_code',
  'voucher_number',
  'imei',
  'model_id',
  'variant_id',
  'catalog_version',
  'grade',
  'source',
  'partner_id',
  'quote_id',
  'kiosk_paise',
  'recognised_paise',
  'check_status',
  'check_reason',
  'provisional',
  'confirmation',
  'partner_reference',
  'confirmed_paise',
  'accepted_on',
  'voucher_valid_to',
  'used_on',
  'used_store_code',
  'credit_paise',
  'paid_paise',
  'new_price_paise',
  'collected_on',
  'created_at',
] as const

function values(t: HoTradeIn): unknown[] {
  return [
    t.tradeInId,
    t.eventId,
    t.storeCode,
    t.kioskCode,
    t.voucherNumber,
    t.imei,
    t.modelId,
    t.variantId,
    t.catalogVersion,
    t.grade,
    t.source,
    t.partnerId,
    t.quoteId,
    t.kioskPaise,
    t.recognisedPaise,
    t.checkStatus,
    t.checkReason,
    t.provisional ? 1 : 0,
    t.confirmation,
    t.partnerReference,
    t.confirmedPaise,
    t.acceptedOn,
    t.voucherValidTo,
    t.usedOn,
    t.usedStoreCode,
    t.creditPaise,
    t.paidPaise,
    t.newPricePaise,
    t.collectedOn,
    t.createdAt,
  ]
}

const nOrNull = (v: unknown) => (v === null || v === undefined ? null : num(v))

function fromRow(r: Record<string, unknown>): HoTradeIn {
  return {
    tradeInId: String(r.trade_in_id),
    eventId: String(r.event_id),
    storeCode: String(r.store_code),
    kioskCode: String(r.kiosk_code),
    voucherNumber: String(r.voucher_number),
    imei: String(r.imei),
    modelId: String(r.model_id),
    variantId: String(r.variant_id),
    catalogVersion: String(r.catalog_version),
    grade: String(r.grade),
    source: r.source as HoTradeIn['source'],
    partnerId: String(r.partner_id),
    quoteId: (r.quote_id as string | null) ?? null,
    kioskPaise: num(r.kiosk_paise),
    recognisedPaise: nOrNull(r.recognised_paise),
    checkStatus: r.check_status as HoTradeIn['checkStatus'],
    checkReason: (r.check_reason as string | null) ?? null,
    provisional: num(r.provisional) === 1,
    confirmation: r.confirmation as HoTradeIn['confirmation'],
    partnerReference: (r.partner_reference as string | null) ?? null,
    confirmedPaise: nOrNull(r.confirmed_paise),
    acceptedOn: String(r.accepted_on),
    voucherValidTo: String(r.voucher_valid_to),
    usedOn: (r.used_on as string | null) ?? null,
    usedStoreCode: (r.used_store_code as string | null) ?? null,
    creditPaise: nOrNull(r.credit_paise),
    paidPaise: nOrNull(r.paid_paise),
    newPricePaise: nOrNull(r.new_price_paise),
    collectedOn: (r.collected_on as string | null) ?? null,
    createdAt: num(r.created_at),
  }
}

export async function tradeInsByIds(db: Db, ids: string[]): Promise<HoTradeIn[]> {
  if (ids.length === 0) return []
  const found = await rows(
    db,
    `SELECT * FROM ho_trade_in WHERE trade_in_id IN ${inList(ids.length)}`,
    ids,
  )
  return found.map(fromRow)
}

/** Writes the batch's new and changed trade-ins (inside the push transaction). */
export async function writeTradeIns(
  db: Db,
  fresh: HoTradeIn[],
  changed: HoTradeIn[],
): Promise<void> {
  await insertRows(db, 'ho_trade_in', COLUMNS, fresh.map(values))
  for (const t of changed) await updateTradeIn(db, t)
}

export async function updateTradeIn(db: Db, t: HoTradeIn): Promise<void> {
  const set = COLUMNS.slice(1).map((c) => `${c} = ?`)
  await exec(db, `UPDATE ho_trade_in SET ${set.join(', ')} WHERE trade_in_id = ?`, [
    ...values(t).slice(1),
    t.tradeInId,
  ])
}

/** Trade-ins whose partner quote head office has not checked yet. */
export async function tradeInsAwaitingPartner(db: Db, limit = 200): Promise<HoTradeIn[]> {
  const found = await rows(
    db,
    `SELECT * FROM ho_trade_in WHERE check_status = 'pending-partner' ORDER BY created_at LIMIT ?`,
    [limit],
  )
  return found.map(fromRow)
}

/** Every trade-in accepted or used in a period, for the reports. */
export async function tradeInsBetween(db: Db, from: string, to: string): Promise<HoTradeIn[]> {
  const found = await rows(
    db,
    `SELECT * FROM ho_trade_in WHERE (accepted_on >= ? AND accepted_on <= ?)
       OR (used_on >= ? AND used_on <= ?) ORDER BY accepted_on, voucher_number`,
    [from, to, from, to],
  )
  return found.map(fromRow)
}

/** Vouchers issued and not used (the trade-in liability) as of a day. */
export async function openVouchers(db: Db, asOf: string): Promise<HoTradeIn[]> {
  const found = await rows(
    db,
    `SELECT * FROM ho_trade_in WHERE accepted_on <= ? AND (used_on IS NULL OR used_on > ?)
       AND voucher_valid_to >= ? ORDER BY accepted_on, voucher_number`,
    [asOf, asOf, asOf],
  )
  return found.map(fromRow)
}
