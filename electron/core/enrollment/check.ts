import type {
  EnrollmentCheckRequest,
  EnrollmentCheckResponse,
} from '../../../shared/contract/enrollment'
import { addDays, isLocalDate } from '../../../shared/domain'
import type { CoreDeps } from '../context'
import { Reasons } from '../reasons'
import { checkBusiness } from './business'
import { checkCustomerDetails, checkInvoiceNumber, checkPhone } from './create'

/**
 * One step of the enrollment wizard checked with the rules `enrollment.create` applies (issue 14):
 * the phone step's IMEIs (format, count, not on another active plan), model, purchase store,
 * invoice number and the enrollment window; the customer step's details (and a business
 * purchase's GSTIN, legal name and address) when sent. Reads only:
 * nothing is recorded, and `enrollment.create` checks everything again.
 */
export async function checkEnrollmentStep(
  deps: CoreDeps,
  req: EnrollmentCheckRequest,
): Promise<EnrollmentCheckResponse> {
  const today = deps.businessDate()
  const catalog = deps.catalogs.inForce(today)
  const r = new Reasons()
  await deps.store.read((sql) => checkPhone(r, sql, catalog, req, today))
  checkInvoiceNumber(r, req.purchase)
  if (req.customer) checkCustomerDetails(r, req.customer)
  checkBusiness(r, req.business)
  const window = catalog.enrollmentWindowDays
  return {
    ok: r.issues.length === 0,
    issues: r.issues,
    enrollmentWindowDays: window,
    enrollBy: isLocalDate(req.purchase.invoiceDate)
      ? addDays(req.purchase.invoiceDate, window)
      : addDays(today, window),
  }
}
