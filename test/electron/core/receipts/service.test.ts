import { afterEach, describe, expect, it } from 'vitest'
import type { SystemPrinter } from '../../../../electron/core'
import { decodeEscPos, decodedText } from '../printing/support/escpos-decoder'
import { closedPort, startFakePrinter, type FakePrinter } from '../printing/support/fake-printer'
import { aadhaar, enrollmentRequest, makeCore, type TestCore } from '../helpers'

let t: TestCore | undefined
let printer: FakePrinter | undefined
afterEach(async () => {
  await printer?.close()
  printer = undefined
  await t?.cleanup()
  t = undefined
})

const thermal = (port: number) => ({
  thermal: { host: '127.0.0.1', port, width: '80mm', mode: 'native-qr', text: 'ascii' },
  system: null,
  defaultTarget: 'thermal',
})

/** A core with an enrolled plan and a thermal printer configured at `port`. */
async function enrolledWithPrinter(port: number, extra: Parameters<typeof makeCore>[0] = {}) {
  const tc = await makeCore(extra)
  t = tc
  await tc.signIn('M1', 'MGR')
  await tc.ok('printers.configure', thermal(port), 'MGR')
  await tc.signIn('C1')
  const res = await tc.ok('enrollment.create', enrollmentRequest())
  return {
    tc,
    planNumber: res.plan.planNumber as string,
    invoice: res.receipt.taxInvoiceNumber as string,
  }
}

const printEnrollment = (tc: TestCore, planNumber: string, session = 'S1') =>
  tc.call('receipts.print', { kind: 'enrollment', ref: planNumber, lang: 'en' }, session)

async function reprintCount(tc: TestCore, planNumber: string): Promise<number> {
  return (await tc.core.loadReceiptData('enrollment', planNumber)).reprintCount
}

