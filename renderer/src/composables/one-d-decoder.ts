// ZXing's 1D readers for the bar codes on phone boxes (issue 15): Code 128 (the IMEIs) and
// EAN-13 (the product). @zxing/library is pure JavaScript — the kiosk's CSP allows no
// WebAssembly — and only the few classes needed are imported (the package's index pulls in every
// format, ≈ 1 MB). This module is its own lazily loaded chunk (use-qr-scanner.ts imports it when
// the camera starts), so none of it is in the initial bundle.

import BinaryBitmap from '@zxing/library/esm/core/BinaryBitmap'
import HybridBinarizer from '@zxing/library/esm/core/common/HybridBinarizer'
import DecodeHintType from '@zxing/library/esm/core/DecodeHintType'
import Code128Reader from '@zxing/library/esm/core/oned/Code128Reader'
import EAN13Reader from '@zxing/library/esm/core/oned/EAN13Reader'
import RGBLuminanceSource from '@zxing/library/esm/core/RGBLuminanceSource'

const hints = new Map([[DecodeHintType.TRY_HARDER, true]])
const readers = [new Code128Reader(), new EAN13Reader()]

/** The text of the first Code 128 or EAN-13 bar code in an RGBA frame, or null. */
export function decodeOneD(frame: { data: Uint8ClampedArray; width: number; height: number }) {
  const { data, width, height } = frame
  const luma = new Uint8ClampedArray(width * height)
  for (let i = 0, p = 0; i < luma.length; i++, p += 4)
    luma[i] = (data[p]! * 77 + data[p + 1]! * 150 + data[p + 2]! * 29) >> 8
  const image = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luma, width, height)))
  for (const reader of readers) {
    try {
      return reader.decode(image, hints).getText()
    } catch {
      // Not this format in this frame (NotFoundException and friends): try the next.
    }
  }
  return null
}
