/**
 * Reads an ESC/POS byte stream back into text lines and commands, so tests assert on what a
 * printer would do rather than on byte offsets. Knows the commands our encoder emits; an
 * unknown command fails loudly instead of being skipped.
 */

export type DecodedCommand =
  | { type: 'initialize' }
  | { type: 'codepage'; value: number }
  | { type: 'bold'; value: boolean }
  | { type: 'underline'; value: number }
  | { type: 'invert'; value: boolean }
  | { type: 'size'; width: number; height: number }
  | { type: 'align'; value: 'left' | 'center' | 'right' }
  | { type: 'font'; value: number }
  | { type: 'line-spacing'; value: number | 'default' }
  | { type: 'qr'; fn: number; data?: string }
  | { type: 'raster'; widthBytes: number; height: number; data: Uint8Array }
  | { type: 'cut'; mode: number }
  | { type: 'pulse'; pin: number }
  | { type: 'status-request'; n: number }
  | { type: 'other'; bytes: number[] }

export interface DecodedStream {
  lines: string[]
  commands: DecodedCommand[]
  /** Payloads of the QR codes printed (GS ( k fn 80 stored then fn 81 printed). */
  qrPayloads: string[]
  rasters: Array<{ widthBytes: number; height: number; data: Uint8Array }>
  /** Bytes ≥ 0x80 found in text. */
  highBytes: number[]
}

/** ESC commands: the command and how many bytes it takes (ESC p m t1 t2 takes five). */
function decodeEsc(c: number, n: number): { command: DecodedCommand; length: number } | null {
  switch (c) {
    case 0x40:
      return { command: { type: 'initialize' }, length: 2 }
    case 0x74:
      return { command: { type: 'codepage', value: n }, length: 3 }
    case 0x45:
      return { command: { type: 'bold', value: n === 1 }, length: 3 }
    case 0x2d:
      return { command: { type: 'underline', value: n }, length: 3 }
    case 0x61: {
      const value = (['left', 'center', 'right'] as const)[n % 3] ?? 'left'
      return { command: { type: 'align', value }, length: 3 }
    }
    case 0x4d:
      return { command: { type: 'font', value: n }, length: 3 }
    case 0x33:
      return { command: { type: 'line-spacing', value: n }, length: 3 }
    case 0x32:
      return { command: { type: 'line-spacing', value: 'default' }, length: 2 }
    case 0x70:
      return { command: { type: 'pulse', pin: n }, length: 5 }
    default:
      return null
  }
}

/** Decodes ESC/POS bytes. */
export function decodeEscPos(bytes: Uint8Array): DecodedStream {
  const result: DecodedStream = {
    lines: [],
    commands: [],
    qrPayloads: [],
    rasters: [],
    highBytes: [],
  }
  let line = ''
  let storedQr: string | undefined
  let i = 0
  const at = (k: number) => bytes[k] ?? 0
  const push = (c: DecodedCommand) => result.commands.push(c)
  while (i < bytes.length) {
    const b = at(i)
    if (b === 0x0a) {
      result.lines.push(line)
      line = ''
      i++
    } else if (b === 0x0d) {
      i++
    } else if (b === 0x1b) {
      const esc = decodeEsc(at(i + 1), at(i + 2))
      if (!esc) throw new Error(`unknown ESC command 0x${at(i + 1).toString(16)} at ${i}`)
      push(esc.command)
      i += esc.length
    } else if (b === 0x1d) {
      const c = at(i + 1)
      if (c === 0x21) {
        const n = at(i + 2)
        push({ type: 'size', width: (n >> 4) + 1, height: (n & 0x0f) + 1 })
        i += 3
      } else if (c === 0x42) {
        push({ type: 'invert', value: at(i + 2) === 1 })
        i += 3
      } else if (c === 0x28 && at(i + 2) === 0x6b) {
        const len = at(i + 3) | (at(i + 4) << 8)
        const fn = at(i + 6)
        const body = bytes.subarray(i + 5, i + 5 + len)
        if (fn === 0x50) {
          storedQr = Buffer.from(body.subarray(3)).toString('latin1')
          push({ type: 'qr', fn, data: storedQr })
        } else {
          push({ type: 'qr', fn })
          if (fn === 0x51 && storedQr !== undefined) result.qrPayloads.push(storedQr)
        }
        i += 5 + len
      } else if (c === 0x76 && at(i + 2) === 0x30) {
        const widthBytes = at(i + 4) | (at(i + 5) << 8)
        const height = at(i + 6) | (at(i + 7) << 8)
        const data = bytes.slice(i + 8, i + 8 + widthBytes * height)
        push({ type: 'raster', widthBytes, height, data })
        result.rasters.push({ widthBytes, height, data })
        i += 8 + widthBytes * height
      } else if (c === 0x56) {
        const m = at(i + 2)
        push({ type: 'cut', mode: m })
        i += m >= 65 ? 4 : 3
      } else throw new Error(`unknown GS command 0x${c.toString(16)} at ${i}`)
    } else if (b === 0x10 && at(i + 1) === 0x04) {
      push({ type: 'status-request', n: at(i + 2) })
      i += 3
    } else if (b === 0x1c) {
      // FS . (cancel Kanji mode) and friends: two bytes.
      push({ type: 'other', bytes: [b, at(i + 1)] })
      i += 2
    } else if (b < 0x20) {
      throw new Error(`unknown control byte 0x${b.toString(16)} at ${i}`)
    } else {
      if (b >= 0x80) result.highBytes.push(b)
      line += String.fromCharCode(b)
      i++
    }
  }
  if (line) result.lines.push(line)
  return result
}

/** The decoded text as one string, lines joined with newlines. */
export function decodedText(stream: DecodedStream): string {
  return stream.lines.join('\n')
}
