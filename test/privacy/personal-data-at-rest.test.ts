import { randomUUID } from 'node:crypto'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFileLogger } from '../../electron/core/logger'
import { closedPort } from '../electron/core/printing/support/fake-printer'
import { aadhaar, DAY, enrollmentRequest, fixedClock, tempDir } from '../electron/core/helpers'
import { demoCatalog, followClock, signInAll, syncedCore } from '../electron/core/sync/support'
import { TARGETS, startHeadOffice, type TestHeadOffice } from '../headoffice/harness'
import { idNeedles, scanDatabase, scanFiles, type Needle } from './support'

/**
 * Issue 18, "a test that holds the line": a customer enrolls at a real kiosk (SQLite file, file
 * logs, a print job waiting for a printer that is off), syncs to a real head office (PostgreSQL
 * and SQLite), cancels, asks for erasure, and retention runs on both sides. Then the kiosk's data
 * directory is searched byte by byte and head office's database column by column for the full ID
 * number and its SHA-256 — never anywhere — and for the customer's name, mobile and e-mail, which
 * after the erasure may remain only in the kept tax records. The plan fee's B2C tax invoice
 * (below Rs 50,000) carries no recipient's name under CGST Rule 46(f), so the kept records hold
 * none of them: the expected places are none (docs/privacy.md#what-erasure-keeps).
 */
/** The customer asks at the counter; head office decides; the kiosk learns it on its next pull. */
async function eraseThroughSync(
  t: Awaited<ReturnType<typeof syncedCore>>,
  ho: TestHeadOffice,
  planNumber: string,
  idLast4: string,
): Promise<void> {
  const { request } = await t.ok(
    'privacy.request',
    { requestId: randomUUID(), kind: 'erasure', planNumber, idLast4 },
    'MGR',
  )
  expect(request).toMatchObject({ status: 'open', kind: 'erasure', synced: false })
  await t.ok('sync.now', {})
  const decided = await ho.admin('POST', `/admin/privacy/requests/${request.requestId}/decide`, {
    action: 'complete',
    note: 'erased on request',
  })
  expect(decided.status).toBe(200)
  await t.ok('sync.now', {})
  const { requests } = await t.ok('privacy.list', {}, 'MGR')
  expect(requests[0]).toMatchObject({ requestId: request.requestId, status: 'completed' })
}

describe.each(TARGETS)('personal data at rest after erasure and retention (%s)', (kind) => {
  let ho: TestHeadOffice
  const clock = fixedClock()

  beforeAll(async () => {
    ho = await startHeadOffice(kind, { start: clock(), catalog: false })
    followClock(ho, clock)
    expect((await ho.admin('POST', '/admin/catalogs', demoCatalog())).status).toBe(200)
  })
  afterAll(async () => {
    await ho?.close()
  })

  it('keeps no ID number or hash of it anywhere, and the person only where tax law says', async () => {
    clock.set(Date.parse('2020-11-10T06:00:00Z'))
    const dir = tempDir()
    const t = await syncedCore(ho, 'K1', {
      clock,
      dataDir: dir,
      logger: createFileLogger({ dir: join(dir, 'logs') }),
    })
    try {
      await signInAll(t)
      await t.ok(
        'printers.configure',
        {
          thermal: {
            host: '127.0.0.1',
            port: await closedPort(),
            width: '80mm',
            mode: 'native-qr',
            text: 'ascii',
          },
          system: null,
          defaultTarget: 'thermal',
        },
        'MGR',
      )
      const person = {
        name: 'Meera Venkataraman',
        mobile: '9812345670',
        email: 'meera.v@example.com',
      }
      const idNumber = aadhaar(56789012345)
      const req = enrollmentRequest({
        customer: { ...person, idType: 'aadhaar', idNumber },
      })
      const { plan } = await t.ok('enrollment.create', req)
      await t.ok('receipts.print', { kind: 'enrollment', ref: plan.planNumber, lang: 'en' })
      expect(await t.ok('sync.now', {})).toMatchObject({ pendingEvents: 0 })

      await t.ok(
        'plans.cancel',
        {
          requestId: randomUUID(),
          planNumber: plan.planNumber,
          reason: 'changed mind',
          refundReference: 'UPI-R-77',
        },
        'MGR',
      )
      expect(await t.ok('sync.now', {})).toMatchObject({ pendingEvents: 0 })

      const ids: Needle[] = idNeedles(idNumber)
      const personNeedles: Needle[] = [
        { name: 'name', text: person.name },
        { name: 'mobile', text: person.mobile },
        { name: 'email', text: person.email },
      ]
      // The search sees real bytes: before the erasure the person is on the kiosk's disk and in
      // head office's database.
      expect(scanFiles(dir, personNeedles).length).toBeGreaterThan(0)
      // The ID number and its hashes are nowhere, even while the person is held.
      expect(scanFiles(dir, ids)).toEqual([])
      expect(await scanDatabase(ho.ds, ids)).toEqual([])
      expect((await scanDatabase(ho.ds, personNeedles)).length).toBeGreaterThan(0)

      await eraseThroughSync(t, ho, plan.planNumber, req.customer.idNumber.slice(-4))

      // Retention runs by itself on both sides; a week later every short-lived item is past its days.
      clock.set(clock() + 8 * DAY)
      await t.core.runScheduledRetention()
      await ho.runRetention()

      expect(scanFiles(dir, ids)).toEqual([])
      expect(await scanDatabase(ho.ds, ids)).toEqual([])
      expect(scanFiles(dir, personNeedles)).toEqual([])
      expect(await scanDatabase(ho.ds, personNeedles)).toEqual([])
      // Head office's own SQLite file and its WAL, byte by byte: freed space is overwritten too.
      if (ho.target.kind === 'sqlite') {
        expect(scanFiles(dirname(ho.target.file), [...ids, ...personNeedles])).toEqual([])
      }

      // What tax law keeps stays (CGST s.36): the plan, its fee and refund, the invoice's number.
      const kept = await t.ok('plans.get', { planNumber: plan.planNumber }, 'MGR')
      expect(kept.plan.customer).toMatchObject({ name: 'Anonymised customer', anonymised: true })
      expect(kept.payments.map((p: { amountPaise: number }) => p.amountPaise)).toEqual([
        499_00, 499_00,
      ])
      const invoice = await t.core.loadReceiptData('enrollment', plan.planNumber)
      expect(invoice.documentNumber).toMatch(/^K1/)
      const hoPlan = (await ho.ds.query(
        ho.ds.options.type === 'postgres'
          ? 'SELECT fee_paise, customer_name FROM ho_plan WHERE plan_number = $1'
          : 'SELECT fee_paise, customer_name FROM ho_plan WHERE plan_number = ?',
        [plan.planNumber],
      )) as Array<{ fee_paise: number | string; customer_name: string }>
      expect(hoPlan.map((r) => [Number(r.fee_paise), r.customer_name])).toEqual([
        [499_00, 'Anonymised customer'],
      ])

      // And once the kiosk is closed (WAL checkpointed into the main file).
      await t.core.close()
      expect(scanFiles(dir, [...ids, ...personNeedles])).toEqual([])
    } finally {
      await t.cleanup()
    }
  })
})
