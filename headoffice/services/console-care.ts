import { randomUUID } from 'node:crypto'
import type { DataSource } from 'typeorm'
import type { Catalog } from '../../shared/catalog'
import { todayInKolkata } from '../../shared/domain'
import { planKey } from '../../shared/domain/plan-number'
import type { PrivacyRequestKind } from '../../shared/domain/retention-policy'
import { catalogsByVersion, latestCatalog } from '../db/repos/catalogs'
import {
  findNotificationLog,
  notificationLogPage,
  requeueFailedNotification,
  resendsSince,
  setRequestIntake,
  type NotificationFilter,
} from '../db/repos/console-care'
import { insertNotifications, notificationValues } from '../db/repos/notifications'
import { findPlanByKey } from '../db/repos/plans'
import { privacyRequestRow, privacyRequestRows, truncateWal } from '../db/repos/privacy'
import { inTransaction, withDb, type Db } from '../db/sql'
import { HeadOfficeError } from '../errors'
import { letterheadOf, planEnrolledMessages } from '../notifications/compose'
import { recordAudit } from './console-audit'
import { maskContacts, maskEmail, maskMobile, maskRecipient } from './console-masks'
import {
  isErased,
  notificationLine,
  resendRefusal,
  type DltTemplateIds,
} from './console-plan-story'
import {
  accessSummary,
  decideInTransaction,
  recordPrivacyRequest,
  stateOf,
  type Correction,
} from './privacy'

/** How many times a day the console may send one plan's details again (a rolling 24 hours). */
export const RESENDS_PER_DAY = 3
const DAY_MS = 24 * 3600_000

async function catalogOf(db: Db, version: string): Promise<Catalog | null> {
  const found = (await catalogsByVersion(db, [version]))[0] ?? (await latestCatalog(db))
  return found ? (JSON.parse(found.body) as Catalog) : null
}

/**
 * Queues the plan-details message again (SMS, and e-mail where the plan has an address) to the
 * recipient on record, for the notifications dispatcher to send like any other; audited in the
 * same transaction. Refused for a cancelled, redeemed or erased plan, a customer who withdrew
 * consent, and after {@link RESENDS_PER_DAY} resends in 24 hours (the plan's row is locked on
 * PostgreSQL, so two people pressing at once cannot both pass the count).
 */
export async function resendPlanDetails(
  ds: DataSource,
  planNumber: string,
  actor: string,
  now: number,
) {
  return inTransaction(ds, async (db) => {
    const plan = await findPlanByKey(db, planKey(planNumber), true)
    if (!plan) throw new HeadOfficeError('PLAN_NOT_FOUND', `No plan ${planNumber}.`)
    const refusal = resendRefusal(plan)
    if (refusal) throw new HeadOfficeError(refusal.code, refusal.message)
    const recent = await resendsSince(db, plan.planNumber, now - DAY_MS)
    if (recent >= RESENDS_PER_DAY) {
      throw new HeadOfficeError(
        'RATE_LIMITED',
        `Plan ${plan.planNumber}'s details were already resent ${recent} times in the last 24 hours.`,
      )
    }
    const resendId = randomUUID()
    const letterhead = letterheadOf(await catalogOf(db, plan.catalogVersion), plan.storeCode)
    // The enrollment's own message, under a key of its own: the first one's key stays unique.
    const drafts = planEnrolledMessages(plan, letterhead, now).map((d) => ({
      ...d,
      dedupeKey: d.dedupeKey.replace(/^enrolled:/, `resend:${resendId}:`),
    }))
    const ids = drafts.map(() => randomUUID())
    await insertNotifications(
      db,
      drafts.map((d, i) => notificationValues(ids[i] as string, d, now)),
    )
    const queued = drafts.map((d, i) => ({
      id: ids[i] as string,
      channel: d.channel,
      recipient: maskRecipient(d.channel, d.recipient),
    }))
    await recordAudit(
      db,
      { actor, action: 'plan.resend', subject: plan.planNumber, after: { queued } },
      now,
    )
    return { planNumber: plan.planNumber, queued, resendsLeft: RESENDS_PER_DAY - recent - 1 }
  })
}

