import { z } from 'zod'
import { ErrorShapeSchema } from '../../../shared/contract/envelope'
import { DOCUMENT_KINDS } from './model'

export const ReceiptLangSchema = z.enum(['en', 'hi'])
export const ReceiptPaperSchema = z.enum(['80mm', 'a4'])

export const DocumentRefSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  id: z.string().min(1).max(64),
})

export const ReceiptsPreviewRequestSchema = z.object({
  document: DocumentRefSchema,
  lang: ReceiptLangSchema,
  paper: ReceiptPaperSchema,
})

export const ReceiptsPreviewResponseSchema = z.object({
  title: z.string(),
  html: z.string().max(2_000_000),
  nextCopy: z.number().int().min(1),
})

export const ReceiptsPrintRequestSchema = z.object({
  document: DocumentRefSchema,
  lang: ReceiptLangSchema,
  printerId: z.string().min(1).max(64).optional(),
  openDrawer: z.boolean().default(false),
})

export const PrintJobSummarySchema = z.object({
  id: z.string(),
  kind: z.string().optional(),
  reference: z.string().optional(),
  copy: z.number().int().min(1).optional(),
  createdAt: z.string(),
  attempts: z.number().int().min(0),
  status: z.enum(['pending', 'failed', 'printed']),
  lastError: ErrorShapeSchema.optional(),
})

export const ReceiptsPrintResponseSchema = z.object({
  copy: z.number().int().min(1),
  printed: z.boolean(),
  job: PrintJobSummarySchema.nullable(),
  error: ErrorShapeSchema.optional(),
})

export const ReceiptsPdfRequestSchema = z.object({
  document: DocumentRefSchema,
  lang: ReceiptLangSchema,
  paper: ReceiptPaperSchema.default('a4'),
})

export const ReceiptsPdfResponseSchema = z.object({
  fileName: z.string(),
  pdfBase64: z.string().max(10_000_000),
})

export const PrinterInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  transport: z.enum(['escpos-tcp', 'system']),
  host: z.string().optional(),
  port: z.number().int().min(1).max(65535).optional(),
  paper: z.enum(['80mm', '58mm', 'a4']),
  qr: z.enum(['native-qr', 'raster-qr']).optional(),
  text: z.enum(['ascii', 'unicode-raster']).optional(),
  isDefault: z.boolean(),
})

export const PrintersListRequestSchema = z.object({}).strict()

export const PrintersListResponseSchema = z.object({
  printers: z.array(PrinterInfoSchema),
  waitingJobs: z.array(PrintJobSummarySchema),
})

export const PrintersTestRequestSchema = z.object({
  printerId: z.string().min(1).max(64),
})

export const PrinterStatusSchema = z.object({
  online: z.boolean(),
  coverOpen: z.boolean(),
  paperEnd: z.boolean(),
  paperNearEnd: z.boolean(),
  error: z.boolean(),
})

export const PrintersTestResponseSchema = z.object({
  printed: z.boolean(),
  status: PrinterStatusSchema.nullable(),
  error: ErrorShapeSchema.optional(),
})

export const PrintersRetryRequestSchema = z.object({
  jobId: z.string().min(1).max(64).optional(),
})

export const PrintersRetryResponseSchema = z.object({
  results: z.array(
    z.object({
      job: PrintJobSummarySchema,
      printed: z.boolean(),
      error: ErrorShapeSchema.optional(),
    }),
  ),
})
