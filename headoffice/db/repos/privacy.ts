import { ANONYMISED } from '../../../shared/domain/retention-policy'
import type { PrivacyRequestState } from '../../../shared/sync/protocol'
import { type Db, exec, inList, one, rows } from '../sql'

// The SQL of data-principal requests and of retention at head office (issue 18).

/** A request as stored. */
export interface PrivacyRequestRow {
  id: string
  kind: PrivacyRequestState['kind']
  status: PrivacyRequestState['status']
  source: PrivacyRequestState['source']
  kiosk_id: string | null
  store_code: string | null
  plan_numbers: string
  received_on: string
  due_on: string
  completed_on: string | null
  outcome: string | null
  details: string | null
}

export const PRIVACY_REQUEST_COLUMNS = [
  'id',
  'kind',
  'status',
  'source',
  'kiosk_id',
  'store_code',
  'plan_numbers',
  'received_on',
  'due_on',
  'details',
  'created_at',
  'updated_at',
] as const

/** Records a new request (`ON CONFLICT DO NOTHING`: the same id twice is one request). */
export async function insertPrivacyRequest(db: Db, values: unknown[]): Promise<number> {
  return exec(
    db,
    `INSERT INTO ho_privacy_request (${PRIVACY_REQUEST_COLUMNS.join(',')})
     VALUES ${inList(PRIVACY_REQUEST_COLUMNS.length)} ON CONFLICT DO NOTHING`,
    values,
  )
}

export function privacyRequestRow(db: Db, id: string): Promise<PrivacyRequestRow | null> {
  return one<PrivacyRequestRow>(db, 'SELECT * FROM ho_privacy_request WHERE id = ?', [id])
}

/** Requests, by due date (open first), optionally of one status. */
export function privacyRequestRows(
  db: Db,
  status: PrivacyRequestState['status'] | undefined,
): Promise<PrivacyRequestRow[]> {
  return status
    ? rows(db, 'SELECT * FROM ho_privacy_request WHERE status = ? ORDER BY due_on, id', [status])
    : rows(db, 'SELECT * FROM ho_privacy_request ORDER BY due_on, id')
}

/** Closes a request: completed or refused, with a short note; its `details` go. */
export async function closePrivacyRequest(
  db: Db,
  id: string,
  status: 'completed' | 'refused',
  on: string,
  outcome: string,
  now: number,
): Promise<void> {
  await exec(
    db,
    `UPDATE ho_privacy_request SET status = ?, completed_on = ?, outcome = ?, details = NULL,
       updated_at = ? WHERE id = ?`,
    [status, on, outcome, now, id],
  )
}

/** The person's details and plans, as head office's registry holds them. */
export interface PersonPlan {
  plan_number: string
  status: string
  store_code: string
  closed_store: string | null
  customer_name: string
  mobile: string
  email: string | null
  id_type: string
  id_masked: string
  notify: number
  model_name: string
  enrolled_on: string
}

const PERSON_COLUMNS = `plan_number, status, store_code, closed_store, customer_name, mobile,
  email, id_type, id_masked, notify, model_name, enrolled_on`

/**
 * The plans of the person a plan's customer is: the plan itself and every plan registered with
 * the same mobile number (how head office knows a customer across stores). Empty when the plan
 * does not exist.
 */
export async function plansOfPerson(db: Db, planNumber: string): Promise<PersonPlan[]> {
  const named = await one<PersonPlan>(
    db,
    `SELECT ${PERSON_COLUMNS} FROM ho_plan WHERE plan_number = ?`,
    [planNumber],
  )
  if (!named) return []
  if (named.mobile === ANONYMISED.mobile) return [named]
  return rows<PersonPlan>(
    db,
    `SELECT ${PERSON_COLUMNS} FROM ho_plan WHERE mobile = ? OR plan_number = ?
     ORDER BY enrolled_on, plan_number`,
    [named.mobile, planNumber],
  )
}

/** Corrects the person's details on these plans. */
export async function correctPlans(
  db: Db,
  planNumbers: string[],
  c: { name?: string; mobile?: string; email?: string | null },
  now: number,
): Promise<void> {
  const where = `plan_number IN ${inList(planNumbers.length)}`
  if (c.name !== undefined)
    await exec(db, `UPDATE ho_plan SET customer_name = ?, updated_at = ? WHERE ${where}`, [
      c.name,
      now,
      ...planNumbers,
    ])
  if (c.mobile !== undefined)
    await exec(db, `UPDATE ho_plan SET mobile = ?, updated_at = ? WHERE ${where}`, [
      c.mobile,
      now,
      ...planNumbers,
    ])
  if (c.email !== undefined)
    await exec(db, `UPDATE ho_plan SET email = ?, updated_at = ? WHERE ${where}`, [
      c.email,
      now,
      ...planNumbers,
    ])
}

/** No more messages to these plans' customer: the flag off, messages not yet sent dropped. */
export async function stopMessages(db: Db, planNumbers: string[], now: number): Promise<void> {
  const where = `plan_number IN ${inList(planNumbers.length)}`
  await exec(db, `UPDATE ho_plan SET notify = 0, updated_at = ? WHERE ${where}`, [
    now,
    ...planNumbers,
  ])
  await exec(db, `DELETE FROM ho_notification WHERE status = 'pending' AND ${where}`, planNumbers)
}