describe('receipts.print to a thermal printer', () => {
  it('prints a customer name typed in Devanagari as itself, never as question marks (issue 14 item 8)', async () => {
    printer = await startFakePrinter()
    const tc = await makeCore()
    t = tc
    await tc.signIn('M1', 'MGR')
    await tc.ok('printers.configure', thermal(printer.port), 'MGR')
    await tc.signIn('C1')
    const req = enrollmentRequest()
    const name = 'रवि कुमार श्रीवास्तव'
    const res = await tc.ok('enrollment.create', { ...req, customer: { ...req.customer, name } })
    const planNumber = res.plan.planNumber as string
    const job = printer.nextJob()
    const printed = await tc.ok('receipts.print', {
      kind: 'enrollment',
      ref: planNumber,
      lang: 'en',
    })
    expect(printed).toMatchObject({ printed: true, target: 'thermal', lang: 'en' })
    const decoded = decodeEscPos(await job)
    const text = decodedText(decoded)
    // The English slip in the printer's font, the name drawn as an image among it.
    expect(text).toContain(planNumber)
    expect(text).toContain('Tax invoice')
    expect(text).not.toContain('?')
    expect(decoded.highBytes).toEqual([])
    expect(decoded.rasters.length).toBeGreaterThan(0)
  })

  it('refuses the print, never printing question marks, when no rasteriser can draw the name', async () => {
    printer = await startFakePrinter()
    const tc = await makeCore({ textRasteriser: null })
    t = tc
    await tc.signIn('M1', 'MGR')
    await tc.ok('printers.configure', thermal(printer.port), 'MGR')
    await tc.signIn('C1')
    const req = enrollmentRequest()
    const res = await tc.ok('enrollment.create', {
      ...req,
      customer: { ...req.customer, name: 'रवि कुमार' },
    })
    const printed = await printEnrollment(tc, res.plan.planNumber)
    expect(printed).toMatchObject({ ok: false, error: { code: 'PRINTER_NOT_CONFIGURED' } })
    expect(printer.jobs).toHaveLength(0)
  })

  it('prints the enrollment receipt: plan number, QR = plan number, cut; the second says DUPLICATE', async () => {
    printer = await startFakePrinter()
    const { tc, planNumber, invoice } = await enrolledWithPrinter(printer.port)

    const job = printer.nextJob()
    const first = await printEnrollment(tc, planNumber)
    expect(first).toMatchObject({
      ok: true,
      data: { printed: true, target: 'thermal', copy: 1, duplicate: false, lang: 'en' },
    })
    const decoded = decodeEscPos(await job)
    const text = decodedText(decoded)
    expect(text).toContain(planNumber)
    expect(text).toContain(invoice)
    expect(text).not.toContain('DUPLICATE')
    expect(decoded.qrPayloads).toEqual([planNumber])
    expect(decoded.commands.at(-1)?.type).toBe('cut')
    // ASCII text mode: "Rs." and no byte a code page would turn into something else.
    expect(text).toContain('Rs.')
    expect(decoded.highBytes).toEqual([])
    expect(await reprintCount(tc, planNumber)).toBe(0)

    const second = printer.nextJob()
    const again = await printEnrollment(tc, planNumber)
    expect(again).toMatchObject({ ok: true, data: { printed: true, copy: 2, duplicate: true } })
    expect(decodedText(decodeEscPos(await second))).toContain('DUPLICATE - copy 2')
    expect(await reprintCount(tc, planNumber)).toBe(1)

    await tc.signIn('M1', 'MGR')
    const audit = await tc.ok('audit.list', { action: 'receipts.reprint' }, 'MGR')
    expect(audit.entries.map((e: { entityId: string }) => e.entityId)).toContain(
      `enrollment:${planNumber}`,
    )
  })

  it('keeps the job when the printer is offline, counts nothing, and counts once after the retry', async () => {
    const port = await closedPort()
    const { tc, planNumber } = await enrolledWithPrinter(port)

    const offline = await printEnrollment(tc, planNumber)
    if (!offline.ok) throw new Error(offline.error.message)
    const data = offline.data as { printed: boolean; jobId: string; error?: { code: string } }
    expect(data).toMatchObject({ printed: false, copy: 1, duplicate: false })
    expect(data.error?.code).toBe('PRINTER_OFFLINE')
    expect(await reprintCount(tc, planNumber)).toBe(0)
    const jobs = await tc.ok('printers.jobs', {})
    expect(jobs.jobs).toEqual([
      expect.objectContaining({
        id: data.jobId,
        kind: 'enrollment',
        ref: planNumber,
        copy: 1,
        status: 'failed',
        lastError: expect.objectContaining({ code: 'PRINTER_OFFLINE' }),
      }),
    ])

    // Pressing print again while the job waits retries that job: same job, still the original.
    const pressedAgain = await printEnrollment(tc, planNumber)
    expect(pressedAgain).toMatchObject({
      ok: true,
      data: { printed: false, copy: 1, jobId: data.jobId },
    })
    expect((await tc.ok('printers.jobs', {})).jobs).toHaveLength(1)

    // The kiosk restarts: the job is listed, not printed by itself.
    printer = await startFakePrinter({}, port)
    await tc.reopen()
    await tc.signIn('C1')
    expect((await tc.ok('printers.jobs', {})).jobs.map((j: { id: string }) => j.id)).toEqual([
      data.jobId,
    ])
    expect(printer.jobs).toHaveLength(0)

    const job = printer.nextJob()
    const retried = await tc.ok('printers.retry', { jobId: data.jobId })
    expect(retried.results).toEqual([{ jobId: data.jobId, printed: true, copy: 1 }])
    const text = decodedText(decodeEscPos(await job))
    expect(text).toContain(planNumber)
    expect(text).not.toContain('DUPLICATE')
    expect((await tc.ok('printers.jobs', {})).jobs).toEqual([])
    const receipt = await tc.core.loadReceiptData('enrollment', planNumber)
    expect(receipt.reprintCount).toBe(0)
    expect(await tc.core.recordReceiptPrinted('enrollment', planNumber)).toEqual({
      copiesPrinted: 2,
      reprintCount: 1,
    })
  })

  it('gives two prints pressed at once consecutive copy numbers, never the same one', async () => {
    printer = await startFakePrinter()
    const { tc, planNumber } = await enrolledWithPrinter(printer.port)
    const received = [printer.nextJob(), printer.nextJob()]
    const [a, b] = await Promise.all([
      printEnrollment(tc, planNumber),
      printEnrollment(tc, planNumber),
    ])
    const copies = [a, b].map((r) => (r.ok ? (r.data as { copy: number }).copy : 0)).sort()
    expect(copies).toEqual([1, 2])
    expect(await reprintCount(tc, planNumber)).toBe(1)
    const texts = (await Promise.all(received)).map((j) => decodedText(decodeEscPos(j)))
    expect(texts.filter((x) => x.includes('DUPLICATE'))).toHaveLength(1)
  })

  it('names paper out and an open cover', async () => {
    printer = await startFakePrinter({ offlineCause: 0x12 | 0x20 })
    const { tc, planNumber } = await enrolledWithPrinter(printer.port)
    const res = await printEnrollment(tc, planNumber)
    expect(res.ok && res.data).toMatchObject({
      printed: false,
      error: { code: 'PRINTER_OUT_OF_PAPER' },
    })
    await printer.close()
    printer = await startFakePrinter({ offlineCause: 0x12 | 0x04 }, printer.port)
    const retry = await tc.ok('printers.retry', {})
    expect(retry.results[0].error.code).toBe('PRINTER_COVER_OPEN')
    expect(await reprintCount(tc, planNumber)).toBe(0)
  })

  it('prints English on an ASCII thermal printer when Hindi is asked for', async () => {
    printer = await startFakePrinter()
    const { tc, planNumber } = await enrolledWithPrinter(printer.port)
    const job = printer.nextJob()
    const res = await tc.call('receipts.print', { kind: 'enrollment', ref: planNumber, lang: 'hi' })
    expect(res.ok && res.data).toMatchObject({ printed: true, lang: 'en' })
    expect(decodeEscPos(await job).highBytes).toEqual([])
  })
})

