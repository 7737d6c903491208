import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { closedPort } from '../printing/support/fake-printer'
import { DAY, enrollmentRequest, makeCore, T0, type TestCore } from '../helpers'

// Issue 18 item 5: retention runs by itself, daily, per item — not only when a manager asks.

let t: TestCore
afterEach(async () => t?.cleanup())

const thermalOff = async () => ({
  thermal: {
    host: '127.0.0.1',
    port: await closedPort(),
    width: '80mm',
    mode: 'native-qr',
    text: 'ascii',
  },
  system: null,
  defaultTarget: 'thermal',
})

const person = {
  name: 'Farhan Qureshi',
  mobile: '9833344455',
  email: 'farhan@example.com',
  idType: 'pan' as const,
  idNumber: 'ABCPQ1234F',
}

/** An enrollment answered by head office, with its receipt waiting for a printer that is off. */
async function saleWaitingAndAnswered() {
  t = await makeCore()
  await t.signIn('M1', 'MGR')
  await t.ok('printers.configure', await thermalOff(), 'MGR')
  await t.signIn('C1')
  const { plan } = await t.ok('enrollment.create', enrollmentRequest({ customer: person }))
  await t.ok('receipts.print', { kind: 'enrollment', ref: plan.planNumber, lang: 'en' })
  for (const e of await t.core.outbox.readPending(10)) await t.core.outbox.mark(e.id, 'applied')
  return plan.planNumber as string
}

const fileBytes = (dir: string) =>
  readdirSync(dir).map((n) => readFileSync(join(dir, n)).toString('latin1'))

describe('retention by itself', () => {
  it('catches up at start when the kiosk was off: a week later the person leaves the answered event, the stored answer and the print queue', async () => {
    const planNumber = await saleWaitingAndAnswered()
    expect(readdirSync(join(t.dir, 'print-jobs')).length).toBe(2)
    t.clock.set(T0 + 8 * DAY)
    await t.reopen()
    const left = await t.readDatabase((db) => ({
      payload: (
        db.prepare("SELECT payload FROM outbox WHERE type = 'plan.enrolled'").get() as {
          payload: string
        }
      ).payload,
      requests: (db.prepare('SELECT COUNT(*) AS n FROM requests').get() as { n: number }).n,
      lastRun: (
        db.prepare("SELECT value FROM settings WHERE key = 'retention.lastRunDate'").get() as {
          value: string
        }
      ).value,
    }))
    expect(left.lastRun).toBe('2020-11-18')
    expect(left.payload).not.toContain(person.name)
    expect(left.payload).not.toContain(person.mobile)
    expect(left.requests).toBe(0)
    expect(fileBytes(join(t.dir, 'print-jobs')).join('')).not.toContain(person.name)
    // The customer's own row stays while the plan is live: the plan needs it.
    await t.signIn('M1', 'MGR')
    const shown = await t.ok('plans.get', { planNumber }, 'MGR')
    expect(shown.plan.customer.name).toBe(person.name)
  })

  it('runs once a business day however often the timer fires, and is timed for 02:30 in Kolkata', async () => {
    t = await makeCore()
    // The start already ran today's.
    expect(await t.core.runScheduledRetention()).toBeNull()
    t.clock.set(T0 + DAY)
    expect(await t.core.runScheduledRetention()).not.toBeNull()
    expect(await t.core.runScheduledRetention()).toBeNull()
    const next = t.core.retention.nextRunAt()!
    const kolkata = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Kolkata',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(next)
    expect(kolkata).toBe('02:30')
  })

  it('deletes photos, rotated logs and backups past their days, and keeps younger ones', async () => {
    t = await makeCore({ retentionDays: { photos: 180, logs: 30, backups: 30 } })
    const now = t.clock()
    const put = (folder: string, name: string, ageDays: number) => {
      mkdirSync(join(t.dir, folder), { recursive: true })
      const path = join(t.dir, folder, name)
      writeFileSync(path, 'x')
      const when = (now - ageDays * DAY) / 1000
      utimesSync(path, when, when)
      return path
    }
    const old = [
      put('photos', 'a.png', 181),
      put('logs', 'kiosk.3.log', 31),
      put('backups', 'kiosk-v1.sqlite', 31),
    ]
    const young = [
      put('photos', 'b.png', 179),
      put('logs', 'kiosk.1.log', 29),
      put('backups', 'kiosk-v2.sqlite', 29),
    ]
    const done = await t.core.runRetention(now)
    expect(done.files).toMatchObject({ photos: 1, logs: 1, backups: 1 })
    expect(old.filter(existsSync)).toEqual([])
    expect(young.filter(existsSync)).toEqual(young)
  })

  it('leaves no frame of an anonymised customer in the WAL while the kiosk runs', async () => {
    t = await makeCore()
    await t.signIn('C1')
    await t.signIn('M1', 'MGR')
    const { plan } = await t.ok('enrollment.create', enrollmentRequest({ customer: person }))
    await t.ok(
      'plans.cancel',
      {
        requestId: '6f1e2c44-7d1b-4c55-9d37-3b2f1a0c9e11',
        planNumber: plan.planNumber,
        reason: 'changed mind',
        refundReference: 'UPI-R-3',
      },
      'MGR',
    )
    for (const e of await t.core.outbox.readPending(10)) await t.core.outbox.mark(e.id, 'applied')
    const r = await t.core.runRetention(T0 + 366 * DAY)
    expect(r.anonymised).toBe(1)
    const files = readdirSync(t.dir).filter((n) => n.startsWith('kiosk.sqlite'))
    for (const f of files) {
      expect(readFileSync(join(t.dir, f)).includes(Buffer.from(person.name)), f).toBe(false)
      expect(readFileSync(join(t.dir, f)).includes(Buffer.from(person.mobile)), f).toBe(false)
    }
  })
})
