import type { ValueBand } from '../../../shared/catalog'
import { planKey } from '../../../shared/domain/plan-number'
import type { StoredPlanStatus } from '../../../shared/domain/vocabulary'

/** A plan of head office's registry (one `ho_plan` row), as the services use it. */
export interface PlanRow {
  planNumber: string
  status: StoredPlanStatus
  storeCode: string
  kioskCode: string
  imeis: string[]
  modelId: string
  modelName: string
  variantId: string
  variantName: string
  srpPaise: number
  feePaise: number
  /** The plan fee's SAC as invoiced (the catalog's); null for plans synced before it was carried. */
  sacCode: string | null
  /**
   * A business purchase's registered recipient (B2B tax invoice) and the place of supply head
   * office derived from it (docs/tax-documents.md#b2b-tax-invoice); null for a consumer's plan
   * and plans synced before.
   */
  recipientGstin?: string | null
  recipientName?: string | null
  recipientAddress?: string | null
  /** The fee's place of supply as a state code; null for plans synced before it was derived. */
  placeOfSupply?: string | null
  /** The plan's random id, which its certificate's QR token carries; null for plans synced before. */
  publicId?: string | null
  catalogVersion: string
  /** Frozen with the plan; null → the program's default schedule. */
  schedule: ValueBand[] | null
  purchaseDate: string
  enrolledOn: string
  businessDate: string
  customerName: string
  mobile: string
  email: string | null
  idType: string
  idMasked: string
  idLast4: string
  notify: boolean
  enrolledEventId: string
  closedStore: string | null
  closedKiosk: string | null
  closedOn: string | null
  closedEventId: string | null
  /** The redemption or cancellation id that closed the plan. */
  closedRef: string | null
  reservationId: string | null
  reservedBy: string | null
  reservedUntil: number | null
  updatedAt: number
}

/** Column order of `ho_plan` for inserts (matches {@link planValues}). */
export const PLAN_COLUMNS = [
  'plan_number',
  'plan_key',
  'status',
  'store_code',
  'kiosk_code',
  'imei1',
  'imei2',
  'model_id',
  'model_name',
  'variant_id',
  'variant_name',
  'srp_paise',
  'fee_paise',
  'sac_code',
  'catalog_version',
  'schedule',
  'purchase_date',
  'enrolled_on',
  'business_date',
  'customer_name',
  'mobile',
  'email',
  'id_type',
  'id_masked',
  'id_last4',
  'notify',
  'enrolled_event_id',
  'closed_store',
  'closed_kiosk',
  'closed_on',
  'closed_event_id',
  'closed_ref',
  'reservation_id',
  'reserved_by',
  'reserved_until',
  'updated_at',
  'recipient_gstin',
  'recipient_name',
  'recipient_address',
  'place_of_supply',
  'public_id',
] as const

/** A plan as the row values of {@link PLAN_COLUMNS}. */
export function planValues(p: PlanRow): unknown[] {
  return [
    p.planNumber,
    planKey(p.planNumber),
    p.status,
    p.storeCode,
    p.kioskCode,
    p.imeis[0],
    p.imeis[1] ?? null,
    p.modelId,
    p.modelName,
    p.variantId,
    p.variantName,
    p.srpPaise,
    p.feePaise,
    p.sacCode,
    p.catalogVersion,
    JSON.stringify(p.schedule),
    p.purchaseDate,
    p.enrolledOn,
    p.businessDate,
    p.customerName,
    p.mobile,
    p.email,
    p.idType,
    p.idMasked,
    p.idLast4,
    p.notify ? 1 : 0,
    p.enrolledEventId,
    p.closedStore,
    p.closedKiosk,
    p.closedOn,
    p.closedEventId,
    p.closedRef,
    p.reservationId,
    p.reservedBy,
    p.reservedUntil,
    p.updatedAt,
    p.recipientGstin ?? null,
    p.recipientName ?? null,
    p.recipientAddress ?? null,
    p.placeOfSupply ?? null,
    p.publicId ?? null,
  ]
}

/** Reads a `ho_plan` row. */
export function planFromRow(r: Record<string, unknown>): PlanRow {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v))
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v))
  return {
    planNumber: String(r.plan_number),
    status: r.status as StoredPlanStatus,
    storeCode: String(r.store_code),
    kioskCode: String(r.kiosk_code),
    imeis: [String(r.imei1), ...(r.imei2 ? [String(r.imei2)] : [])],
    modelId: String(r.model_id),
    modelName: String(r.model_name),
    variantId: String(r.variant_id),
    variantName: String(r.variant_name),
    srpPaise: Number(r.srp_paise),
    feePaise: Number(r.fee_paise),
    sacCode: s(r.sac_code),
    catalogVersion: String(r.catalog_version),
    schedule: JSON.parse(String(r.schedule)) as ValueBand[] | null,
    purchaseDate: String(r.purchase_date),
    enrolledOn: String(r.enrolled_on),
    businessDate: String(r.business_date),
    customerName: String(r.customer_name),
    mobile: String(r.mobile),
    email: s(r.email),
    idType: String(r.id_type),
    idMasked: String(r.id_masked),
    idLast4: String(r.id_last4),
    notify: Number(r.notify) === 1,
    enrolledEventId: String(r.enrolled_event_id),
    closedStore: s(r.closed_store),
    closedKiosk: s(r.closed_kiosk),
    closedOn: s(r.closed_on),
    closedEventId: s(r.closed_event_id),
    closedRef: s(r.closed_ref),
    reservationId: s(r.reservation_id),
    reservedBy: s(r.reserved_by),
    reservedUntil: n(r.reserved_until),
    updatedAt: Number(r.updated_at),
    recipientGstin: s(r.recipient_gstin),
    recipientName: s(r.recipient_name),
    recipientAddress: s(r.recipient_address),
    placeOfSupply: s(r.place_of_supply),
    publicId: s(r.public_id),
  }
}
