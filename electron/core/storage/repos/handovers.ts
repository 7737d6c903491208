import type { Sql } from '../store'

/** The signed hand-over declaration of a redemption (migration 0010). */
export interface HandoverRecord {
  redemptionId: string
  signaturePng: Buffer | null
  signatureSha256: string
  customerCheck: 'otp' | 'id-check'
  otpId: string | null
  registerCheck: 'clear' | 'unavailable' | 'offline'
  declaredAt: string
}

export function insertHandover(sql: Sql, h: HandoverRecord): void {
  sql.run(
    `INSERT INTO handovers (redemption_id, signature_png, signature_sha256, customer_check,
       otp_id, register_check, declared_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    h.redemptionId,
    h.signaturePng,
    h.signatureSha256,
    h.customerCheck,
    h.otpId,
    h.registerCheck,
    h.declaredAt,
  )
}

/** The declaration of a plan's redemption, if it was signed (redemptions before 0010 were not). */
export function handoverOfPlan(sql: Sql, planId: string): HandoverRecord | null {
  const r = sql.get<{
    redemption_id: string
    signature_png: Buffer | null
    signature_sha256: string
    customer_check: 'otp' | 'id-check'
    otp_id: string | null
    register_check: 'clear' | 'unavailable' | 'offline'
    declared_at: string
  }>(
    `SELECT h.* FROM handovers h JOIN redemptions r ON r.id = h.redemption_id WHERE r.plan_id = ?`,
    planId,
  )
  return r
    ? {
        redemptionId: r.redemption_id,
        signaturePng: r.signature_png,
        signatureSha256: r.signature_sha256,
        customerCheck: r.customer_check,
        otpId: r.otp_id,
        registerCheck: r.register_check,
        declaredAt: r.declared_at,
      }
    : null
}

/**
 * Forgets the signature images of a customer's redemptions (KYC retention, docs/privacy.md):
 * the SHA-256 stays, as the exchange voucher printed it; the image is what identifies a person.
 */
export function forgetSignaturesOfCustomer(sql: Sql, customerId: string): number {
  return sql.run(
    `UPDATE handovers SET signature_png = NULL WHERE signature_png IS NOT NULL AND redemption_id IN
       (SELECT r.id FROM redemptions r JOIN plans p ON p.id = r.plan_id WHERE p.customer_id = ?)`,
    customerId,
  ).changes
}
