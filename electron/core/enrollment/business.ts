import type { BusinessInput } from '../../../shared/contract/enrollment'
import {
  validateBusinessAddress,
  validateBusinessName,
  validateRecipientGstin,
  type BusinessRecipient,
} from '../../../shared/domain'
import type { Reasons } from '../reasons'

/**
 * The B2B recipient of the tax invoice, when the customer buys for a business
 * (docs/tax-documents.md#b2b-tax-invoice): GSTIN with its check character, legal name, billing
 * address, each refused with its own code and path. Null for a consumer (no GSTIN given).
 */
export function checkBusiness(
  r: Reasons,
  business: BusinessInput | null | undefined,
): BusinessRecipient | null {
  if (!business) return null
  const gstin = r.check('business.gstin', validateRecipientGstin(business.gstin))
  const legalName = r.check('business.legalName', validateBusinessName(business.legalName))
  const address = r.check('business.address', validateBusinessAddress(business.address))
  return gstin && legalName && address ? { gstin, legalName, address } : null
}