describe('receipts.preview', () => {
  it('returns HTML with the masked ID and no full mobile, and counts nothing', async () => {
    printer = await startFakePrinter()
    const { tc, planNumber, invoice } = await enrolledWithPrinter(printer.port)
    const preview = await tc.ok('receipts.preview', { kind: 'enrollment', ref: planNumber })
    expect(preview).toMatchObject({ copy: 1, documentNumber: invoice, lang: 'en' })
    expect(preview.html).toContain('<!doctype html>')
    expect(preview.html).toContain(planNumber)
    expect(preview.html).toContain(`XXXX XXXX ${aadhaar().slice(-4)}`)
    expect(preview.html).not.toContain(aadhaar())
    expect(preview.html).toContain('XXXXXX3210')
    expect(preview.html).not.toContain('9876543210')
    const hindi = await tc.ok('receipts.preview', {
      kind: 'enrollment',
      ref: planNumber,
      lang: 'hi',
      paper: 'a4',
    })
    expect(hindi.html).toContain('lang="hi"')
    // The plan certificate carries the DPDP notice in short (issue 18), in both languages.
    expect(preview.html).toContain('Your data (DPDP Act 2023)')
    expect(preview.html).toContain(
      'Grievance officer: Grievance Officer, Smart Upgrade Programme, grievance@smartupgrade.example.in, 18001030000',
    )
    expect(preview.html).toContain('Consent to notice dpdp-2026.11')
    expect(preview.html).toContain('erased 365 days after the plan ends')
    expect(hindi.html).toContain('शिकायत अधिकारी')
    expect(await reprintCount(tc, planNumber)).toBe(0)
    expect(await printEnrollment(tc, planNumber)).toMatchObject({ ok: true, data: { copy: 1 } })
    const next = await tc.ok('receipts.preview', { kind: 'enrollment', ref: planNumber })
    expect(next.copy).toBe(2)
    expect(next.html).toContain('DUPLICATE')
  })

  it('answers RECEIPT_NOT_FOUND for an unknown document', async () => {
    printer = await startFakePrinter()
    const { tc } = await enrolledWithPrinter(printer.port)
    const res = await tc.call('receipts.preview', { kind: 'enrollment', ref: 'MSU-NOPE' })
    expect(!res.ok && res.error.code).toBe('RECEIPT_NOT_FOUND')
  })
})

