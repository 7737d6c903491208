import type { PlanStatus, PlanView } from '../../../shared/contract/plan-view'
import type { PlanRecord } from '../storage/repos/plans'

/** `******3210` */
export function maskMobile(mobile: string): string {
  return mobile.length >= 4 ? '*'.repeat(mobile.length - 4) + mobile.slice(-4) : '****'
}

/** `a***@example.com` */
export function maskEmail(email: string | null): string | null {
  if (!email) return null
  const at = email.indexOf('@')
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`
}

/** The status shown: an active plan past its last band is expired (derived, never stored). */
export function planStatus(
  r: Pick<PlanRecord, 'status' | 'expiresOn'>,
  onDate: string,
): PlanStatus {
  return r.status === 'active' && onDate > r.expiresOn ? 'expired' : r.status
}

/** Turns a plan record into what screens show. */
export function toPlanView(r: PlanRecord, onDate: string): PlanView {
  return {
    planNumber: r.planNumber,
    status: planStatus(r, onDate),
    imeis: [...r.imeis],
    modelId: r.modelId,
    modelName: r.modelName,
    variantId: r.variantId,
    variantName: r.variantName,
    srpPaise: r.srpPaise,
    feePaise: r.feePaise,
    catalogVersion: r.catalogVersion,
    purchaseDate: r.purchaseDate,
    invoice: {
      number: r.invoiceNumber,
      date: r.invoiceDate,
      storeCode: r.purchaseStoreCode,
      pricePaidPaise: r.pricePaidPaise,
    },
    enrolledOn: r.enrolledOn,
    expiresOn: r.expiresOn,
    closedOn: r.closedOn,
    customer: {
      name: r.customer.name,
      mobileMasked: maskMobile(r.customer.mobile),
      emailMasked: maskEmail(r.customer.email),
      idType: r.customer.idType,
      idMasked: r.customer.idMasked,
      anonymised: r.customer.anonymisedAt !== null,
    },
    origin: r.origin,
    training: r.training,
  }
}
