import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { StaffRoleSchema } from '../../shared/sync/protocol'
import { requireConsole } from '../http/console-auth'
import { answeringWith } from '../http/errors'
import { validate } from '../http/validate'
import type { ConsolePermission } from '../services/console-access'
import {
  addConsoleStaff,
  consoleStaffList,
  issueConsoleUnlockCode,
  resetConsoleStaffPin,
  updateConsoleStaff,
} from '../services/console-staff'
import {
  addConsoleStore,
  closeConsoleStore,
  consoleStores,
  editConsoleStore,
  endConsoleKiosk,
  issueConsoleProvisioningCode,
  PHYSICAL_STORE_KINDS,
  reopenConsoleStore,
} from '../services/console-stores'
import type { ConsoleUser } from '../services/console-users'
import type { ConsoleDeps } from './console-routes'

const storeCode = z.string().regex(/^[A-Z0-9]{2,8}$/, 'store code: 2 to 8 capitals or digits')
const kioskCode = z.string().regex(/^[A-Za-z0-9-]{1,8}$/, 'kiosk code: 1 to 8 letters or digits')
// The kiosk keeps staff codes in capitals (shared/contract/staff.ts StaffCodeSchema).
const staffCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{1,12}$/, 'staff code: 1 to 12 letters or digits')
const reason = z.string().trim().min(3, 'say why (at least 3 characters)').max(500)
const details = z.object({
  name: z.string().trim().min(1).max(120),
  kind: z.enum(PHYSICAL_STORE_KINDS),
  legalName: z.string().max(200),
  address: z.string().max(300),
  stateCode: z.string().regex(/^\d{2}$/, 'state code: two digits (GST state code)'),
  gstin: z.string().max(20),
})

const actorOf = (user: ConsoleUser | undefined) => (user as ConsoleUser).email

/**
 * Stores and kiosks, and the staff of each store (docs/console.md#stores-and-kiosks,
 * #staff): reading stores follows `fleet.read`, changing them `stores.manage`, staff
 * `staff.manage`. Every change carries the CSRF token and is audited.
 */