/** A page of the notifications log (newest first), addresses masked, DLT ids beside templates. */
export async function notificationsPage(
  ds: DataSource,
  q: NotificationFilter & { page: number; pageSize: number },
  dlt: DltTemplateIds,
) {
  const { page, pageSize, ...filter } = q
  const found = await withDb(ds, (db) =>
    notificationLogPage(db, filter, pageSize, (page - 1) * pageSize),
  )
  return {
    total: found.total,
    page,
    pageSize,
    notifications: found.rows.map((r) => notificationLine(r, dlt)),
  }
}

/**
 * Puts a failed message back in the dispatcher's queue (due now), audited. Only a failed one
 * (NOTIFICATION_NOT_RETRYABLE otherwise), never one whose address was erased, nor to a customer
 * who has since withdrawn consent.
 */
export async function retryNotification(
  ds: DataSource,
  id: string,
  actor: string,
  now: number,
  dlt: DltTemplateIds,
) {
  return inTransaction(ds, async (db) => {
    const row = await findNotificationLog(db, id)
    if (!row) throw new HeadOfficeError('NOT_FOUND', `No notification ${id}.`)
    if (row.status !== 'failed') {
      throw new HeadOfficeError(
        'NOTIFICATION_NOT_RETRYABLE',
        `Only a failed message can be sent again; this one is ${row.status}.`,
      )
    }
    if (!row.recipient) {
      throw new HeadOfficeError(
        'PRIVACY_ALREADY_ERASED',
        "This message's address was erased: it cannot be sent again.",
      )
    }
    const plan = await findPlanByKey(db, planKey(row.plan_number))
    if (plan && !plan.notify) {
      throw new HeadOfficeError(
        'MESSAGES_NOT_CONSENTED',
        `Plan ${row.plan_number}'s customer has withdrawn consent to messages.`,
      )
    }
    if ((await requeueFailedNotification(db, id, now)) === 0) {
      throw new HeadOfficeError('NOTIFICATION_NOT_RETRYABLE', 'Someone else retried it first.')
    }
    await recordAudit(
      db,
      {
        actor,
        action: 'notification.retry',
        subject: row.plan_number,
        before: {
          notification: id,
          status: row.status,
          attempts: Number(row.attempts),
          lastError: row.last_error ? maskContacts(row.last_error) : null,
        },
        after: { notification: id, status: 'pending' },
      },
      now,
    )
    return notificationLine({ ...row, status: 'pending', next_attempt_at: now }, dlt)
  })
}

/** How a request taken in the console reached the desk. */
export const INTAKE_CHANNELS = ['phone', 'email', 'letter', 'in-person'] as const
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number]

/** A request as the console lists it: due date, overdue, and how the person was identified. */
function requestLine(r: Record<string, unknown> & Parameters<typeof stateOf>[0], today: string) {
  const s = stateOf(r)
  return {
    ...s,
    overdue: s.status === 'open' && s.dueOn < today,
    identityCheck:
      typeof r.identity_check === 'string'
        ? r.identity_check
        : s.source === 'kiosk'
          ? 'ID last 4 checked at the store'
          : null,
    raisedBy: typeof r.raised_by === 'string' ? r.raised_by : null,
    storeCode: r.store_code ?? null,
  }
}

/** Data-principal requests by due date (open first when unfiltered), overdue ones marked. */
export async function consoleRequests(
  ds: DataSource,
  status: 'open' | 'completed' | 'refused' | undefined,
  now: number,
) {
  const today = todayInKolkata(() => now)
  const found = await withDb(ds, (db) => privacyRequestRows(db, status))
  return found.map((r) => requestLine(r as never, today))
}