/** Replaces the person's details on these plans with the anonymised values. */
export async function anonymisePlans(db: Db, planNumbers: string[], now: number): Promise<void> {
  await exec(
    db,
    `UPDATE ho_plan SET customer_name = ?, mobile = ?, email = NULL, id_masked = 'XXXX',
       id_last4 = '----', notify = 0, updated_at = ?
     WHERE plan_number IN ${inList(planNumbers.length)}`,
    [ANONYMISED.name, ANONYMISED.mobile, now, ...planNumbers],
  )
}

/**
 * The messages of these plans keep their kind, time and status, not the address or the text:
 * pending ones are dropped (they would reach a person who asked not to be reached).
 */
export async function scrubNotificationsOf(db: Db, planNumbers: string[]): Promise<void> {
  const where = `plan_number IN ${inList(planNumbers.length)}`
  await exec(db, `DELETE FROM ho_notification WHERE status = 'pending' AND ${where}`, planNumbers)
  await exec(
    db,
    `UPDATE ho_notification SET recipient = '', variables = '{}', subject = NULL, body = '',
       html = NULL WHERE ${where}`,
    planNumbers,
  )
}

/** Sent or failed messages created before `before` that still hold their address or text. */
export async function scrubOldNotifications(db: Db, before: number): Promise<number> {
  return exec(
    db,
    `UPDATE ho_notification SET recipient = '', variables = '{}', subject = NULL, body = '',
       html = NULL WHERE status IN ('sent', 'failed') AND created_at < ? AND recipient <> ''`,
    [before],
  )
}

/** Raw events that may hold a person: enrollments (customer) and privacy requests (correction). */
export interface StoredEvent {
  id: string
  payload: string
}

/** Stored enrollment and privacy-request events of these plans. */
export function eventsOfPlans(db: Db, planNumbers: string[]): Promise<StoredEvent[]> {
  // The plan number sits in the payload's JSON text; a LIKE prefilter, checked exactly by the caller.
  const likes = planNumbers.map(() => 'payload LIKE ?').join(' OR ')
  return rows<StoredEvent>(
    db,
    `SELECT id, payload FROM ho_sync_event
     WHERE type IN ('plan.enrolled', 'privacy.requested') AND (${likes})`,
    planNumbers.map((n) => `%${JSON.stringify(n).slice(1, -1)}%`),
  )
}

/** Stored enrollment events received before `before` still naming their customer (a page). */
export function oldEnrollmentEvents(db: Db, before: number, limit: number): Promise<StoredEvent[]> {
  return rows<StoredEvent>(
    db,
    `SELECT id, payload FROM ho_sync_event
     WHERE type = 'plan.enrolled' AND received_at < ? AND payload NOT LIKE ?
     ORDER BY id LIMIT ?`,
    [before, `%"name":"${ANONYMISED.name}"%`, limit],
  )
}

export async function updateEventPayload(db: Db, id: string, payload: string): Promise<void> {
  await exec(db, 'UPDATE ho_sync_event SET payload = ? WHERE id = ?', [payload, id])
}

/** Plans (not anonymised) closed on or before `cutoff`, or still active and bought before it. */
export function plansPastRetention(
  db: Db,
  cutoff: string,
  limit: number,
): Promise<
  Array<{ plan_number: string; status: string; purchase_date: string; schedule: string }>
> {
  return rows(
    db,
    `SELECT plan_number, status, purchase_date, schedule FROM ho_plan
     WHERE customer_name <> ? AND (
       (status IN ('redeemed', 'cancelled') AND closed_on <= ?)
       OR (status = 'active' AND purchase_date <= ?))
     ORDER BY plan_number LIMIT ?`,
    [ANONYMISED.name, cutoff, cutoff, limit],
  )
}

/**
 * Takes the daily job's lease in one UPDATE (a row lock on PostgreSQL): only when the job has not
 * run on `today` and nobody holds an unexpired lease. True when this caller now holds it.
 */
export async function takeJobLease(
  db: Db,
  name: string,
  holder: string,
  today: string,
  now: number,
  leaseMs: number,
): Promise<boolean> {
  const taken = await exec(
    db,
    `UPDATE ho_job SET lease_holder = ?, lease_until = ?
     WHERE name = ? AND (last_run_on IS NULL OR last_run_on < ?) AND lease_until < ?`,
    [holder, now + leaseMs, name, today, now],
  )
  return taken === 1
}

/** Records the day the job ran and gives the lease back. */
export async function finishJob(
  db: Db,
  name: string,
  holder: string,
  today: string,
): Promise<void> {
  await exec(
    db,
    `UPDATE ho_job SET last_run_on = ?, lease_holder = NULL, lease_until = 0
     WHERE name = ? AND lease_holder = ?`,
    [today, name, holder],
  )
}

/** Gives the lease back after a failed run (the next tick tries again). */
export async function releaseJob(db: Db, name: string, holder: string): Promise<void> {
  await exec(
    db,
    `UPDATE ho_job SET lease_holder = NULL, lease_until = 0 WHERE name = ? AND lease_holder = ?`,
    [name, holder],
  )
}

/**
 * On SQLite, copies the WAL into the database file and empties it, so no old frame keeps a value
 * an erasure or retention overwrote (secure_delete zeroes the freed space in the file itself).
 * PostgreSQL keeps old row versions until VACUUM reuses their space: nothing to do here.
 */
export async function truncateWal(db: Db): Promise<void> {
  if (db.dialect === 'sqlite') await rows(db, 'PRAGMA wal_checkpoint(TRUNCATE)')
}
