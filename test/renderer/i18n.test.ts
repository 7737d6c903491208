import { describe, expect, it } from 'vitest'
import en from '../../renderer/src/i18n/en.json'
import hi from '../../renderer/src/i18n/hi.json'
import { ERROR_CODES } from '../../shared/errors'
import { labelsFor } from '../../electron/core/receipts/labels'

type Tree = { [key: string]: string | Tree }

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  )
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()
}

function lookup(tree: Tree, key: string): string {
  return key.split('.').reduce<Tree | string>((t, k) => (t as Tree)[k]!, tree) as string
}

describe('message files', () => {
  it('Hindi has exactly the English keys', () => {
    expect(keys(hi as Tree).sort()).toEqual(keys(en as Tree).sort())
  })

  it('every message keeps the same placeholders in both languages', () => {
    for (const key of keys(en as Tree)) {
      expect(placeholders(lookup(hi as Tree, key)), key).toEqual(
        placeholders(lookup(en as Tree, key)),
      )
    }
  })

  it('Hindi messages are actually Hindi (Devanagari), not copied English', () => {
    // Keys whose text is the same in both languages (codes, brand names) go in EXEMPT. "IMEI" is
    // what the phone's own *#06# screen shows, so Hindi labels keep it in Latin letters.
    const EXEMPT = new Set<string>(['enroll.imei1', 'enroll.imeis', 'find.byOptions.imei'])
    const untranslated = keys(hi as Tree).filter(
      (k) => !EXEMPT.has(k) && !/[\u0900-\u097F]/.test(lookup(hi as Tree, k)),
    )
    expect(untranslated).toEqual([])
  })

  it('every error code of the contract has a message in both languages', () => {
    const missing = ERROR_CODES.flatMap((code) =>
      [en, hi].some(
        (file) => typeof (file as { errors: Record<string, unknown> }).errors[code] !== 'string',
      )
        ? [code]
        : [],
    )
    expect(missing).toEqual([])
  })

  it('Hindi keeps one word per thing and one thing per word (issue 14 leftovers)', () => {
    const h = (key: string) => lookup(hi as Tree, key)
    // "कियॉस्क" everywhere, on screen and on paper.
    const spellings = [...keys(hi as Tree).map(h), JSON.stringify(labelsFor('hi'))]
    expect(spellings.filter((v) => String(v).includes('कियोस्क'))).toEqual([])
    // Review (a wizard step) and Inspections (the phone checks) are different words.
    expect(h('enroll.steps.review')).not.toBe(h('eod.inspections'))
    // "Expired" (a plan) and "Finish" (a button) too.
    expect(h('quote.status.expired')).not.toBe(h('upgrade.finish'))
  })
})

describe('end-of-day totals (issue 14 item 7)', () => {
  it('are named on screen as on the printed report, in both languages', () => {
    for (const lang of ['en', 'hi'] as const) {
      const screen = (key: string) => lookup((lang === 'en' ? en : hi) as Tree, `eod.${key}`)
      const paper = labelsFor(lang)
      expect([
        screen('collections'),
        screen('collected'),
        screen('refunds'),
        screen('net'),
        screen('cashExpected'),
      ]).toEqual([
        paper.collections,
        paper.collected,
        paper.refunds,
        paper.netCollected,
        paper.cashInDrawer,
      ])
    }
  })
})
