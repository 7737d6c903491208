import type { EnrollmentDefaults } from '../../../shared/contract/enrollment'
import type { CoreDeps } from '../context'
import { mostUsedPaymentMethodOn } from '../storage/repos/payments'

/**
 * The enrollment form's starting values (issue 15): the business date as the purchase date, this
 * kiosk's store, and the store's most used payment method today. Each is only a default: the
 * request still carries what the clerk confirmed, and the core checks it as always.
 */
export async function enrollmentDefaults(deps: CoreDeps): Promise<EnrollmentDefaults> {
  const businessDate = deps.businessDate()
  const paymentMethod = await deps.store.read((sql) => mostUsedPaymentMethodOn(sql, businessDate))
  return { businessDate, storeCode: deps.config.storeCode, paymentMethod }
}
