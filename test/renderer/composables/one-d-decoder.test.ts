import { describe, expect, it } from 'vitest'
import { luhnCheckDigit } from '../../../shared/domain/checksums'
import { decodeOneD } from '../../../renderer/src/composables/one-d-decoder'
import { code128Picture, type LumaImage } from '../../e2e/support/y4m'

// The camera's 1D decoder (ZXing's Code 128 and EAN-13 readers) on frames like the webcam's:
// a phone box's IMEI label drawn from bwip-js's encoding (issue 15).

const rgba = (pic: LumaImage) => {
  const data = new Uint8ClampedArray(pic.width * pic.height * 4)
  pic.luma.forEach((v, i) => data.set([v, v, v, 255], i * 4))
  return { data, width: pic.width, height: pic.height }
}

describe('decodeOneD', () => {
  it('reads the Code 128 of an IMEI and of an invoice number', () => {
    const imei = '86000000000301' + luhnCheckDigit('86000000000301')
    expect(decodeOneD(rgba(code128Picture(imei)))).toBe(imei)
    expect(decodeOneD(rgba(code128Picture('MH01/2026/0042')))).toBe('MH01/2026/0042')
  })

  it('finds nothing in a frame without a bar code', () => {
    const blank = { width: 640, height: 480, luma: new Uint8Array(640 * 480).fill(90) }
    expect(decodeOneD(rgba(blank))).toBeNull()
  })
})
