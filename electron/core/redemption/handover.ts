import { createHash } from 'node:crypto'
import type { RedemptionCompleteRequest } from '../../../shared/contract/redemption'
import { KioskError } from '../../../shared/errors'
import type { CoreDeps } from '../context'
import type { RegisterCheck } from '../fraud/imei-screening'
import { Reasons } from '../reasons'
import { insertHandover } from '../storage/repos/handovers'
import type { Sql } from '../storage/store'

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A signed declaration as the core keeps it: the image and its hash. */
export interface SignedHandover {
  png: Buffer
  sha256: string
}

/**
 * The customer's hand-over declaration (docs/program-rules.md#hand-over-declaration): every
 * statement confirmed — ownership, accounts (Mi account, Google FRP) removed, data wiped, the
 * phone transferred — and a signature that is a real PNG. Checked before anything else of the
 * sale, so a redemption without it records nothing (HANDOVER_DECLARATION_REQUIRED).
 */
export function checkHandover(
  req: Pick<RedemptionCompleteRequest, 'handover' | 'customerCheck'>,
  /** A trade-in (issue 22) has no plan whose customer is checked: the declaration alone. */
  options: { customerCheck: boolean } = { customerCheck: true },
): SignedHandover {
  const h = req.handover
  const r = new Reasons()
  const unconfirmed = !h
    ? ['ownership', 'accountsRemoved', 'dataWiped', 'transfer']
    : (['ownership', 'accountsRemoved', 'dataWiped', 'transfer'] as const).filter((k) => !h[k])
  for (const k of unconfirmed) {
    r.add(
      'HANDOVER_DECLARATION_REQUIRED',
      `handover.${k}`,
      'The customer must confirm every statement of the hand-over declaration and sign it.',
    )
  }
  const base64 = (h?.signaturePng ?? '').replace(/^data:image\/png;base64,/, '')
  const png = Buffer.from(base64, 'base64')
  if (!h || base64.length === 0) {
    r.add('HANDOVER_DECLARATION_REQUIRED', 'handover.signaturePng', 'The customer must sign.')
  } else if (png.length < 64 || !png.subarray(0, 8).equals(PNG_MAGIC)) {
    r.add('SIGNATURE_IMAGE_INVALID', 'handover.signaturePng', 'The signature is not an image.')
  }
  if (options.customerCheck && !req.customerCheck) {
    r.add(
      'CUSTOMER_CHECK_REQUIRED',
      'customerCheck',
      'Verify the customer: the code sent by SMS, or (offline) their ID.',
    )
  }
  r.throwIfAny('The hand-over declaration is not complete.')
  return { png, sha256: createHash('sha256').update(png).digest('hex') }
}

/** One-time codes head office verified at this kiosk since it started (id → plan number). */
export type VerifiedOtps = Map<string, string>

/** An `otp` check names a code head office verified for this plan, through this kiosk. */
export function checkCustomerCheck(
  r: Reasons,
  req: RedemptionCompleteRequest,
  planNumber: string,
  otps: VerifiedOtps,
): void {
  const check = req.customerCheck
  if (check?.method === 'otp' && otps.get(check.otpId) !== planNumber) {
    r.add(
      'OTP_NOT_VERIFIED',
      'customerCheck.otpId',
      'That code was not verified for this plan: verify it again, or check the ID.',
    )
  }
}

/** The declaration's row beside its redemption, in the sale's transaction. */
export function recordHandover(
  sql: Sql,
  deps: CoreDeps,
  req: RedemptionCompleteRequest,
  redemptionId: string,
  signed: SignedHandover,
  registerCheck: RegisterCheck,
): void {
  const check = req.customerCheck
  if (!check) throw new KioskError('CUSTOMER_CHECK_REQUIRED', 'No customer check.')
  insertHandover(sql, {
    redemptionId,
    signaturePng: signed.png,
    signatureSha256: signed.sha256,
    customerCheck: check.method,
    otpId: check.method === 'otp' ? check.otpId : null,
    registerCheck,
    declaredAt: deps.nowIso(),
  })
}
