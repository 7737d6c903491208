import type { PlanView } from '../../../shared/contract/plan-view'
import { maskEmail, maskMobile, type IdType } from '../../../shared/domain/validators'
import { planStatusOn } from '../../../shared/domain/plan-status'
import type { StoredPlanStatus } from '../../../shared/domain/vocabulary'
import type { Sql } from '../storage/store'

/** A plan row joined with its customer and IMEIs, as raw SQL returns it. */
export interface PlanRecord {
  id: string
  plan_number: string
  customer_id: string
  model_id: string
  model_name: string
  variant_id: string
  variant_name: string
  srp_paise: number
  fee_paise: number
  catalog_version: string
  purchase_date: string
  invoice_number: string
  invoice_date: string
  purchase_store_code: string
  price_paid_paise: number
  enrolled_on: string
  enrolled_at: string
  expires_on: string
  status: StoredPlanStatus
  closed_on: string | null
  staff_id: string | null
  origin: 'local' | 'synced'
  training: number
  c_name: string
  c_mobile: string
  c_email: string | null
  c_id_type: IdType
  c_id_masked: string
  c_id_last4: string
  c_anonymised_at: string | null
  imeis: string
}

/** SELECT … FROM plans p JOIN customers c; append a WHERE. */
export const PLAN_SELECT = `SELECT p.*, c.name AS c_name, c.mobile AS c_mobile, c.email AS c_email,
  c.id_type AS c_id_type, c.id_masked AS c_id_masked, c.id_last4 AS c_id_last4,
  c.anonymised_at AS c_anonymised_at,
  (SELECT json_group_array(imei) FROM
    (SELECT imei FROM plan_imeis WHERE plan_id = p.id ORDER BY slot)) AS imeis
  FROM plans p JOIN customers c ON c.id = p.customer_id`

/** Turns a plan record into what screens show. */
export function toPlanView(r: PlanRecord, onDate: string): PlanView {
  return {
    planNumber: r.plan_number,
    status: planStatusOn(r.status, r.expires_on, onDate),
    imeis: JSON.parse(r.imeis) as string[],
    modelId: r.model_id,
    modelName: r.model_name,
    variantId: r.variant_id,
    variantName: r.variant_name,
    srpPaise: r.srp_paise,
    feePaise: r.fee_paise,
    catalogVersion: r.catalog_version,
    purchaseDate: r.purchase_date,
    invoice: {
      number: r.invoice_number,
      date: r.invoice_date,
      storeCode: r.purchase_store_code,
      pricePaidPaise: r.price_paid_paise,
    },
    enrolledOn: r.enrolled_on,
    expiresOn: r.expires_on,
    closedOn: r.closed_on,
    customer: {
      name: r.c_name,
      mobileMasked: maskMobile(r.c_mobile),
      emailMasked: maskEmail(r.c_email),
      idType: r.c_id_type,
      idMasked: r.c_id_masked,
      anonymised: r.c_anonymised_at !== null,
    },
    origin: r.origin,
    training: r.training === 1,
  }
}

/** One plan by its lookup key. */
export function findPlanByKey(sql: Sql, key: string): PlanRecord | undefined {
  return sql.get<PlanRecord>(`${PLAN_SELECT} WHERE p.plan_key = ?`, key)
}
