import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import type { DataSource } from 'typeorm'
import {
  type ConsoleUserRow,
  deleteSession,
  deleteUserSessions,
  findConsoleUser,
  findConsoleUserByEmail,
  findSession,
  findSessionWithUser,
  insertConsoleUser,
  insertSession,
  listConsoleUsers,
  setConsoleUserRole,
  setSignInFailures,
  setTotp,
  touchSession,
} from '../db/repos/console'
import { inTransaction, num, withDb } from '../db/sql'
import { HeadOfficeError } from '../errors'
import { type ConsoleRole, isConsoleRole, ROLE_PERMISSIONS } from './console-access'
import { recordAudit } from './console-audit'
import {
  hashPassword,
  MIN_PASSWORD_LENGTH,
  oneTimePassword,
  verifyPassword,
} from './console-passwords'
import type { SecretBox } from './secret-box'

/** How sign-in and sessions behave (docs/console.md#sessions). */
export interface ConsolePolicy {
  /** Wrong passwords or codes in a row before the account locks. */
  maxFailures: number
  lockMs: number
  /** A session unused this long is over. */
  idleMs: number
}

export const DEFAULT_CONSOLE_POLICY: ConsolePolicy = {
  maxFailures: 5,
  lockMs: 15 * 60_000,
  idleMs: 30 * 60_000,
}

/** The signed-in person as the routes see them. */
export interface ConsoleUser {
  userId: string
  email: string
  role: ConsoleRole
  totp: boolean
}