describe('roles and validation', () => {
  it('refuses what a role may not print or manage', async () => {
    printer = await startFakePrinter()
    const { tc, planNumber } = await enrolledWithPrinter(printer.port)
    await tc.signIn('T1', 'TECH')
    const code = async (channel: string, req: unknown, session: string) => {
      const res = await tc.call(channel, req, session)
      return res.ok ? 'ok' : res.error.code
    }
    // A technician prints inspection slips only, and never touches tax documents or printers.
    expect(await code('receipts.print', { kind: 'enrollment', ref: planNumber }, 'TECH')).toBe(
      'ROLE_FORBIDDEN',
    )
    expect(await code('receipts.preview', { kind: 'enrollment', ref: planNumber }, 'TECH')).toBe(
      'ROLE_FORBIDDEN',
    )
    expect(await code('printers.jobs', {}, 'TECH')).toBe('ROLE_FORBIDDEN')
    expect(await code('printers.retry', {}, 'TECH')).toBe('ROLE_FORBIDDEN')
    // The clerk prints but does not configure, and the end-of-day report is the manager's.
    expect(await code('printers.configure', thermal(printer.port), 'S1')).toBe('ROLE_FORBIDDEN')
    expect(await code('receipts.print', { kind: 'end-of-day', ref: '2020-11-10' }, 'S1')).toBe(
      'ROLE_FORBIDDEN',
    )
    expect(await code('receipts.print', { kind: 'enrollment', ref: planNumber }, 'NOBODY')).toBe(
      'NOT_SIGNED_IN',
    )
    const job = printer.nextJob()
    expect(await code('receipts.print', { kind: 'end-of-day', ref: '2020-11-10' }, 'MGR')).toBe(
      'ok',
    )
    expect(decodedText(decodeEscPos(await job))).toContain('10 Nov 2020')
  })

  it('lets a technician print the ineligibility slip of a failed inspection', async () => {
    printer = await startFakePrinter()
    const { tc, planNumber } = await enrolledWithPrinter(printer.port)
    tc.clock.set(Date.parse('2021-03-01T06:00:00Z'))
    const catalog = await tc.ok('catalog.list', {})
    const required = catalog.checklist.find((i: { required: boolean }) => i.required)
    await tc.signIn('T1', 'TECH')
    const plan = await tc.ok('plans.get', { planNumber }, 'TECH')
    const start = await tc.ok('inspection.start', { planNumber, imei: plan.plan.imeis[0] }, 'TECH')
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]).toString('base64')
    const answers = start.checklist.map((item: { id: string; photo: boolean }) => ({
      itemId: item.id,
      result: item.id === required.id ? 'fail' : 'pass',
      note: item.id === required.id ? 'cracked' : null,
      photo: item.photo ? { mime: 'image/png', base64: png } : null,
    }))
    const insp = await tc.ok(
      'inspection.submit',
      { inspectionId: start.inspectionId, answers },
      'TECH',
    )
    expect(insp.verdict).toBe('ineligible')
    const job = printer.nextJob()
    const res = await tc.call(
      'receipts.print',
      { kind: 'inspection', ref: insp.inspectionId },
      'TECH',
    )
    expect(res.ok && res.data).toMatchObject({ printed: true, copy: 1 })
    const text = decodedText(decodeEscPos(await job))
    expect(text).toContain(required.label.en)
    expect(text).toContain('cracked')
  })

  it('answers VALIDATION_FAILED for bad input', async () => {
    printer = await startFakePrinter()
    const { tc, planNumber } = await enrolledWithPrinter(printer.port)
    await tc.signIn('M1', 'MGR')
    const code = async (channel: string, req: unknown) => {
      const res = await tc.call(channel, req, 'MGR')
      return res.ok ? 'ok' : res.error.code
    }
    for (const [channel, req] of [
      ['receipts.print', { kind: 'receipt', ref: planNumber }],
      ['receipts.print', { kind: 'enrollment', ref: '' }],
      ['receipts.print', { kind: 'enrollment', ref: planNumber, lang: 'fr' }],
      ['receipts.print', { kind: 'enrollment', ref: planNumber, target: 'usb' }],
      ['receipts.print', { kind: 'end-of-day', ref: 'yesterday' }],
      ['receipts.preview', { kind: 'enrollment', ref: planNumber, paper: 'letter' }],
      ['printers.configure', { ...thermal(9100), thermal: { host: 'http://x/', port: 9100 } }],
      ['printers.configure', { ...thermal(70_000) }],
      ['printers.configure', { ...thermal(9100), thermal: { host: 'p', width: '76mm' } }],
      ['printers.configure', { thermal: null, system: null, defaultTarget: 'system' }],
      ['printers.retry', { jobId: '../../etc/passwd' }],
      ['printers.jobs', { extra: true }],
    ] as const) {
      expect(await code(channel, req), JSON.stringify(req)).toBe('VALIDATION_FAILED')
    }
  })
})

