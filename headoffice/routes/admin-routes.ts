import type { FastifyInstance, FastifyReply } from 'fastify'
import type { DataSource } from 'typeorm'
import { z } from 'zod'
import { todayInKolkata } from '../../shared/domain'
import { StaffRecordSchema } from '../../shared/sync/protocol'
import { kioskId } from '../../shared/sync/signing'
import { notificationList } from '../db/repos/notifications'
import { withDb } from '../db/sql'
import { adminAuthHook } from '../http/admin-auth'
import { answeringWith } from '../http/errors'
import { validate } from '../http/validate'
import { enqueueStepDownReminders } from '../notifications/reminders'
import { listCatalogs, publishCatalog } from '../services/catalog-publisher'
import { listConflicts, resolveConflict } from '../services/conflicts'
import { listKiosks, registerKiosk, revokeKiosk } from '../services/kiosk-registry'
import { gstSummary, gstSummaryRow } from '../services/gst-report'
import { activityReport, duplicateImeiReport, liabilityReport, toCsv } from '../services/reports'
import type { SecretBox } from '../services/secret-box'
import { upsertStaff } from '../services/staff'

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const storeCode = z.string().regex(/^[A-Z0-9]{2,8}$/)
const kioskCode = z.string().regex(/^[A-Za-z0-9-]{1,8}$/)
const format = z.enum(['json', 'csv']).default('json')

export interface AdminDeps {
  ds: DataSource
  box: SecretBox
  clock: () => number
  adminToken: string
  reminderDaysBefore: number
}

function reply(res: FastifyReply, fmt: 'json' | 'csv', name: string, lines: object[]) {
  if (fmt === 'csv') {
    void res.header('content-type', 'text/csv; charset=utf-8')
    void res.header('content-disposition', `attachment; filename="${name}.csv"`)
    return toCsv(lines)
  }
  return { ok: true, data: lines }
}

/** Head-office desk endpoints under /admin, all behind the admin bearer token. */
export function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { ds, clock } = deps
  void app.register(
    async (admin) => {
      admin.addHook('onRequest', adminAuthHook(deps.adminToken))

      admin.post('/kiosks', async (request) => {
        const body = validate(
          z.object({
            storeCode,
            kioskCode,
            storeName: z.string().min(1).max(120).optional(),
            rotate: z.boolean().default(false),
          }),
          request.body,
        )
        const result = await registerKiosk(ds, deps.box, body, clock())
        return { ok: true, data: result }
      })

      admin.get('/kiosks', async () => ({ ok: true, data: await listKiosks(ds) }))

      admin.post('/kiosks/:storeCode/:kioskCode/revoke', async (request) => {
        const p = validate(z.object({ storeCode, kioskCode }), request.params)
        const id = kioskId(p.storeCode, p.kioskCode)
        // The desk named a kiosk that does not exist: not found (a kiosk unknown when it signs is
        // unauthorised).
        await answeringWith({ KIOSK_UNKNOWN: 404 }, () => revokeKiosk(ds, id, clock()))
        return { ok: true, data: { kioskId: id, status: 'revoked' } }
      })

      admin.post('/catalogs', { bodyLimit: 8 * 1024 * 1024 }, async (request) => {
        const body = validate(z.unknown(), request.body)
        return {
          ok: true,
          data: await publishCatalog(ds, body, clock(), { publishedBy: 'admin token' }),
        }
      })

      admin.get('/catalogs', async () => ({ ok: true, data: await listCatalogs(ds) }))

      admin.put('/stores/:storeCode/staff/:staffCode', async (request) => {
        const p = validate(
          z.object({ storeCode, staffCode: z.string().min(1).max(32) }),
          request.params,
        )
        const body = validate(StaffRecordSchema.omit({ staffCode: true }), request.body)
        await upsertStaff(ds, p.storeCode, { ...body, staffCode: p.staffCode }, clock())
        return { ok: true, data: { storeCode: p.storeCode, staffCode: p.staffCode } }
      })

      admin.get('/conflicts', async (request) => {
        const q = validate(
          z.object({ status: z.enum(['open', 'resolved']).optional() }),
          request.query,
        )
        return { ok: true, data: await listConflicts(ds, q.status) }
      })

      admin.post('/conflicts/:conflictId/resolve', async (request) => {
        const p = validate(z.object({ conflictId: z.uuid() }), request.params)
        const body = validate(z.object({ resolution: z.string().min(1).max(1000) }), request.body)
        return { ok: true, data: await resolveConflict(ds, p.conflictId, body.resolution, clock()) }
      })

      admin.get('/notifications', async (request) => {
        const q = validate(
          z.object({
            status: z.enum(['pending', 'sending', 'sent', 'failed']).optional(),
            planNumber: z.string().max(40).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          }),
          request.query,
        )
        return { ok: true, data: await withDb(ds, (db) => notificationList(db, q)) }
      })

      admin.post('/reminders/run', async (request) => {
        const body = validate(
          z.object({ today: localDate.optional() }).default({}),
          request.body ?? {},
        )
        const now = clock()
        const today = body.today ?? todayInKolkata(() => now)
        const queued = await enqueueStepDownReminders(ds, today, deps.reminderDaysBefore, now)
        return { ok: true, data: { today, queued } }
      })

      admin.get('/reports/liability', async (request, res) => {
        const q = validate(z.object({ asOf: localDate.optional(), format }), request.query)
        const asOf = q.asOf ?? todayInKolkata(clock)
        return reply(res, q.format, `liability-${asOf}`, await liabilityReport(ds, asOf))
      })

      admin.get('/reports/activity', async (request, res) => {
        const q = validate(z.object({ from: localDate, to: localDate, format }), request.query)
        return reply(
          res,
          q.format,
          `activity-${q.from}-${q.to}`,
          await activityReport(ds, q.from, q.to),
        )
      })

      // The plan fees' GST by store and day: invoices, credit notes, net (issue 16).
      admin.get('/reports/gst', async (request, res) => {
        const q = validate(z.object({ from: localDate, to: localDate, format }), request.query)
        const lines = await gstSummary(ds, q.from, q.to)
        const name = `gst-${q.from}-${q.to}`
        return q.format === 'csv'
          ? reply(res, 'csv', name, lines.map(gstSummaryRow))
          : reply(res, 'json', name, lines)
      })

      admin.get('/reports/duplicate-imeis', async (request, res) => {
        const q = validate(z.object({ format }), request.query)
        return reply(res, q.format, 'duplicate-imeis', await duplicateImeiReport(ds))
      })
    },
    { prefix: '/admin' },
  )
}