function toUser(row: ConsoleUserRow): ConsoleUser {
  if (!isConsoleRole(row.role)) throw new HeadOfficeError('INTERNAL', 'Unknown console role.')
  return { userId: row.user_id, email: row.email, role: row.role, totp: row.totp_secret !== null }
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
const normaliseEmail = (email: string) => email.trim().toLowerCase()

// Compared against when the e-mail is unknown, so a miss costs what a wrong password costs.
const DUMMY_HASH = hashPassword('not-a-password-of-anyone')

/**
 * Creates a console account. Without a password one is generated and returned once (the command
 * line prints it); either way only its scrypt hash is stored.
 */
export async function createConsoleUser(
  ds: DataSource,
  input: { email: string; role: string; password?: string; actor: string },
  now: number,
): Promise<{ user: ConsoleUser; oneTimePassword: string | null }> {
  if (!isConsoleRole(input.role)) throw new HeadOfficeError('VALIDATION_FAILED', 'Unknown role.')
  const given = input.password ?? null
  if (given !== null && given.length < MIN_PASSWORD_LENGTH) {
    throw new HeadOfficeError('VALIDATION_FAILED', `At least ${MIN_PASSWORD_LENGTH} characters.`)
  }
  const password = given ?? oneTimePassword()
  const user = { userId: randomUUID(), email: normaliseEmail(input.email), role: input.role }
  const passwordHash = await hashPassword(password)
  await inTransaction(ds, async (db) => {
    if (await findConsoleUserByEmail(db, user.email)) {
      throw new HeadOfficeError('VALIDATION_FAILED', 'An account with this e-mail exists.')
    }
    await insertConsoleUser(db, { ...user, passwordHash }, now)
    await recordAudit(
      db,
      { actor: input.actor, action: 'user.create', subject: user.email, after: user },
      now,
    )
  })
  return {
    user: { ...user, role: input.role, totp: false },
    oneTimePassword: given === null ? password : null,
  }
}

/** Changes a person's role or deactivates them (their sessions end); audited. */
export async function updateConsoleUser(
  ds: DataSource,
  input: { userId: string; role: ConsoleRole; active: boolean; actor: string },
  now: number,
): Promise<void> {
  await inTransaction(ds, async (db) => {
    const before = await findConsoleUser(db, input.userId)
    if (!before) throw new HeadOfficeError('NOT_FOUND', 'No such console user.')
    await setConsoleUserRole(db, input.userId, input.role, input.active, now)
    await deleteUserSessions(db, input.userId)
    await recordAudit(
      db,
      {
        actor: input.actor,
        action: 'user.update',
        subject: before.email,
        before: { role: before.role, active: num(before.active) === 1 },
        after: { role: input.role, active: input.active },
      },
      now,
    )
  })
}

export async function consoleUsers(ds: DataSource) {
  const list = await withDb(ds, (db) => listConsoleUsers(db))
  return list.map((u) => ({
    userId: u.user_id,
    email: u.email,
    role: u.role,
    totp: num(u.totp) === 1,
    active: num(u.active) === 1,
  }))
}

/** A new session's cookie value; only its hash is stored. */
async function openSession(ds: DataSource, userId: string, stage: string, now: number) {
  const token = randomBytes(32).toString('base64url')
  await withDb(ds, (db) => insertSession(db, hashToken(token), userId, stage, now))
  return token
}

/** Counts a wrong password or code; the account locks at the policy's limit. */
async function fail(ds: DataSource, row: ConsoleUserRow, policy: ConsolePolicy, now: number) {
  const failures = num(row.failed_attempts) + 1
  const locks = failures >= policy.maxFailures
  await withDb(ds, (db) =>
    setSignInFailures(
      db,
      row.user_id,
      locks ? 0 : failures,
      locks ? now + policy.lockMs : null,
      now,
    ),
  )
  throw new HeadOfficeError('UNAUTHORIZED', 'Wrong e-mail, password or code.')
}

function refuseIfLocked(row: ConsoleUserRow, now: number): void {
  if (row.locked_until !== null && num(row.locked_until) > now) {
    throw new HeadOfficeError(
      'RATE_LIMITED',
      'Too many failed attempts: this account is locked for a while.',
    )
  }
}

/**
 * Password step of sign-in. Answers a session token whose stage is `totp` when the account has
 * a second factor (only the code step accepts it) and `full` otherwise.
 */
export async function signInWithPassword(
  ds: DataSource,
  input: { email: string; password: string },
  policy: ConsolePolicy,
  now: number,
): Promise<{ token: string; stage: 'totp' | 'full' }> {
  const row = await withDb(ds, (db) => findConsoleUserByEmail(db, normaliseEmail(input.email)))
  if (!row || num(row.active) !== 1) {
    await verifyPassword(input.password, await DUMMY_HASH)
    throw new HeadOfficeError('UNAUTHORIZED', 'Wrong e-mail, password or code.')
  }
  refuseIfLocked(row, now)
  if (!(await verifyPassword(input.password, row.password_hash))) await fail(ds, row, policy, now)
  await withDb(ds, (db) => setSignInFailures(db, row.user_id, 0, null, now))
  const stage = row.totp_secret === null ? 'full' : 'totp'
  return { token: await openSession(ds, row.user_id, stage, now), stage }
}

/**
 * Sign-in through the company directory (single sign-on): the provider has verified the person,
 * so a full session opens for the active, unlocked console account with that e-mail.
 */
export async function signInWithDirectory(
  ds: DataSource,
  email: string,
  now: number,
): Promise<{ token: string }> {
  const row = await withDb(ds, (db) => findConsoleUserByEmail(db, normaliseEmail(email)))
  if (!row || num(row.active) !== 1) {
    throw new HeadOfficeError('ROLE_FORBIDDEN', 'No console account for this directory user.')
  }
  refuseIfLocked(row, now)
  return { token: await openSession(ds, row.user_id, 'full', now) }
}

function totpOf(secret: string, email: string): TOTP {
  return new TOTP({
    issuer: 'Smart Upgrade head office',
    label: email,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  })
}

function codeMatches(secret: string, email: string, code: string, now: number): boolean {
  return totpOf(secret, email).validate({ token: code, timestamp: now, window: 1 }) !== null
}

/** Code step of sign-in: the half-open session is replaced by a full one. */
export async function signInWithTotp(
  ds: DataSource,
  box: SecretBox,
  input: { token: string; code: string },
  policy: ConsolePolicy,
  now: number,
): Promise<{ token: string }> {
  const session = await withDb(ds, (db) => findSession(db, hashToken(input.token)))
  if (!session || session.stage !== 'totp' || now - num(session.last_seen_at) > policy.idleMs) {
    throw new HeadOfficeError('NOT_SIGNED_IN', 'Sign in with your password first.')
  }
  const row = await withDb(ds, (db) => findConsoleUser(db, session.user_id))
  if (!row || row.totp_secret === null || num(row.active) !== 1) {
    throw new HeadOfficeError('NOT_SIGNED_IN', 'Sign in with your password first.')
  }
  refuseIfLocked(row, now)
  if (!codeMatches(box.open(row.totp_secret), row.email, input.code, now)) {
    await fail(ds, row, policy, now)
  }
  await withDb(ds, async (db) => {
    await setSignInFailures(db, row.user_id, 0, null, now)
    await deleteSession(db, hashToken(input.token))
  })
  return { token: await openSession(ds, row.user_id, 'full', now) }
}

/** How stale a session's last activity may be before a request records it again. */
const SESSION_TOUCH_MS = 60_000

/** The person behind a full session cookie, or null; its use moves the idle clock. */
export async function sessionUser(
  ds: DataSource,
  token: string,
  policy: ConsolePolicy,
  now: number,
): Promise<ConsoleUser | null> {
  return withDb(ds, async (db) => {
    const session = await findSessionWithUser(db, hashToken(token))
    if (!session || session.stage !== 'full') return null
    if (now - num(session.last_seen_at) > policy.idleMs) {
      await deleteSession(db, hashToken(token))
      return null
    }
    const row = session.user
    if (!row || num(row.active) !== 1) return null
    // The idle clock restarts at most once a minute: a busy screen's every request would
    // otherwise be a write and a commit. The timeout can only come up to a minute early.
    if (now - num(session.last_seen_at) >= SESSION_TOUCH_MS)
      await touchSession(db, hashToken(token), now)
    return toUser(row)
  })
}

export async function signOut(ds: DataSource, token: string): Promise<void> {
  await withDb(ds, (db) => deleteSession(db, hashToken(token)))
}

/** Starts TOTP enrolment: a new secret, kept pending until a code from it is confirmed. */
export async function beginTotpEnrolment(
  ds: DataSource,
  box: SecretBox,
  user: ConsoleUser,
  now: number,
): Promise<{ secret: string; uri: string }> {
  const secret = new Secret({ size: 20 }).base32
  const row = await withDb(ds, (db) => findConsoleUser(db, user.userId))
  await withDb(ds, (db) =>
    setTotp(db, user.userId, { secret: row?.totp_secret ?? null, pending: box.seal(secret) }, now),
  )
  return { secret, uri: totpOf(secret, user.email).toString() }
}

/** Confirms enrolment with a code from the authenticator; audited. */
export async function confirmTotpEnrolment(
  ds: DataSource,
  box: SecretBox,
  user: ConsoleUser,
  code: string,
  now: number,
): Promise<void> {
  await inTransaction(ds, async (db) => {
    const row = await findConsoleUser(db, user.userId)
    if (!row?.totp_pending || !codeMatches(box.open(row.totp_pending), user.email, code, now)) {
      throw new HeadOfficeError('UNAUTHORIZED', 'The code does not match: try the next one.')
    }
    await setTotp(db, user.userId, { secret: row.totp_pending, pending: null }, now)
    await recordAudit(
      db,
      {
        actor: user.email,
        action: 'user.totp-enrol',
        subject: user.email,
        before: { totp: row.totp_secret !== null },
        after: { totp: true },
      },
      now,
    )
  })
}

/** What the console shows for the person signed in. */
export function describeUser(user: ConsoleUser) {
  return { ...user, permissions: ROLE_PERMISSIONS[user.role] }
}
