import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { rupeesText, toSpreadsheetCsv } from '../../headoffice/services/console-reports'

// The console's CSV (docs/console.md#reports), read back by a CSV parser: what goes in comes out.
describe('console CSV export', () => {
  const columns = [
    { header: 'Name, as "registered"', value: (l: { name: string; paise: number }) => l.name },
    { header: 'Amount (INR)', value: (l: { name: string; paise: number }) => rupeesText(l.paise) },
  ]

  it('quotes commas, quotes and line breaks, with a BOM, CRLF and a header row', () => {
    const lines = [
      { name: 'Mi Home, Brigade Road', paise: 49_900 },
      { name: 'The "Studio"', paise: 5 },
      { name: 'Line one\nline two', paise: 123_456_789 },
      { name: 'सेल्फ़ स्टोर', paise: 0 },
    ]
    const csv = toSpreadsheetCsv(lines, columns)
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(csv.split('\r\n')[0]).toBe('\uFEFF"Name, as ""registered""",Amount (INR)')
    expect(parse(csv, { bom: true })).toEqual([
      ['Name, as "registered"', 'Amount (INR)'],
      ['Mi Home, Brigade Road', '499.00'],
      ['The "Studio"', '0.05'],
      ['Line one\nline two', '1234567.89'],
      ['सेल्फ़ स्टोर', '0.00'],
    ])
  })

  it('never hands a spreadsheet a formula, but leaves negative amounts as numbers', () => {
    const csv = toSpreadsheetCsv(
      [
        { name: '=HYPERLINK("http://x.example")', paise: -1_050 },
        { name: '@SUM(A1)', paise: 0 },
      ],
      columns,
    )
    expect(parse(csv, { bom: true, from_line: 2 })).toEqual([
      [`'=HYPERLINK("http://x.example")`, '-10.50'],
      [`'@SUM(A1)`, '0.00'],
    ])
  })
})
