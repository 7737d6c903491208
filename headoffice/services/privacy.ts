import { randomUUID } from 'node:crypto'
import type { DataSource } from 'typeorm'
import { addDays, todayInKolkata } from '../../shared/domain'
import {
  ANONYMISED,
  PRIVACY_REQUEST_DUE_DAYS,
  RETENTION_POLICY,
  type PrivacyRequestKind,
} from '../../shared/domain/retention-policy'
import type { PrivacyRequestState } from '../../shared/sync/protocol'
import { appendChanges } from '../db/repos/feed'
import {
  anonymisePlans,
  closePrivacyRequest,
  correctPlans,
  eventsOfPlans,
  insertPrivacyRequest,
  plansOfPerson,
  privacyRequestRow,
  privacyRequestRows,
  scrubNotificationsOf,
  stopMessages,
  truncateWal,
  updateEventPayload,
  type PersonPlan,
  type PrivacyRequestRow,
} from '../db/repos/privacy'
import { type Db, inTransaction, withDb } from '../db/sql'
import { HeadOfficeError } from '../errors'

/** A correction's new values (kept in the request only until applied). */
export interface Correction {
  name?: string
  mobile?: string
  email?: string | null
}

/** A new request, from a kiosk's event or the admin desk. */
export interface NewPrivacyRequest {
  id: string
  kind: PrivacyRequestKind
  planNumber: string
  source: 'kiosk' | 'headoffice'
  kioskId: string | null
  storeCode: string | null
  receivedOn: string
  correction?: Correction
}

/** A request as the admin desk and the kiosks see it. */
export function stateOf(r: PrivacyRequestRow): PrivacyRequestState & { overdue: boolean } {
  return {
    requestId: r.id,
    kind: r.kind,
    status: r.status,
    source: r.source,
    receivedOn: r.received_on,
    dueOn: r.due_on,
    completedOn: r.completed_on,
    outcome: r.outcome,
    planNumbers: JSON.parse(r.plan_numbers) as string[],
    overdue: false,
  }
}

/** The stores whose kiosks hold these plans: where enrolled and where closed. */
function audienceOf(plans: PersonPlan[]): string[] {
  const stores = new Set<string>()
  for (const p of plans) {
    stores.add(p.store_code)
    if (p.closed_store) stores.add(p.closed_store)
  }
  return [...stores].sort()
}

/** Tells the kiosks of the person's stores the request's state (the pull feed). */
async function publish(db: Db, id: string, plans: PersonPlan[], now: number): Promise<void> {
  const row = await privacyRequestRow(db, id)
  if (!row || plans.length === 0) return
  const { overdue: _o, ...request } = stateOf(row)
  await appendChanges(
    db,
    [{ audience: audienceOf(plans), change: { kind: 'privacy.request', request } }],
    now,
  )
}

/** The customer inside a stored event replaced by the anonymised values; a correction dropped. */
export function scrubbedPayload(text: string): string {
  const event = JSON.parse(text) as { payload?: Record<string, unknown> }
  const p = event.payload
  if (!p) return text
  if (p.customer && typeof p.customer === 'object') {
    p.customer = {
      ...(p.customer as object),
      name: ANONYMISED.name,
      mobile: ANONYMISED.mobile,
      email: null,
      idMasked: 'XXXX',
      idLast4: '----',
      aadhaarHmac: null,
    }
  }
  if (p.consent && typeof p.consent === 'object') {
    p.consent = { ...(p.consent as object), guardianName: null }
  }
  delete p.correction
  return JSON.stringify(event)
}

/**
 * Erases the person everywhere at head office except the GST record: their plan rows keep the
 * plan and invoice figures (number, dates, fee, SAC, state) and lose name, mobile, e-mail and ID
 * mask; their raw events lose the customer; their messages lose address and text. Refused while
 * any of their plans is active: the plan is the purpose the data is kept for (DPDP Act s.12(3)).
 */
async function erase(db: Db, plans: PersonPlan[], now: number): Promise<void> {
  if (plans.some((p) => p.status === 'active')) {
    throw new HeadOfficeError(
      'PRIVACY_PLAN_ACTIVE',
      'The customer has an active plan: it must be cancelled or have ended before erasure.',
    )
  }
  const numbers = plans.map((p) => p.plan_number)
  await anonymisePlans(db, numbers, now)
  await scrubNotificationsOf(db, numbers)
  for (const e of await eventsOfPlans(db, numbers)) {
    const event = JSON.parse(e.payload) as { payload?: { planNumber?: string } }
    if (!numbers.includes(event.payload?.planNumber ?? '')) continue
    await updateEventPayload(db, e.id, scrubbedPayload(e.payload))
  }
}

/**
 * Carries out a request head office can complete by itself, in the caller's transaction: a
 * correction is applied to every plan of the person, a withdrawal stops every message to them
 * (service messages too: DPDP Act s.6(4) — withdrawing is as easy as consenting; the plan itself
 * stays valid and the customer redeems it at a store). Access and erasure wait for the desk.
 */
async function carryOut(db: Db, r: NewPrivacyRequest, plans: PersonPlan[], now: number) {
  const numbers = plans.map((p) => p.plan_number)
  const today = todayInKolkata(() => now)
  if (r.kind === 'correction' && r.correction) {
    await correctPlans(db, numbers, r.correction, now)
    await closePrivacyRequest(db, r.id, 'completed', today, 'corrected', now)
  }
  if (r.kind === 'withdrawal') {
    await stopMessages(db, numbers, now)
    await closePrivacyRequest(db, r.id, 'completed', today, 'messages stopped', now)
  }
}

