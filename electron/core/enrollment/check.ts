import type {
  EnrollmentCheckRequest,
  EnrollmentCheckResponse,
} from '../../../shared/contract/enrollment'
import { addDays, isLocalDate } from '../../../shared/domain'
import type { Actor, CoreDeps } from '../context'
import { auditListed, screenImeis, screeningReasons } from '../fraud/imei-screening'
import { Reasons } from '../reasons'
import { checkBusiness } from './business'
import type { OnlinePlans } from '../sync/online-plans'
import { checkCustomerDetails, checkInvoiceNumber, checkPhone } from './create'

/**
 * One step of the enrollment wizard checked with the rules `enrollment.create` applies (issue 14):
 * the phone step's IMEIs (format, count, not on another active plan), model, purchase store,
 * invoice number and the enrollment window; the customer step's details (and a business
 * purchase's GSTIN, legal name and address) when sent. Online, head office is asked too, before
 * the review and the payment (issue 17): an IMEI on a live plan at any store, or listed as lost or
 * stolen (an audit entry), refuses the step. Nothing else is recorded, and `enrollment.create`
 * checks everything again.
 */
export async function checkEnrollmentStep(
  deps: CoreDeps,
  req: EnrollmentCheckRequest,
  online: OnlinePlans | null = null,
  actor: Actor | null = null,
): Promise<EnrollmentCheckResponse> {
  const today = deps.businessDate()
  const catalog = deps.catalogs.inForce(today)
  const r = new Reasons()
  const imeis = await deps.store.read((sql) => checkPhone(r, sql, catalog, req, today))
  // Only IMEIs that pass the local rules are worth a question to head office.
  if (!r.issues.some((i) => i.path.startsWith('imeis'))) {
    const screening = await screenImeis(online, imeis, 'enrollment')
    screeningReasons(r, screening, 'imeis', { enrolledRefuses: true })
    await auditListed(deps, actor, screening, 'enrollment', null)
  }
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
