import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pullChanges } from '../../headoffice/services/change-feed'
import { runHeadOfficeRetention } from '../../headoffice/retention/retention'
import { retentionOverridesFromEnv } from '../../headoffice/retention/schedule'
import { withDb } from '../../headoffice/db/sql'
import {
  TARGETS,
  count,
  kioskPair,
  pushOutcomes,
  startHeadOffice,
  type TestHeadOffice,
} from './harness'

const DAY = 86_400_000

// Issue 18: data principals' requests tracked at head office with a due date and carried out
// there, and head office's own daily retention (once, whatever the number of processes).
describe.each(TARGETS)('privacy at head office on %s', (kind) => {
  let ho: TestHeadOffice
  beforeAll(async () => {
    ho = await startHeadOffice(kind)
  })
  afterAll(async () => {
    await ho?.close()
  })

  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => {
    let n = 0
    const text = kind === 'postgres' ? sql.replace(/\?/g, () => `$${++n}`) : sql
    return (await ho.ds.query(text, params)) as T[]
  }
  const planRow = async (planNumber: string) =>
    (
      await q<{ customer_name: string; mobile: string; email: string | null; notify: number }>(
        'SELECT customer_name, mobile, email, notify FROM ho_plan WHERE plan_number = ?',
        [planNumber],
      )
    )[0]!
  const feed = (store: string) =>
    withDb(ho.ds, (db) => pullChanges(db, store, 0, 1000)).then((p) =>
      p!.changes.filter((c) => c.kind === 'privacy.request'),
    )

  it('records a kiosk’s request due in 30 days; a correction and a withdrawal are carried out at once on every plan of the person', async () => {
    const { kiosk, http } = await kioskPair(ho, 'MH01', 'P1')
    const mobile = '9700000001'
    const a = kiosk.enroll({ name: 'Ravi Menon', mobile })
    const b = kiosk.enroll({ name: 'Ravi Menon', mobile, purchaseDate: '2026-02-01' })
    const fix = kiosk.privacy(a.payload.planNumber, 'correction', '2026-11-28', {
      name: 'Ravi K Menon',
      email: 'ravi@example.org',
    })
    // A kiosk whose clock runs ahead: head office counts from its own today, not the kiosk's.
    const stop = kiosk.privacy(a.payload.planNumber, 'withdrawal', '2027-03-01')
    const r = await http.push([a, b, fix, stop])
    expect(pushOutcomes(r.results)).toEqual(['applied', 'applied', 'applied', 'applied'])
    for (const p of [a, b]) {
      expect(await planRow(p.payload.planNumber)).toMatchObject({
        customer_name: 'Ravi K Menon',
        email: 'ravi@example.org',
        notify: 0,
      })
    }
    expect(
      await count(ho.ds, 'ho_notification', "status = 'pending' AND plan_number = ?", [
        a.payload.planNumber,
      ]),
    ).toBe(0)
    const list = (await ho.admin('GET', '/admin/privacy/requests')).json.data as Array<{
      requestId: string
      status: string
      dueOn: string
      receivedOn: string
    }>
    const mine = list.filter((x) =>
      [fix.payload.requestId, stop.payload.requestId].includes(x.requestId),
    )
    expect(mine.map((x) => [x.status, x.receivedOn, x.dueOn])).toEqual([
      ['completed', '2026-11-28', '2026-12-28'],
      ['completed', '2026-11-28', '2026-12-28'],
    ])
    // The corrected values are not kept in the raw event nor in the request once applied.
    const stored = await q<{ payload: string }>('SELECT payload FROM ho_sync_event WHERE id = ?', [
      fix.id,
    ])
    expect(stored[0]!.payload).not.toContain('Ravi K Menon')
    expect(await count(ho.ds, 'ho_privacy_request', 'details IS NOT NULL')).toBe(0)
    expect((await feed('MH01')).length).toBeGreaterThanOrEqual(2)
  })

  it('refuses erasure while a plan is active; once cancelled, erases everywhere but the tax record and tells the stores', async () => {
    const { kiosk, http } = await kioskPair(ho, 'MH01', 'P2')
    const plan = kiosk.enroll({
      name: 'Sunita Rao',
      mobile: '9700000002',
      enrolledOn: '2026-11-28',
      purchaseDate: '2026-11-25',
    })
    const ask = kiosk.privacy(plan.payload.planNumber, 'erasure', '2026-11-28')
    expect(pushOutcomes((await http.push([plan, ask])).results)).toEqual(['applied', 'applied'])
    const id = ask.payload.requestId
    const early = await ho.admin('POST', `/admin/privacy/requests/${id}/decide`, {
      action: 'complete',
      note: 'erase',
    })
    expect([early.status, early.json.error.code]).toEqual([409, 'PRIVACY_PLAN_ACTIVE'])
    const summary = await ho.admin('GET', `/admin/privacy/requests/${id}/summary`)
    expect(summary.json.data.customer).toMatchObject({ name: 'Sunita Rao', mobile: '9700000002' })

    expect(pushOutcomes((await http.push([kiosk.cancel(plan, '2026-11-28')])).results)).toEqual([
      'applied',
    ])
    const done = await ho.admin('POST', `/admin/privacy/requests/${id}/decide`, {
      action: 'complete',
      note: 'erased on request',
    })
    expect(done.json.data).toMatchObject({ status: 'completed', completedOn: '2026-11-28' })
    expect(await planRow(plan.payload.planNumber)).toMatchObject({
      customer_name: 'Anonymised customer',
      mobile: '0000000000',
      email: null,
    })
    const fee = await q<{ fee_paise: number | string }>(
      'SELECT fee_paise FROM ho_plan WHERE plan_number = ?',
      [plan.payload.planNumber],
    )
    expect(Number(fee[0]!.fee_paise)).toBe(plan.payload.feePaise)
    const events = await q<{ payload: string }>('SELECT payload FROM ho_sync_event WHERE id = ?', [
      plan.id,
    ])
    expect(events[0]!.payload).not.toContain('Sunita')
    expect(events[0]!.payload).not.toContain('9700000002')
    const notes = await q<{ recipient: string; body: string }>(
      'SELECT recipient, body FROM ho_notification WHERE plan_number = ?',
      [plan.payload.planNumber],
    )
    expect(notes.every((n) => n.recipient === '' && !n.body.includes('Sunita'))).toBe(true)
    const told = (await feed('MH01')).filter(
      (c) => c.kind === 'privacy.request' && c.request.requestId === id,
    )
    expect(told.at(-1)).toMatchObject({
      request: { status: 'completed', kind: 'erasure', planNumbers: [plan.payload.planNumber] },
    })
    const again = await ho.admin('POST', `/admin/privacy/requests/${id}/decide`, {
      action: 'refuse',
      note: 'x',
    })
    expect([again.status, again.json.error.code]).toEqual([409, 'PRIVACY_REQUEST_CLOSED'])
  })

  it('takes a request at the desk, refuses an unknown plan, lists overdue ones', async () => {
    const { kiosk, http } = await kioskPair(ho, 'MH01', 'P3')
    const plan = kiosk.enroll({ name: 'Imran Sheikh', mobile: '9700000003' })
    await http.push([plan])
    const raised = await ho.admin('POST', '/admin/privacy/requests', {
      kind: 'access',
      planNumber: plan.payload.planNumber,
    })
    expect(raised.json.data).toMatchObject({
      status: 'open',
      source: 'headoffice',
      dueOn: '2026-12-28',
    })
    const bad = await ho.admin('POST', '/admin/privacy/requests', {
      kind: 'correction',
      planNumber: plan.payload.planNumber,
      correction: { mobile: '123' },
    })
    expect(bad.status).toBe(400)
    const unknown = await ho.admin('POST', '/admin/privacy/requests', {
      kind: 'access',
      planNumber: 'SUNOPLAN000001',
    })
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'PLAN_NOT_FOUND'])
    const saved = ho.now.value
    ho.now.value = saved + 31 * DAY
    try {
      const open = (await ho.admin('GET', '/admin/privacy/requests?status=open')).json
        .data as Array<{
        requestId: string
        overdue: boolean
      }>
      expect(open.find((r) => r.requestId === raised.json.data.requestId)?.overdue).toBe(true)
    } finally {
      ho.now.value = saved
    }
  })

  it('retention: runs once a day across processes and clears each item past its days', async () => {
    const { kiosk, http } = await kioskPair(ho, 'MH02', 'R1')
    const closed = kiosk.enroll({
      name: 'Old Customer',
      mobile: '9700000004',
      enrolledOn: '2026-11-20',
      purchaseDate: '2026-11-18',
    })
    const live = kiosk.enroll({ name: 'Live Customer', mobile: '9700000005' })
    await http.push([closed, live, kiosk.cancel(closed, '2026-11-21')])
    await q('UPDATE ho_notification SET status = ? WHERE plan_number IN (?, ?)', [
      'sent',
      closed.payload.planNumber,
      live.payload.planNumber,
    ])
    // A year and a day after the cancellation: two processes start the day's run together.
    const later = Date.parse('2027-11-22T06:00:00Z')
    const [one, two] = await Promise.all([
      runHeadOfficeRetention(ho.ds, later),
      runHeadOfficeRetention(ho.ds, later),
    ])
    expect([one.ran, two.ran].sort()).toEqual([false, true])
    const ran = one.ran ? one : two
    expect(ran.plansAnonymised).toBeGreaterThanOrEqual(1)
    expect((await runHeadOfficeRetention(ho.ds, later + 3600_000)).ran).toBe(false)
    expect((await planRow(closed.payload.planNumber)).customer_name).toBe('Anonymised customer')
    // The live plan keeps its customer; its raw event (past 30 days) and sent messages (past 90) do not.
    expect((await planRow(live.payload.planNumber)).customer_name).toBe('Live Customer')
    const raw = await q<{ payload: string }>('SELECT payload FROM ho_sync_event WHERE id = ?', [
      live.id,
    ])
    expect(raw[0]!.payload).not.toContain('Live Customer')
    expect(
      await count(ho.ds, 'ho_notification', "plan_number = ? AND recipient <> ''", [
        live.payload.planNumber,
      ]),
    ).toBe(0)
    // The next day runs again.
    expect((await runHeadOfficeRetention(ho.ds, later + DAY)).ran).toBe(true)
  })
})

describe('head office retention configuration', () => {
  it('reads RETENTION_<ITEM>_DAYS and refuses a value that is not a whole number of days', () => {
    expect(
      retentionOverridesFromEnv({
        RETENTION_HO_EVENT_PAYLOADS_DAYS: '14',
        RETENTION_HO_NOTIFICATIONS_DAYS: '',
      }),
    ).toEqual({ 'ho-event-payloads': 14 })
    expect(() => retentionOverridesFromEnv({ RETENTION_HO_NOTIFICATIONS_DAYS: 'ninety' })).toThrow(
      "RETENTION_HO_NOTIFICATIONS_DAYS must be a whole number of days (0 or more), not 'ninety'.",
    )
  })
})
