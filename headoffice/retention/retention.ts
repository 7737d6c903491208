import { randomUUID } from 'node:crypto'
import type { DataSource } from 'typeorm'
import { addDays, assuredValue, DEFAULT_SCHEDULE, todayInKolkata } from '../../shared/domain'
import { retentionDays, type RetentionItem } from '../../shared/domain/retention-policy'
import type { ValueBand } from '../../shared/catalog'
import {
  anonymisePlans,
  finishJob,
  oldEnrollmentEvents,
  plansPastRetention,
  releaseJob,
  scrubOldNotifications,
  takeJobLease,
  truncateWal,
  updateEventPayload,
} from '../db/repos/privacy'
import { inTransaction, withDb } from '../db/sql'
import { scrubbedPayload } from '../services/privacy'

const DAY_MS = 86_400_000
const PAGE = 500
/** Longer than any run: a process that died mid-run frees the job after this. */
const LEASE_MS = 30 * 60_000

/** What one run did. */
export interface HeadOfficeRetentionOutcome {
  ran: boolean
  plansAnonymised: number
  eventsScrubbed: number
  notificationsScrubbed: number
}

/** Whether an active plan's last redeemable day is on or before `cutoff`. */
function expiredBy(p: { purchase_date: string; schedule: string }, cutoff: string): boolean {
  // A plan registered without a frozen schedule follows the program's default one.
  const schedule = (JSON.parse(p.schedule) as ValueBand[] | null) ?? DEFAULT_SCHEDULE
  const q = assuredValue({ srpPaise: 1, purchaseDate: p.purchase_date, onDate: cutoff, schedule })
  return q.expiresAfter <= cutoff
}

/** One pass over each item, page by page, each page its own short transaction. */
async function sweep(
  ds: DataSource,
  days: Record<RetentionItem, number>,
  now: number,
): Promise<Omit<HeadOfficeRetentionOutcome, 'ran'>> {
  const cutoff = addDays(
    todayInKolkata(() => now),
    -days['ho-customer-contact'],
  )
  let plansAnonymised = 0
  for (;;) {
    const page = await withDb(ds, (db) => plansPastRetention(db, cutoff, PAGE))
    const due = page
      .filter((p) => p.status !== 'active' || expiredBy(p, cutoff))
      .map((p) => p.plan_number)
    if (due.length > 0) await inTransaction(ds, (db) => anonymisePlans(db, due, now))
    plansAnonymised += due.length
    if (page.length < PAGE || due.length === 0) break
  }
  let eventsScrubbed = 0
  const eventsBefore = now - days['ho-event-payloads'] * DAY_MS
  for (;;) {
    const page = await withDb(ds, (db) => oldEnrollmentEvents(db, eventsBefore, PAGE))
    // A refused event may hold no customer to scrub: such a page changes nothing, and ends the loop.
    const changed = page
      .map((e) => ({ id: e.id, payload: scrubbedPayload(e.payload) }))
      .filter((e, i) => e.payload !== page[i]!.payload)
    await inTransaction(ds, async (db) => {
      for (const e of changed) await updateEventPayload(db, e.id, e.payload)
    })
    eventsScrubbed += changed.length
    if (page.length < PAGE || changed.length === 0) break
  }
  const notificationsScrubbed = await withDb(ds, (db) =>
    scrubOldNotifications(db, now - days['ho-notifications'] * DAY_MS),
  )
  return { plansAnonymised, eventsScrubbed, notificationsScrubbed }
}

/**
 * Head office's daily retention (issue 18, shared/domain/retention-policy.ts): the customer's
 * name, mobile, e-mail and ID mask on plans past `ho-customer-contact` days after they closed (or
 * expired), the customer inside raw enrollment events past `ho-event-payloads` days, the address
 * and text of messages past `ho-notifications` days. Runs once a day however many head-office
 * processes share the database: the first to take the job's lease (one UPDATE, see
 * db/repos/privacy.ts) runs it; the others find it taken or already run today.
 */
export async function runHeadOfficeRetention(
  ds: DataSource,
  now: number,
  overrides: Partial<Record<RetentionItem, number>> = {},
): Promise<HeadOfficeRetentionOutcome> {
  const today = todayInKolkata(() => now)
  const holder = randomUUID()
  const taken = await withDb(ds, (db) =>
    takeJobLease(db, 'retention', holder, today, now, LEASE_MS),
  )
  if (!taken) return { ran: false, plansAnonymised: 0, eventsScrubbed: 0, notificationsScrubbed: 0 }
  try {
    const done = await sweep(ds, retentionDays(overrides), now)
    await withDb(ds, (db) => finishJob(db, 'retention', holder, today))
    await withDb(ds, truncateWal)
    return { ran: true, ...done }
  } catch (error) {
    await withDb(ds, (db) => releaseJob(db, 'retention', holder))
    throw error
  }
}
