import { randomUUID } from 'node:crypto'
import type { DataSource } from 'typeorm'
import { addDays, addMonths } from '../../shared/domain'
import { insertRows, rows, withDb } from '../db/sql'
import { planFromRow } from '../ingest/plan-row'
import { stepDownReminderMessages } from './compose'
import { NOTIFICATION_COLUMNS, notificationValues, type NotificationDraft } from './draft'

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
  for (;;) {
    const page = await withDb(ds, (db) =>
      rows(
        db,
        `SELECT * FROM ho_plan WHERE status = 'active' AND notify = 1 AND purchase_date >= ?
         AND plan_number > ? ORDER BY plan_number LIMIT ?`,
        [oldest, after, PAGE],
      ),
    )
    const drafts: NotificationDraft[] = []
    for (const r of page) {
      drafts.push(...stepDownReminderMessages(planFromRow(r), today, daysBefore, addDays, sendAt))
    }
    if (drafts.length > 0) {
      await withDb(ds, async (db) => {
        const before = await rows<{ n: number }>(db, `SELECT COUNT(*) AS n FROM ho_notification`)
        await insertRows(
          db,
          'ho_notification',
          NOTIFICATION_COLUMNS,
          drafts.map((d) => notificationValues(randomUUID(), d, sendAt)),
          { onConflictDoNothing: true },
        )
        const after2 = await rows<{ n: number }>(db, `SELECT COUNT(*) AS n FROM ho_notification`)
        queued += Number(after2[0]?.n) - Number(before[0]?.n)
      })
    }
    if (page.length < PAGE) break
    after = String(page[page.length - 1]?.plan_number)
  }
  return queued
}