/**
 * Takes a data principal's request in the console (docs/privacy.md#how-a-request-is-handled):
 * the person's identity is checked first — the last 4 characters of the ID they enrolled with,
 * as at a store's kiosk — and a mismatch is refused before anything is recorded. The request is
 * then recorded by the privacy service (due date, what it does at once), with how the identity
 * was checked and who took it, and audited, all in one transaction. The audit line never holds a
 * correction's new values.
 */
export async function takeRequest(
  ds: DataSource,
  input: {
    kind: PrivacyRequestKind
    planNumber: string
    channel: IntakeChannel
    idLast4: string
    correction?: Correction
  },
  actor: string,
  now: number,
) {
  const today = todayInKolkata(() => now)
  return inTransaction(ds, async (db) => {
    const plan = await findPlanByKey(db, planKey(input.planNumber))
    if (!plan) throw new HeadOfficeError('PLAN_NOT_FOUND', `No plan ${input.planNumber}.`)
    if (isErased(plan)) {
      throw new HeadOfficeError(
        'PRIVACY_ALREADY_ERASED',
        "This customer's data was already erased.",
      )
    }
    if (plan.idLast4.toUpperCase() !== input.idLast4.trim().toUpperCase()) {
      throw new HeadOfficeError(
        'PRIVACY_IDENTITY_MISMATCH',
        "The ID's last 4 characters do not match this plan's customer: nothing was recorded.",
      )
    }
    const correction = input.correction
    if (
      input.kind === 'correction' &&
      (!correction || Object.values(correction).every((v) => v === undefined))
    ) {
      throw new HeadOfficeError('PRIVACY_CORRECTION_EMPTY', 'Say what is to be corrected.')
    }
    const id = randomUUID()
    await recordPrivacyRequest(
      db,
      {
        id,
        kind: input.kind,
        planNumber: plan.planNumber,
        source: 'headoffice',
        kioskId: null,
        storeCode: null,
        receivedOn: today,
        ...(input.kind === 'correction' && correction ? { correction } : {}),
      },
      now,
    )
    const identityCheck = `ID last 4 matched (${input.channel})`
    await setRequestIntake(db, id, identityCheck, actor)
    await recordAudit(
      db,
      {
        actor,
        action: 'privacy.intake',
        subject: plan.planNumber,
        after: { requestId: id, kind: input.kind, identityCheck },
      },
      now,
    )
    return requestLine((await privacyRequestRow(db, id)) as never, today)
  })
}

/** Completes or refuses an open request through the privacy service, audited with it. */
export async function decideRequest(
  ds: DataSource,
  id: string,
  decision: { action: 'complete' | 'refuse'; note: string },
  actor: string,
  now: number,
) {
  const today = todayInKolkata(() => now)
  const decided = await inTransaction(ds, async (db) => {
    const before = await privacyRequestRow(db, id)
    await decideInTransaction(db, id, decision, now)
    const after = (await privacyRequestRow(db, id))!
    await recordAudit(
      db,
      {
        actor,
        action: `privacy.${decision.action}`,
        subject: (JSON.parse(after.plan_numbers) as string[])[0] ?? id,
        before: { requestId: id, kind: before?.kind, status: before?.status },
        after: { requestId: id, kind: after.kind, status: after.status, note: decision.note },
      },
      now,
    )
    return requestLine(after as never, today)
  })
  // After the commit: a checkpoint inside the transaction could not empty the WAL.
  await withDb(ds, truncateWal)
  return decided
}

/**
 * What head office holds about a request's person, as the console shows it: the plans the request
 * reaches (every plan with the same mobile — the desk checks they are one person's before an
 * erasure), consent to messages, how long each item is kept; the contact details masked.
 */
export async function requestSummary(ds: DataSource, id: string) {
  const s = await accessSummary(ds, id)
  return {
    ...s,
    customer: s.customer
      ? {
          name: s.customer.name,
          mobile: maskMobile(s.customer.mobile),
          email: s.customer.email ? maskEmail(s.customer.email) : null,
          idMasked: s.customer.idMasked,
        }
      : null,
  }
}
