import type { PlanView } from '../../../shared/contract/plan-view'
import { maskEmail, maskMobile } from '../../../shared/domain/masking'
import { planStatusOn } from '../../../shared/domain/plan-status'
import type { PlanRecord } from '../storage/repos/plans'

/** Turns a plan record into what screens show. */
export function toPlanView(r: PlanRecord, onDate: string): PlanView {
  return {
    planNumber: r.planNumber,
    status: planStatusOn(r.status, r.expiresOn, onDate),
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
