import { describe, expect, it } from 'vitest'
import { luhnCheckDigit } from '../../shared/domain/checksums'
import { imeisIn, readImeiScan } from '../../renderer/src/scan-codes'

const imei = (body14: string) => body14 + luhnCheckDigit(body14)
const A = imei('86000000000101')
const B = imei('86000000000102')
const wrong = (i: string) => i.slice(0, 14) + ((Number(i[14]) + 1) % 10)

describe('IMEIs in a scanned text (issue 15)', () => {
  it('finds every Luhn-valid 15-digit run, in order and once', () => {
    expect(imeisIn(`IMEI1:${A} IMEI2:${B}`)).toEqual([A, B])
    expect(imeisIn(`${A}/${B}/${A}`)).toEqual([A, B])
    expect(imeisIn(`IMEI ${A}\nS/N 9C2X77`)).toEqual([A])
  })

  it('splits two IMEIs printed as one 30-digit code', () => {
    expect(imeisIn(A + B)).toEqual([A, B])
    expect(imeisIn(A + wrong(B))).toEqual([])
  })

  it('ignores runs that are not IMEIs: wrong check digit, longer numbers, EAN-13, all zeros', () => {
    expect(imeisIn(`IMEI:${wrong(A)}`)).toEqual([])
    expect(imeisIn(`${A}7`)).toEqual([]) // 16 digits: part of something else
    expect(imeisIn('8901234567897')).toEqual([]) // a product's EAN-13
    expect(imeisIn('000000000000000')).toEqual([])
  })

  it('reads a field: a typed IMEI with spaces, or a box label with one or two', () => {
    expect(readImeiScan(`${A.slice(0, 5)} ${A.slice(5, 10)}-${A.slice(10)}`)).toEqual({
      imei1: A,
      imei2: null,
    })
    expect(readImeiScan(`IMEI1:${A};IMEI2:${B}`)).toEqual({ imei1: A, imei2: B })
    expect(readImeiScan(`IMEI:${A}`)).toEqual({ imei1: A, imei2: null })
    expect(readImeiScan('INV-2026-0042')).toBeNull()
    expect(readImeiScan(A.slice(0, 12))).toBeNull()
  })
})
