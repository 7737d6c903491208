import { afterEach, describe, expect, it } from 'vitest'
import {
  checkKioskCodeForDocuments,
  formatDocumentNumber,
  MAX_DOCUMENT_NUMBER_LENGTH,
  shortFinancialYear,
} from '../../../electron/core/document-numbers'
import { enrollmentRequest, makeCore, tempDir, type TestCore } from './helpers'

let t: TestCore | undefined
afterEach(async () => {
  await t?.cleanup()
  t = undefined
})

describe('GST document numbers', () => {
  it('never exceed 16 characters, with the longest kiosk code and the largest sequence', () => {
    for (const series of [
      'tax-invoice',
      'credit-note',
      'exchange-voucher',
      'ineligibility-slip',
    ] as const) {
      for (const training of [false, true]) {
        const n = formatDocumentNumber('Z99', series, '2099-03-31', 999_999, training)
        expect(n.length, n).toBeLessThanOrEqual(MAX_DOCUMENT_NUMBER_LENGTH)
        // GST allows letters, digits, '-' and '/' only.
        expect(n).toMatch(/^[A-Z0-9/-]+$/)
      }
    }
    expect(formatDocumentNumber('Z99', 'credit-note', '2099-03-31', 999_999)).toBe(
      'Z99/C9899/999999',
    )
  })

  it('reads kiosk / financial year / sequence, series before the year, TRN in training', () => {
    expect(formatDocumentNumber('K1', 'tax-invoice', '2026-05-01', 123)).toBe('K1/2627/000123')
    expect(formatDocumentNumber('K1', 'credit-note', '2026-05-01', 45)).toBe('K1/C2627/000045')
    expect(formatDocumentNumber('K1', 'exchange-voucher', '2026-05-01', 3)).toBe('K1/X2627/000003')
    expect(formatDocumentNumber('K1', 'ineligibility-slip', '2026-05-01', 2)).toBe(
      'K1/S2627/000002',
    )
    expect(formatDocumentNumber('K1', 'tax-invoice', '2026-05-01', 1, true)).toBe('TRN/2627/000001')
  })

  it('changes financial year on 1 April', () => {
    expect(shortFinancialYear('2027-03-31')).toBe('2627')
    expect(shortFinancialYear('2027-04-01')).toBe('2728')
    expect(shortFinancialYear('2099-12-31')).toBe('9900')
  })

  it('refuses kiosk codes that would not fit or could read as training, and a 7th digit', () => {
    for (const code of ['K1', 'Z99', 'A', '123'])
      expect(() => checkKioskCodeForDocuments(code)).not.toThrow()
    for (const code of ['K100', 'k1', 'K-1', '', 'TRN', 'MH01K1']) {
      expect(() => checkKioskCodeForDocuments(code), code).toThrow(/kiosk code/i)
    }
    expect(() => formatDocumentNumber('K1', 'tax-invoice', '2026-05-01', 1_000_000)).toThrow(
      /ran out/,
    )
  })

  it('issues ≤ 16-character invoices from a core with the longest kiosk code, and refuses a longer one', async () => {
    t = await makeCore({ kioskCode: 'Z99' })
    await t.signIn('C1')
    const a = await t.ok('enrollment.create', enrollmentRequest())
    const b = await t.ok('enrollment.create', enrollmentRequest())
    expect([a.receipt.taxInvoiceNumber, b.receipt.taxInvoiceNumber]).toEqual([
      'Z99/2021/000001',
      'Z99/2021/000002',
    ])
    await expect(makeCore({ kioskCode: 'K1000', dataDir: tempDir() })).rejects.toThrow(
      /kiosk code/i,
    )
  })

  it('the database refuses a document number issued twice', async () => {
    t = await makeCore()
    await t.signIn('C1')
    const a = await t.ok('enrollment.create', enrollmentRequest())
    // Rewind the counter as a restored backup or a bad edit would: the unique index stops it.
    const sqlite = (await import('better-sqlite3')).default
    const raw = new sqlite(t.core.databasePath)
    raw.prepare("UPDATE sequences SET value = 0 WHERE name LIKE 'tax-invoice:%'").run()
    raw.close()
    const again = await t.call('enrollment.create', enrollmentRequest())
    expect(!again.ok && again.error.code).toBe('INTERNAL')
    const logged = JSON.stringify((t.config.logger as { lines?: unknown[] }).lines)
    expect(logged).toContain('receipts.document_number')
    expect(a.receipt.taxInvoiceNumber).toBe('K1/2021/000001')
  })
})
