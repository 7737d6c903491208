import { z } from 'zod'
import { ALL_STAFF, channel, type Role } from './channel'
import { EmptySchema, LocalDateSchema } from './common'
import { ErrorShapeSchema } from './envelope'
import { ReceiptKindSchema } from './receipt-data'

/**
 * Receipts and printers (issue 6). A document is named by what it is about — the stored receipt
 * kinds (`enrollment`, `inspection`, `redemption`, `cancellation`, each with its `ref`) plus the
 * manager's `end-of-day` report (ref = the business date) — and is always built from the stored
 * records, never from what the screen shows.
 */

/** What can be previewed or printed: the stored receipts and the end-of-day report. */
export const PrintableKindSchema = z.enum([
  ...ReceiptKindSchema.options,
  'end-of-day',
  /** A trade-in voucher (issue 22): ref = the trade-in id. */
  'trade-in-voucher',
])
export type PrintableKind = z.infer<typeof PrintableKindSchema>

/**
 * Who may see and print each kind. Tax documents (invoice, credit note, refund note) belong to
 * the counter (clerk, manager); the technician prints only the inspection's slip, which the
 * clerk may also hand over; the end-of-day report is the manager's close.
 */
export const PRINT_ROLES: Readonly<Record<PrintableKind, readonly Role[]>> = {
  enrollment: ['clerk', 'manager'],
  redemption: ['clerk', 'manager'],
  cancellation: ['clerk', 'manager'],
  inspection: ['technician', 'clerk', 'manager'],
  'end-of-day': ['manager'],
  'trade-in-voucher': ['clerk', 'manager'],
}

export const ReceiptLangSchema = z.enum(['en', 'hi'])
/** Page of an HTML rendering: the 80 mm roll or an A4 sheet. */
export const PaperSchema = z.enum(['80mm', 'a4'])
/** Where a print goes: the configured ESC/POS network printer or the configured OS printer. */
export const PrintTargetSchema = z.enum(['thermal', 'system'])

const documentFields = {
  kind: PrintableKindSchema,
  /** Plan number (enrollment, redemption, cancellation), inspection id, or a business date. */
  ref: z.string().trim().min(1).max(64),
  /** The customer's language; thermal printers in `ascii` text mode print English anyway. */
  lang: ReceiptLangSchema.default('en'),
}

function endOfDayRef(req: { kind: PrintableKind; ref: string }, ctx: z.RefinementCtx): void {
  if (req.kind === 'end-of-day' && !LocalDateSchema.safeParse(req.ref).success) {
    ctx.addIssue({
      code: 'custom',
      path: ['ref'],
      message: 'expected the business date YYYY-MM-DD',
    })
  }
}

export const ReceiptsPreviewRequestSchema = z
  .object({ ...documentFields, paper: PaperSchema.default('80mm') })
  .superRefine(endOfDayRef)

export const ReceiptsPreviewResponseSchema = z.object({
  kind: PrintableKindSchema,
  ref: z.string(),
  /** Invoice / credit note / refund note number; null for slips and reports. */
  documentNumber: z.string().nullable(),
  title: z.string(),
  /** A self-contained page (inline CSS and QR, its own CSP): show it in a sandboxed iframe. */
  html: z.string().max(2_000_000),
  /** The copy the next print will be: 1 is the original, 2 and later say DUPLICATE. */
  copy: z.number().int().min(1),
  lang: ReceiptLangSchema,
})

export const ReceiptsPrintRequestSchema = z
  .object({
    ...documentFields,
    /** Defaults to the configured default printer. */
    target: PrintTargetSchema.optional(),
    /** Pulse the cash drawer (cash payments, refunds); never on a duplicate. */
    openDrawer: z.boolean().default(false),
  })
  .superRefine(endOfDayRef)

export const PrintJobSummarySchema = z.object({
  id: z.string(),
  kind: z.string().nullable(),
  ref: z.string().nullable(),
  copy: z.number().int().min(1).nullable(),
  /** `host:port` of the thermal printer it was last sent to. */
  printer: z.string(),
  createdAt: z.string(),
  attempts: z.number().int().min(0),
  status: z.enum(['pending', 'failed']),
  lastAttemptAt: z.string().nullable(),
  lastError: ErrorShapeSchema.nullable(),
})

/**
 * `printed: false` is an answer, not a failure of the call: the printer could not take the job,
 * `error` says why (PRINTER_OFFLINE / PRINTER_OUT_OF_PAPER / PRINTER_COVER_OPEN) and `jobId`
 * names the job kept on disk for `printers.retry`. The copy is counted only once it printed.
 */
export const ReceiptsPrintResponseSchema = z.object({
  printed: z.boolean(),
  target: PrintTargetSchema,
  /** The copy number on the paper (1 = original, later ones say DUPLICATE). */
  copy: z.number().int().min(1),
  duplicate: z.boolean(),
  /** The language actually printed (English on an ASCII thermal printer). */
  lang: ReceiptLangSchema,
  /** The thermal job (kept until printed); null for the system printer. */
  jobId: z.string().nullable(),
  error: ErrorShapeSchema.optional(),
})

export const ReceiptsPdfRequestSchema = z
  .object({ ...documentFields, paper: PaperSchema.default('a4') })
  .superRefine(endOfDayRef)

export const ReceiptsPdfResponseSchema = z.object({
  fileName: z.string(),
  pdfBase64: z.string().max(15_000_000),
  copy: z.number().int().min(1),
})

// A hostname or an IPv4/IPv6 literal, nothing that looks like a URL: the core opens a raw socket.
const HostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:-]+$/, 'expected a host name or IP address')

