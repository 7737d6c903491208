import QRCode from 'qrcode'

/** A QR symbol as a square of dark/light modules (no quiet zone). */
export interface QrMatrix {
  size: number
  /** Row-major, 1 = dark. */
  modules: Uint8Array
}

/**
 * The QR matrix of a payload, error correction M: plan numbers and short URLs stay at version
 * 2–4, large enough to scan from a crumpled thermal slip.
 */
export function qrMatrix(payload: string): QrMatrix {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' })
  return { size: qr.modules.size, modules: Uint8Array.from(qr.modules.data) }
}

/**
 * An inline SVG of the symbol. Built from the matrix rather than `QRCode.toString` so rendering
 * stays synchronous and the HTML and the raster fallback draw the very same modules.
 */
export function qrSvg(payload: string, label: string, quietZone = 4): string {
  const { size, modules } = qrMatrix(payload)
  const total = size + quietZone * 2
  let path = ''
  for (let y = 0; y < size; y++) {
    let x = 0
    while (x < size) {
      if (!modules[y * size + x]) {
        x++
        continue
      }
      const start = x
      while (x < size && modules[y * size + x]) x++
      path += `M${start + quietZone} ${y + quietZone}h${x - start}v1h-${x - start}z`
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} ${total}" ` +
    `shape-rendering="crispEdges" role="img" aria-label="${label}">` +
    `<rect width="${total}" height="${total}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  )
}
