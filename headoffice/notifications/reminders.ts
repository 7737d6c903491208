import { randomUUID } from 'node:crypto'
import type { DataSource } from 'typeorm'
import type { Catalog } from '../../shared/catalog'
import { addDays, addMonths } from '../../shared/domain'
import {
  countNotifications,
  insertNotifications,
  notificationValues,
} from '../db/repos/notifications'
import { latestCatalog } from '../db/repos/catalogs'
import { notifiablePlansPage } from '../db/repos/plans'
import { withDb } from '../db/sql'
import { letterheadOf, stepDownReminderMessages } from './compose'
import type { NotificationDraft } from './draft'

const PAGE = 2_000

/**
 * Queues the step-down reminders due today: for every active plan (with notification consent)
 * whose assured value steps down exactly `daysBefore` days from `today`. Run daily; the dedupe
 * key makes a second run the same day (or a run on two servers) queue nothing new.
 */
export async function enqueueStepDownReminders(
  ds: DataSource,
  today: string,
  daysBefore: number,
  sendAt: number,
): Promise<number> {
  // Plans older than the last band (15 months by default) have no step-down left; 24 months
  // leaves room for longer schedules in a future catalog.
  const oldest = addMonths(today, -24)
  let queued = 0
  let after = ''
  // Published catalogs were validated when head office published them.
  const latest = await withDb(ds, (db) => latestCatalog(db))
  const catalog = latest ? (JSON.parse(latest.body) as Catalog) : null
  for (;;) {
    const page = await withDb(ds, (db) => notifiablePlansPage(db, oldest, after, PAGE))
    const drafts: NotificationDraft[] = []
    for (const plan of page) {
      const letterhead = letterheadOf(catalog, plan.storeCode)
      drafts.push(...stepDownReminderMessages(plan, letterhead, today, daysBefore, addDays, sendAt))
    }
    if (drafts.length > 0) {
      await withDb(ds, async (db) => {
        const before = await countNotifications(db)
        await insertNotifications(
          db,
          drafts.map((d) => notificationValues(randomUUID(), d, sendAt)),
        )
        queued += (await countNotifications(db)) - before
      })
    }
    if (page.length < PAGE) break
    after = String(page[page.length - 1]?.planNumber)
  }
  return queued
}
