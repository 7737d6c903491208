import { KioskError } from '../../../shared/errors'

/** What a printer said about itself through DLE EOT (real-time status). */
export interface PrinterStatus {
  online: boolean
  coverOpen: boolean
  paperEnd: boolean
  paperNearEnd: boolean
  /** Cutter jam, head overheating and other errors that stop printing. */
  error: boolean
}

/** DLE EOT n: 1 printer status, 2 offline cause, 4 roll paper sensor (Epson ESC/POS). */
export const STATUS_REQUESTS = [1, 2, 4] as const

/**
 * A status byte always has bit 1 and bit 4 set and bits 0 and 7 clear; anything else is not an
 * answer (e.g. an ASB packet or stray data), and the printer's state stays unknown.
 */
export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12
}

/** Reads the three status bytes (DLE EOT 1, 2, 4) into a status. */
export function parseStatus(printer: number, offlineCause: number, paper: number): PrinterStatus {
  return {
    online: (printer & 0x08) === 0,
    coverOpen: (offlineCause & 0x04) !== 0,
    paperEnd: (offlineCause & 0x20) !== 0 || (paper & 0x60) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
    error: (offlineCause & 0x40) !== 0,
  }
}

/** The error that stops a print job, or null when the printer can print. */
export function statusError(status: PrinterStatus, where: string): KioskError | null {
  // Paper and cover first: they are the causes a clerk can fix, and they also make the printer
  // report itself offline.
  if (status.paperEnd) {
    return new KioskError(
      'PRINTER_OUT_OF_PAPER',
      `The printer at ${where} is out of paper. Load a new roll and retry.`,
    )
  }
  if (status.coverOpen) {
    return new KioskError(
      'PRINTER_COVER_OPEN',
      `The printer at ${where} has its cover open. Close it and retry.`,
    )
  }
  if (status.error || !status.online) {
    return new KioskError(
      'PRINTER_OFFLINE',
      `The printer at ${where} reports an error (cutter jam or overheating?). Switch it off and on, then retry.`,
    )
  }
  return null
}