export const ThermalPrinterSettingsSchema = z.object({
  host: HostSchema,
  port: z.number().int().min(1).max(65535).default(9100),
  /** 80 mm rolls print 48 columns, 58 mm rolls 32. */
  width: z.enum(['80mm', '58mm']).default('80mm'),
  /** `native-qr`: the printer's QR command; `raster-qr`: the QR as an image (older printers). */
  mode: z.enum(['native-qr', 'raster-qr']).default('native-qr'),
  /**
   * `ascii` (default): English with "Rs." — a thermal code page has no ₹ and no Devanagari, and
   * the core (plain Node) has no shaper to draw Hindi. `unicode-raster` draws such text as images
   * and needs a text rasteriser from the shell. Hindi receipts go to the system printer (HTML).
   */
  text: z.enum(['ascii', 'unicode-raster']).default('ascii'),
})

export const SystemPrinterSettingsSchema = z.object({
  /** The OS printer's name as `printers.list` reports it. */
  deviceName: z.string().trim().min(1).max(200),
  paper: PaperSchema.default('a4'),
})

export const PrinterSettingsSchema = z
  .object({
    thermal: ThermalPrinterSettingsSchema.nullable(),
    system: SystemPrinterSettingsSchema.nullable(),
    defaultTarget: PrintTargetSchema,
  })
  .superRefine((s, ctx) => {
    if (s[s.defaultTarget] === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultTarget'],
        message: `the default printer (${s.defaultTarget}) is not configured`,
      })
    }
  })

export const PrinterInfoSchema = z.object({
  id: PrintTargetSchema,
  name: z.string(),
  paper: z.enum(['80mm', '58mm', 'a4']),
  isDefault: z.boolean(),
  /** False when configured but not usable here (system printer in browser mode). */
  available: z.boolean(),
})

export const PrintersListResponseSchema = z.object({
  /** The configured printers, the default first. */
  printers: z.array(PrinterInfoSchema),
  settings: PrinterSettingsSchema.nullable(),
  /** The OS printers the shell sees; empty in browser mode. */
  systemPrinters: z.array(z.object({ name: z.string(), isDefault: z.boolean() })),
  /** False in browser mode: no system printing and no PDF (use window.print on the preview). */
  systemPrintingAvailable: z.boolean(),
  /** Thermal jobs waiting for a retry. */
  waitingJobs: z.number().int().min(0),
})

export const PrintersTestRequestSchema = z.object({ target: PrintTargetSchema.optional() })

export const PrinterStatusSchema = z.object({
  online: z.boolean(),
  coverOpen: z.boolean(),
  paperEnd: z.boolean(),
  paperNearEnd: z.boolean(),
  error: z.boolean(),
})

export const PrintersTestResponseSchema = z.object({
  printed: z.boolean(),
  target: PrintTargetSchema,
  /** What the thermal printer said about itself; null when it did not answer (or system). */
  status: PrinterStatusSchema.nullable(),
  error: ErrorShapeSchema.optional(),
})

export const PrintersJobsResponseSchema = z.object({ jobs: z.array(PrintJobSummarySchema) })

export const PrintersRetryRequestSchema = z.object({
  /** One job; every waiting job (oldest first) when absent. */
  jobId: z
    .string()
    .regex(/^[0-9]{13}-[0-9a-f]{8}$/, 'not a print job id')
    .optional(),
})

export const PrintersRetryResponseSchema = z.object({
  results: z.array(
    z.object({
      jobId: z.string(),
      printed: z.boolean(),
      copy: z.number().int().min(1).nullable(),
      error: ErrorShapeSchema.optional(),
    }),
  ),
})

export type ReceiptLang = z.infer<typeof ReceiptLangSchema>
export type Paper = z.infer<typeof PaperSchema>
export type PrintTarget = z.infer<typeof PrintTargetSchema>
export type ThermalPrinterSettings = z.infer<typeof ThermalPrinterSettingsSchema>
export type SystemPrinterSettings = z.infer<typeof SystemPrinterSettingsSchema>
export type PrinterSettings = z.infer<typeof PrinterSettingsSchema>
export type PrinterStatusInfo = z.infer<typeof PrinterStatusSchema>
export type PrintJobSummary = z.infer<typeof PrintJobSummarySchema>
export type ReceiptsPrintResponse = z.infer<typeof ReceiptsPrintResponseSchema>

export const receiptChannels = {
  /** The document as HTML for the on-screen preview; shows the next copy, counts nothing. */
  'receipts.preview': channel(
    ReceiptsPreviewRequestSchema,
    ReceiptsPreviewResponseSchema,
    ALL_STAFF,
  ),
  /** Prints to the configured (or named) printer; counts the copy once it printed. */
  'receipts.print': channel(ReceiptsPrintRequestSchema, ReceiptsPrintResponseSchema, ALL_STAFF),
  /** A PDF through the shell's system printer port (archive, e-mail); counts nothing. */
  'receipts.pdf': channel(ReceiptsPdfRequestSchema, ReceiptsPdfResponseSchema, ALL_STAFF),
}

export const printerChannels = {
  'printers.list': channel(EmptySchema, PrintersListResponseSchema, ALL_STAFF),
  /** Replaces the printer settings (stored in the kiosk's settings table). */
  'printers.configure': channel(PrinterSettingsSchema, PrinterSettingsSchema, ['manager']),
  /** A test page: store name, time, a QR code and a column ruler. */
  'printers.test': channel(PrintersTestRequestSchema, PrintersTestResponseSchema, [
    'clerk',
    'manager',
  ]),
  /** Thermal jobs kept because the printer could not take them. */
  'printers.jobs': channel(EmptySchema, PrintersJobsResponseSchema, ['clerk', 'manager']),
  'printers.retry': channel(PrintersRetryRequestSchema, PrintersRetryResponseSchema, [
    'clerk',
    'manager',
  ]),
}
