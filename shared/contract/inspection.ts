import { z } from 'zod'
import { ChecklistItemSchema } from '../catalog'
import { channel } from './channel'
import { InspectionReceiptSchema } from './receipt-data'

const INSPECTORS = ['technician', 'manager'] as const

export const InspectionStartRequestSchema = z.object({
  planNumber: z.string().trim().min(1).max(40),
  /** The IMEI the phone shows with *#06#; must be one of the plan's. */
  imei: z.string().trim().max(32),
})

export const InspectionStartResponseSchema = z.object({
  inspectionId: z.string(),
  planNumber: z.string(),
  modelName: z.string(),
  variantName: z.string(),
  checklist: z.array(ChecklistItemSchema),
  startedAt: z.string(),
})

/** Photos are base64 JPEG/PNG, at most 2 MB once decoded. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024

export const InspectionSubmitRequestSchema = z.object({
  inspectionId: z.string().uuid(),
  answers: z
    .array(
      z.object({
        itemId: z.string().min(1).max(64),
        result: z.enum(['pass', 'fail']),
        note: z.string().trim().max(500).nullish(),
        photo: z
          .object({
            mime: z.enum(['image/jpeg', 'image/png']),
            // base64 of 2 MB is ~2.8 M characters; the decoded size is checked again.
            base64: z.string().max(Math.ceil((PHOTO_MAX_BYTES * 4) / 3) + 8),
          })
          .nullish(),
      }),
    )
    .max(100),
  notes: z.string().trim().max(2000).nullish(),
})

export const InspectionSubmitResponseSchema = z.object({
  inspectionId: z.string(),
  planNumber: z.string(),
  verdict: z.enum(['eligible', 'ineligible']),
  failedRequired: z.array(z.string()),
  failedOptional: z.array(z.string()),
  missingPhotos: z.array(z.string()),
  receipt: InspectionReceiptSchema,
})

export type InspectionStartRequest = z.infer<typeof InspectionStartRequestSchema>
export type InspectionStartResponse = z.infer<typeof InspectionStartResponseSchema>
export type InspectionSubmitRequest = z.infer<typeof InspectionSubmitRequestSchema>
export type InspectionSubmitResponse = z.infer<typeof InspectionSubmitResponseSchema>

export const inspectionChannels = {
  /** Opens an inspection of a returned phone: the catalog's checklist and an inspection id. */
  'inspection.start': channel(
    InspectionStartRequestSchema,
    InspectionStartResponseSchema,
    INSPECTORS,
  ),
  /** Records every answer (with notes, photos) and the verdict by the rules. */
  'inspection.submit': channel(
    InspectionSubmitRequestSchema,
    InspectionSubmitResponseSchema,
    INSPECTORS,
  ),
}