describe('printer settings and the test page', () => {
  it('stores the settings in the settings table, across a restart', async () => {
    printer = await startFakePrinter()
    const { tc } = await enrolledWithPrinter(printer.port)
    await tc.reopen()
    await tc.signIn('M1', 'MGR')
    const list = await tc.ok('printers.list', {}, 'MGR')
    expect(list.settings).toEqual(thermal(printer.port))
    expect(list.printers).toEqual([
      {
        id: 'thermal',
        name: `Thermal 127.0.0.1:${printer.port}`,
        paper: '80mm',
        isDefault: true,
        available: true,
      },
    ])
    expect(list).toMatchObject({ systemPrinters: [], systemPrintingAvailable: false })
    const audit = await tc.ok('audit.list', { action: 'printers.configure' }, 'MGR')
    expect(audit.entries).toHaveLength(1)
  })

  it('refuses unicode-raster text without a rasteriser, and any print before configuration', async () => {
    t = await makeCore({ textRasteriser: null })
    await t.signIn('M1', 'MGR')
    const res = await t.call(
      'printers.configure',
      { ...thermal(9100), thermal: { ...thermal(9100).thermal, text: 'unicode-raster' } },
      'MGR',
    )
    expect(!res.ok && res.error.code).toBe('PRINTER_NOT_CONFIGURED')
    const test = await t.call('printers.test', {}, 'MGR')
    expect(!test.ok && test.error.code).toBe('PRINTER_NOT_CONFIGURED')
    const pdf = await t.call('receipts.pdf', { kind: 'end-of-day', ref: '2020-11-10' }, 'MGR')
    expect(!pdf.ok && pdf.error.code).toBe('PRINTER_NOT_CONFIGURED')
  })

  it('prints a test page: store name, time, QR and a 48-column ruler', async () => {
    printer = await startFakePrinter()
    const { tc } = await enrolledWithPrinter(printer.port)
    const job = printer.nextJob()
    const res = await tc.ok('printers.test', {})
    expect(res).toMatchObject({ printed: true, target: 'thermal' })
    expect(res.status).toMatchObject({ online: true, paperEnd: false })
    const decoded = decodeEscPos(await job)
    const text = decodedText(decoded)
    expect(decoded.lines).toContain('123456789012345678901234567890123456789012345678')
    expect(text).toContain('2020-11-10 11:30')
    expect(decoded.qrPayloads).toEqual(['TEST-K1'])
    expect(decoded.commands.at(-1)?.type).toBe('cut')
    const store = await tc.ok('app.info', {})
    expect(store.storeCode).toBe('MH01')
  })
})

