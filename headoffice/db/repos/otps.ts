import { type Db, exec, one, rows } from '../sql'

/** A one-time code as head office keeps it: its keyed hash, never the code. */
export interface OtpRow {
  otpId: string
  planNumber: string
  kioskId: string
  codeHash: string
  createdAt: number
  expiresAt: number
  attempts: number
  verifiedAt: number | null
}

export async function insertOtp(db: Db, otp: Omit<OtpRow, 'attempts' | 'verifiedAt'>) {
  await exec(
    db,
    `INSERT INTO ho_otp (otp_id, plan_number, kiosk_id, code_hash, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [otp.otpId, otp.planNumber, otp.kioskId, otp.codeHash, otp.createdAt, otp.expiresAt],
  )
}

const OTP_LOCK_SPACE = 19

/**
 * PostgreSQL: serialises the code sends of one plan inside their transactions, so that counting
 * the plan's recent codes and inserting the next one is one step — six requests at once cannot
 * all count two and all send. A transaction-scoped advisory lock on the plan number's hash (a
 * collision only makes two plans wait for each other). SQLite has one writer.
 */
export async function lockPlanOtps(db: Db, planNumber: string): Promise<void> {
  if (db.dialect !== 'postgres') return
  await rows(db, `SELECT pg_advisory_xact_lock(${OTP_LOCK_SPACE}, hashtext(?))`, [planNumber])
}

/** How many codes were sent for a plan since `since` (the per-plan send budget). */
export async function otpsSentSince(db: Db, planNumber: string, since: number): Promise<number> {
  const row = await one<{ n: number | string }>(
    db,
    `SELECT COUNT(*) AS n FROM ho_otp WHERE plan_number = ? AND created_at >= ?`,
    [planNumber, since],
  )
  return Number(row?.n ?? 0)
}

/**
 * Spends one attempt of a code, atomically (two guesses at once cannot both use the last one):
 * the row after the attempt, or null when the code does not exist for that plan or has no
 * attempt left.
 */
export async function spendOtpAttempt(
  db: Db,
  otpId: string,
  planNumber: string,
  maxAttempts: number,
): Promise<OtpRow | null> {
  const changed = await exec(
    db,
    `UPDATE ho_otp SET attempts = attempts + 1
     WHERE otp_id = ? AND plan_number = ? AND attempts < ? AND verified_at IS NULL`,
    [otpId, planNumber, maxAttempts],
  )
  if (changed === 0) return null
  return otpById(db, otpId)
}

export async function otpById(db: Db, otpId: string): Promise<OtpRow | null> {
  const r = await one<Record<string, unknown>>(db, `SELECT * FROM ho_otp WHERE otp_id = ?`, [otpId])
  return r ? otpFromRow(r) : null
}

export async function markOtpVerified(db: Db, otpId: string, at: number): Promise<void> {
  await exec(db, `UPDATE ho_otp SET verified_at = ? WHERE otp_id = ?`, [at, otpId])
}

/** The codes of these ids that were verified (for the redemptions that name them). */
export async function verifiedOtps(
  db: Db,
  otpIds: string[],
): Promise<Array<{ otpId: string; planNumber: string }>> {
  if (otpIds.length === 0) return []
  const found = await rows<{ otp_id: string; plan_number: string }>(
    db,
    `SELECT otp_id, plan_number FROM ho_otp
     WHERE verified_at IS NOT NULL AND otp_id IN (${otpIds.map(() => '?').join(',')})`,
    otpIds,
  )
  return found.map((r) => ({ otpId: r.otp_id, planNumber: r.plan_number }))
}

/** Forgets unverified codes created before one instant, verified ones before another. */
export function deleteOtpsBefore(
  db: Db,
  unverifiedBefore: number,
  verifiedBefore: number,
): Promise<number> {
  return exec(
    db,
    `DELETE FROM ho_otp WHERE (verified_at IS NULL AND created_at < ?) OR created_at < ?`,
    [unverifiedBefore, verifiedBefore],
  )
}

function otpFromRow(r: Record<string, unknown>): OtpRow {
  return {
    otpId: String(r.otp_id),
    planNumber: String(r.plan_number),
    kioskId: String(r.kiosk_id),
    codeHash: String(r.code_hash),
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
    attempts: Number(r.attempts),
    verifiedAt:
      r.verified_at === null || r.verified_at === undefined ? null : Number(r.verified_at),
  }
}
