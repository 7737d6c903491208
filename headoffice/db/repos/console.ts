import { type Db, exec, one, rows } from '../sql'

export interface ConsoleUserRow {
  user_id: string
  email: string
  role: string
  password_hash: string
  totp_secret: string | null
  totp_pending: string | null
  failed_attempts: number
  locked_until: number | string | null
  active: number
}

const USER_COLUMNS = `user_id, email, role, password_hash, totp_secret, totp_pending,
  failed_attempts, locked_until, active`

export function findConsoleUserByEmail(db: Db, email: string): Promise<ConsoleUserRow | null> {
  return one<ConsoleUserRow>(db, `SELECT ${USER_COLUMNS} FROM ho_console_user WHERE email = ?`, [
    email,
  ])
}

export function findConsoleUser(db: Db, userId: string): Promise<ConsoleUserRow | null> {
  return one<ConsoleUserRow>(db, `SELECT ${USER_COLUMNS} FROM ho_console_user WHERE user_id = ?`, [
    userId,
  ])
}

export async function insertConsoleUser(
  db: Db,
  user: { userId: string; email: string; role: string; passwordHash: string },
  now: number,
): Promise<void> {
  await exec(
    db,
    `INSERT INTO ho_console_user (user_id, email, role, password_hash, totp_secret, totp_pending,
       failed_attempts, locked_until, active, created_at, updated_at)
     VALUES (?, ?, ?, ?, NULL, NULL, 0, NULL, 1, ?, ?)`,
    [user.userId, user.email, user.role, user.passwordHash, now, now],
  )
}

export function listConsoleUsers(
  db: Db,
): Promise<{ user_id: string; email: string; role: string; totp: number; active: number }[]> {
  return rows(
    db,
    `SELECT user_id, email, role, CASE WHEN totp_secret IS NULL THEN 0 ELSE 1 END AS totp, active
     FROM ho_console_user ORDER BY email`,
  )
}

export async function setSignInFailures(
  db: Db,
  userId: string,
  failures: number,
  lockedUntil: number | null,
  now: number,
): Promise<void> {
  await exec(
    db,
    `UPDATE ho_console_user SET failed_attempts = ?, locked_until = ?, updated_at = ?
     WHERE user_id = ?`,
    [failures, lockedUntil, now, userId],
  )
}

export async function setTotp(
  db: Db,
  userId: string,
  totp: { secret: string | null; pending: string | null },
  now: number,
): Promise<void> {
  await exec(
    db,
    `UPDATE ho_console_user SET totp_secret = ?, totp_pending = ?, updated_at = ? WHERE user_id = ?`,
    [totp.secret, totp.pending, now, userId],
  )
}

export async function setConsoleUserRole(
  db: Db,
  userId: string,
  role: string,
  active: boolean,
  now: number,
): Promise<number> {
  return exec(
    db,
    `UPDATE ho_console_user SET role = ?, active = ?, updated_at = ? WHERE user_id = ?`,
    [role, active ? 1 : 0, now, userId],
  )
}

export interface ConsoleSessionRow {
  user_id: string
  stage: string
  last_seen_at: number | string
}

export async function insertSession(
  db: Db,
  tokenHash: string,
  userId: string,
  stage: string,
  now: number,
): Promise<void> {
  await exec(
    db,
    `INSERT INTO ho_console_session (token_hash, user_id, stage, created_at, last_seen_at)
     VALUES (?, ?, ?, ?, ?)`,
    [tokenHash, userId, stage, now, now],
  )
}

export function findSession(db: Db, tokenHash: string): Promise<ConsoleSessionRow | null> {
  return one<ConsoleSessionRow>(
    db,
    `SELECT user_id, stage, last_seen_at FROM ho_console_session WHERE token_hash = ?`,
    [tokenHash],
  )
}

/**
 * A session with its person, in one round trip: every console request asks for both (the
 * person's row is null when the account is gone).
 */
export function findSessionWithUser(
  db: Db,
  tokenHash: string,
): Promise<(ConsoleSessionRow & { user: ConsoleUserRow | null }) | null> {
  const columns = USER_COLUMNS.split(',')
    .map((c) => `u.${c.trim()} AS u_${c.trim()}`)
    .join(', ')
  return one<Record<string, unknown>>(
    db,
    `SELECT s.user_id AS session_user_id, s.stage, s.last_seen_at, ${columns}
     FROM ho_console_session s LEFT JOIN ho_console_user u ON u.user_id = s.user_id
     WHERE s.token_hash = ?`,
    [tokenHash],
  ).then((r) => {
    if (!r) return null
    const user: Record<string, unknown> = {}
    for (const c of USER_COLUMNS.split(',')) user[c.trim()] = r[`u_${c.trim()}`]
    return {
      user_id: String(r.session_user_id),
      stage: String(r.stage),
      last_seen_at: r.last_seen_at as number | string,
      user:
        r.u_user_id === null || r.u_user_id === undefined
          ? null
          : (user as unknown as ConsoleUserRow),
    }
  })
}

export async function touchSession(db: Db, tokenHash: string, now: number): Promise<void> {
  await exec(db, `UPDATE ho_console_session SET last_seen_at = ? WHERE token_hash = ?`, [
    now,
    tokenHash,
  ])
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await exec(db, `DELETE FROM ho_console_session WHERE token_hash = ?`, [tokenHash])
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await exec(db, `DELETE FROM ho_console_session WHERE user_id = ?`, [userId])
}

export interface AuditRow {
  audit_id: string
  at: number | string
  actor: string
  action: string
  subject: string
  before_json: string | null
  after_json: string | null
}

export async function insertAudit(db: Db, row: AuditRow): Promise<void> {
  await exec(
    db,
    `INSERT INTO ho_console_audit (audit_id, at, actor, action, subject, before_json, after_json)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [row.audit_id, row.at, row.actor, row.action, row.subject, row.before_json, row.after_json],
  )
}

export function auditPage(db: Db, limit: number, offset: number): Promise<AuditRow[]> {
  return rows<AuditRow>(
    db,
    `SELECT audit_id, at, actor, action, subject, before_json, after_json FROM ho_console_audit
     ORDER BY at DESC, audit_id DESC LIMIT ? OFFSET ?`,
    [limit, offset],
  )
}