describe('the system printer port', () => {
  function fakeSystemPrinter(options: { fail?: boolean } = {}) {
    const printed: Array<{ html: string; deviceName: string; paper: string }> = []
    const port: SystemPrinter = {
      list: async () => [
        { name: 'Office A4', isDefault: true },
        { name: 'TVS RP3160', isDefault: false },
      ],
      print: async (html, deviceName, paper) => {
        if (options.fail) throw new Error('paper jam')
        printed.push({ html, deviceName, paper })
      },
      pdf: async (html) => new TextEncoder().encode(`%PDF-fake ${html.length}`),
    }
    return { port, printed }
  }

  it('lists, prints Hindi HTML with the configured paper, makes PDFs, and counts like thermal', async () => {
    const fake = fakeSystemPrinter()
    t = await makeCore({ systemPrinter: fake.port })
    await t.signIn('M1', 'MGR')
    await t.ok(
      'printers.configure',
      { thermal: null, system: { deviceName: 'Office A4', paper: 'a4' }, defaultTarget: 'system' },
      'MGR',
    )
    const list = await t.ok('printers.list', {}, 'MGR')
    expect(list.systemPrintingAvailable).toBe(true)
    expect(list.systemPrinters.map((p: { name: string }) => p.name)).toEqual([
      'Office A4',
      'TVS RP3160',
    ])
    expect(list.printers).toEqual([
      { id: 'system', name: 'Office A4', paper: 'a4', isDefault: true, available: true },
    ])

    await t.signIn('C1')
    const { plan } = await t.ok('enrollment.create', enrollmentRequest())
    const res = await t.ok('receipts.print', {
      kind: 'enrollment',
      ref: plan.planNumber,
      lang: 'hi',
    })
    expect(res).toMatchObject({ printed: true, target: 'system', copy: 1, lang: 'hi', jobId: null })
    expect(fake.printed).toHaveLength(1)
    expect(fake.printed[0]).toMatchObject({ deviceName: 'Office A4', paper: 'a4' })
    expect(fake.printed[0]!.html).toContain('lang="hi"')
    expect(fake.printed[0]!.html).toContain('<meta name="receipt-paper" content="a4">')
    expect(
      await t.ok('receipts.print', { kind: 'enrollment', ref: plan.planNumber }),
    ).toMatchObject({ copy: 2, duplicate: true })
    expect(await reprintCount(t, plan.planNumber)).toBe(1)

    const pdf = await t.ok('receipts.pdf', { kind: 'enrollment', ref: plan.planNumber })
    expect(Buffer.from(pdf.pdfBase64, 'base64').toString()).toMatch(/^%PDF-fake \d+$/)
    expect(pdf.fileName).toMatch(/^tax-invoice-K1-2021-000001\.pdf$/)
    expect(pdf.copy).toBe(3)
    expect(await reprintCount(t, plan.planNumber)).toBe(1)
  })

  it('reports a failed system print without counting it', async () => {
    const fake = fakeSystemPrinter({ fail: true })
    t = await makeCore({ systemPrinter: fake.port })
    await t.signIn('M1', 'MGR')
    await t.ok(
      'printers.configure',
      {
        thermal: null,
        system: { deviceName: 'Office A4', paper: '80mm' },
        defaultTarget: 'system',
      },
      'MGR',
    )
    await t.signIn('C1')
    const { plan } = await t.ok('enrollment.create', enrollmentRequest())
    const res = await t.ok('receipts.print', { kind: 'enrollment', ref: plan.planNumber })
    expect(res).toMatchObject({ printed: false, copy: 1, error: { code: 'PRINTER_OFFLINE' } })
    expect(await reprintCount(t, plan.planNumber)).toBe(0)
    expect(
      (await t.ok('receipts.preview', { kind: 'enrollment', ref: plan.planNumber })).copy,
    ).toBe(1)
  })
})