/**
 * Records a data principal's request with its due date (PRIVACY_REQUEST_DUE_DAYS after it was
 * received) and carries out what needs no decision, in the caller's transaction; the person's
 * kiosks learn its state by the feed. Unknown plan: PLAN_NOT_FOUND.
 */
export async function recordPrivacyRequest(
  db: Db,
  r: NewPrivacyRequest,
  now: number,
): Promise<void> {
  const plans = await plansOfPerson(db, r.planNumber)
  if (plans.length === 0) throw new HeadOfficeError('PLAN_NOT_FOUND', `No plan ${r.planNumber}.`)
  const inserted = await insertPrivacyRequest(db, [
    r.id,
    r.kind,
    'open',
    r.source,
    r.kioskId,
    r.storeCode,
    JSON.stringify(plans.map((p) => p.plan_number)),
    r.receivedOn,
    addDays(r.receivedOn, PRIVACY_REQUEST_DUE_DAYS),
    r.correction ? JSON.stringify(r.correction) : null,
    now,
    now,
  ])
  if (inserted === 0) return
  await carryOut(db, r, plans, now)
  await publish(db, r.id, plans, now)
}

/** The admin desk raises a request (a letter or e-mail to the grievance officer). */
export function raisePrivacyRequest(
  ds: DataSource,
  input: { kind: PrivacyRequestKind; planNumber: string; correction?: Correction },
  now: number,
): Promise<PrivacyRequestState & { overdue: boolean }> {
  const id = randomUUID()
  return inTransaction(ds, async (db) => {
    await recordPrivacyRequest(
      db,
      {
        id,
        kind: input.kind,
        planNumber: input.planNumber,
        source: 'headoffice',
        kioskId: null,
        storeCode: null,
        receivedOn: todayInKolkata(() => now),
        ...(input.correction ? { correction: input.correction } : {}),
      },
      now,
    )
    return withOverdue((await privacyRequestRow(db, id))!, now)
  })
}

function withOverdue(r: PrivacyRequestRow, now: number) {
  const s = stateOf(r)
  return { ...s, overdue: s.status === 'open' && s.dueOn < todayInKolkata(() => now) }
}

/** Requests by due date, each marked overdue when open past it. */
export async function listPrivacyRequests(
  ds: DataSource,
  status: PrivacyRequestState['status'] | undefined,
  now: number,
) {
  const found = await withDb(ds, (db) => privacyRequestRows(db, status))
  return found.map((r) => withOverdue(r, now))
}

/**
 * What head office holds about the request's person (the access request's answer, DPDP Act
 * s.11): their details, consent to messages and plans, and how long each is kept.
 */
export async function accessSummary(ds: DataSource, id: string) {
  return withDb(ds, async (db) => {
    const r = await privacyRequestRow(db, id)
    if (!r) throw new HeadOfficeError('PRIVACY_REQUEST_NOT_FOUND', `No privacy request ${id}.`)
    const first = (JSON.parse(r.plan_numbers) as string[])[0]!
    const plans = await plansOfPerson(db, first)
    const p = plans[0]
    return {
      customer: p
        ? { name: p.customer_name, mobile: p.mobile, email: p.email, idMasked: p.id_masked }
        : null,
      serviceMessages: plans.some((x) => x.notify === 1),
      plans: plans.map((x) => ({
        planNumber: x.plan_number,
        status: x.status,
        storeCode: x.store_code,
        modelName: x.model_name,
        enrolledOn: x.enrolled_on,
      })),
      retention: (['ho-customer-contact', 'ho-event-payloads', 'ho-notifications'] as const).map(
        (item) => ({ item, what: RETENTION_POLICY[item].what, days: RETENTION_POLICY[item].days }),
      ),
    }
  })
}

/**
 * The desk's decision on an open request: `complete` (an erasure is carried out here and reaches
 * every kiosk holding the person's plans on its next pull; an access request is marked answered)
 * or `refuse` with the reason the customer is told.
 */
export async function decidePrivacyRequest(
  ds: DataSource,
  id: string,
  decision: { action: 'complete' | 'refuse'; note: string },
  now: number,
) {
  const decided = await inTransaction(ds, (db) => decideInTransaction(db, id, decision, now))
  // After the commit: a checkpoint inside the transaction could not empty the WAL.
  await withDb(ds, truncateWal)
  return decided
}

/**
 * {@link decidePrivacyRequest} in the caller's transaction (the console audits the decision in
 * the same one); the caller empties SQLite's WAL after its commit (`truncateWal`).
 */
export async function decideInTransaction(
  db: Db,
  id: string,
  decision: { action: 'complete' | 'refuse'; note: string },
  now: number,
) {
  const r = await privacyRequestRow(db, id)
  if (!r) throw new HeadOfficeError('PRIVACY_REQUEST_NOT_FOUND', `No privacy request ${id}.`)
  if (r.status !== 'open') {
    throw new HeadOfficeError('PRIVACY_REQUEST_CLOSED', `Privacy request ${id} is ${r.status}.`)
  }
  const numbers = JSON.parse(r.plan_numbers) as string[]
  const plans = await plansOfPerson(db, numbers[0]!)
  const today = todayInKolkata(() => now)
  if (decision.action === 'refuse') {
    await closePrivacyRequest(db, id, 'refused', today, decision.note, now)
  } else {
    if (r.kind === 'erasure') await erase(db, plans, now)
    if (r.kind === 'correction' && r.details) {
      await correctPlans(db, numbers, JSON.parse(r.details) as Correction, now)
    }
    if (r.kind === 'withdrawal') await stopMessages(db, numbers, now)
    await closePrivacyRequest(db, id, 'completed', today, decision.note, now)
  }
  await publish(db, id, plans, now)
  return withOverdue((await privacyRequestRow(db, id))!, now)
}