export function registerStoreDesk(scope: FastifyInstance, deps: ConsoleDeps): void {
  const { ds, box, clock, policy } = deps
  const may = (p: ConsolePermission) => ({ onRequest: requireConsole(ds, policy, clock, p) })
  const changing = (p: ConsolePermission) => ({
    onRequest: [scope.csrfProtection, requireConsole(ds, policy, clock, p)],
  })

  scope.get('/stores', may('fleet.read'), async () => ({
    ok: true,
    data: { stores: await consoleStores(ds) },
  }))
  scope.post('/stores', changing('stores.manage'), async (request) => {
    const body = validate(details.extend({ code: storeCode }), request.body)
    const actor = actorOf(request.consoleUser)
    const data = await answeringWith({ VALIDATION_FAILED: 409 }, () =>
      addConsoleStore(ds, { ...body, actor }, clock()),
    )
    return { ok: true, data }
  })
  scope.put('/stores/:storeCode', changing('stores.manage'), async (request) => {
    const p = validate(z.object({ storeCode }), request.params)
    const body = validate(details, request.body)
    const actor = actorOf(request.consoleUser)
    const data = await editConsoleStore(ds, { ...body, code: p.storeCode, actor }, clock())
    return { ok: true, data }
  })
  scope.post('/stores/:storeCode/close', changing('stores.manage'), async (request) => {
    const p = validate(z.object({ storeCode }), request.params)
    const body = validate(z.object({ reason }), request.body)
    const actor = actorOf(request.consoleUser)
    const data = await answeringWith({ VALIDATION_FAILED: 409 }, () =>
      closeConsoleStore(ds, { code: p.storeCode, reason: body.reason, actor }, clock()),
    )
    return { ok: true, data }
  })
  scope.post('/stores/:storeCode/reopen', changing('stores.manage'), async (request) => {
    const p = validate(z.object({ storeCode }), request.params)
    const body = validate(z.object({ reason }), request.body)
    const actor = actorOf(request.consoleUser)
    const data = await answeringWith({ VALIDATION_FAILED: 409 }, () =>
      reopenConsoleStore(ds, { code: p.storeCode, reason: body.reason, actor }, clock()),
    )
    return { ok: true, data }
  })
  scope.post(
    '/stores/:storeCode/provisioning-codes',
    changing('stores.manage'),
    async (request) => {
      const p = validate(z.object({ storeCode }), request.params)
      const body = validate(z.object({ kioskCode }), request.body)
      const actor = actorOf(request.consoleUser)
      const issued = await issueConsoleProvisioningCode(
        ds,
        { storeCode: p.storeCode, kioskCode: body.kioskCode, actor },
        clock(),
      )
      return { ok: true, data: issued }
    },
  )
  scope.post('/kiosks/:storeCode/:kioskCode/end', changing('stores.manage'), async (request) => {
    const p = validate(z.object({ storeCode, kioskCode }), request.params)
    const body = validate(z.object({ action: z.enum(['revoke', 'retire']), reason }), request.body)
    const actor = actorOf(request.consoleUser)
    const data = await answeringWith({ KIOSK_UNKNOWN: 404, VALIDATION_FAILED: 409 }, () =>
      endConsoleKiosk(ds, { ...p, ...body, actor }, clock()),
    )
    return { ok: true, data }
  })

  const staffParams = z.object({ storeCode, staffCode })
  scope.get('/stores/:storeCode/staff', may('staff.manage'), async (request) => {
    const p = validate(z.object({ storeCode }), request.params)
    return { ok: true, data: { staff: await consoleStaffList(ds, p.storeCode, clock()) } }
  })
  scope.post('/stores/:storeCode/staff', changing('staff.manage'), async (request) => {
    const p = validate(z.object({ storeCode }), request.params)
    const body = validate(
      z.object({ staffCode, name: z.string().trim().min(1).max(120), role: StaffRoleSchema }),
      request.body,
    )
    const actor = actorOf(request.consoleUser)
    const data = await answeringWith({ VALIDATION_FAILED: 409 }, () =>
      addConsoleStaff(ds, { ...body, storeCode: p.storeCode, actor }, clock()),
    )
    return { ok: true, data }
  })
  scope.patch('/stores/:storeCode/staff/:staffCode', changing('staff.manage'), async (request) => {
    const p = validate(staffParams, request.params)
    const body = validate(
      z
        .object({ role: StaffRoleSchema.optional(), active: z.boolean().optional() })
        .refine((b) => b.role !== undefined || b.active !== undefined, 'role or active'),
      request.body,
    )
    const actor = actorOf(request.consoleUser)
    const staff = await answeringWith({ STAFF_NOT_FOUND: 404 }, () =>
      updateConsoleStaff(ds, { ...p, ...body, actor }, clock()),
    )
    return { ok: true, data: { staff } }
  })
  scope.post(
    '/stores/:storeCode/staff/:staffCode/reset-pin',
    changing('staff.manage'),
    async (request) => {
      const p = validate(staffParams, request.params)
      const actor = actorOf(request.consoleUser)
      const data = await answeringWith({ STAFF_NOT_FOUND: 404, VALIDATION_FAILED: 409 }, () =>
        resetConsoleStaffPin(ds, { ...p, actor }, clock()),
      )
      return { ok: true, data }
    },
  )
  scope.post(
    '/stores/:storeCode/staff/:staffCode/unlock-code',
    changing('staff.manage'),
    async (request) => {
      const p = validate(staffParams, request.params)
      const body = validate(z.object({ kioskCode }), request.body)
      const actor = actorOf(request.consoleUser)
      const data = await answeringWith(
        { STAFF_NOT_FOUND: 404, KIOSK_UNKNOWN: 404, VALIDATION_FAILED: 409 },
        () => issueConsoleUnlockCode(ds, box, { ...p, ...body, actor }, clock()),
      )
      return { ok: true, data }
    },
  )
}
