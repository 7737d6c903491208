import { randomUUID } from 'node:crypto'
import type { ChecklistItem } from '../../../shared/catalog'
import type {
  InspectionStartRequest,
  InspectionStartResponse,
  InspectionSubmitRequest,
  InspectionSubmitResponse,
} from '../../../shared/contract/inspection'
import type { InspectionReceipt } from '../../../shared/contract/receipt-data'
import { decideInspection, validateImei } from '../../../shared/domain'
import { KioskError } from '../../../shared/errors'
import { appendAudit } from '../audit/audit-log'
import type { Actor, CoreDeps } from '../context'
import { appendEvent, eventOrigin } from '../outbox/outbox'
import { requirePlan } from '../plans/lookup'
import { buildReceiptData } from '../receipt-data/build'
import { createReceiptRecord } from '../receipt-data/receipt-records'
import { InspectionEntity } from '../storage/entities'
import { storePhoto } from './photos'

function refuseClosed(status: string): void {
  if (status === 'redeemed')
    throw new KioskError('PLAN_REDEEMED', 'This plan was already redeemed.')
  if (status === 'cancelled') throw new KioskError('PLAN_CANCELLED', 'This plan was cancelled.')
}

/** Opens an inspection: the checklist of the catalog in force, frozen on the inspection. */
export async function startInspection(
  deps: CoreDeps,
  actor: Actor,
  req: InspectionStartRequest,
): Promise<InspectionStartResponse> {
  const imei = validateImei(req.imei)
  if (!imei.ok)
    throw new KioskError(imei.code, imei.message, [
      { path: 'imei', code: imei.code, message: imei.message },
    ])
  return deps.store.write(async (tx) => {
    const plan = requirePlan(tx.sql, req.planNumber)
    refuseClosed(plan.status)
    if (!(JSON.parse(plan.imeis) as string[]).includes(imei.value)) {
      throw new KioskError(
        'IMEI_NOT_ON_PLAN',
        'The phone shows an IMEI that is not on this plan.',
        [{ path: 'imei', code: 'IMEI_NOT_ON_PLAN', message: 'not this plan’s phone' }],
      )
    }
    const today = deps.businessDate()
    const catalog = deps.catalogs.inForce(today)
    const id = randomUUID()
    const at = deps.nowIso()
    await tx.insert(InspectionEntity, {
      id,
      planId: plan.id,
      imei: imei.value,
      technicianId: actor.staffId,
      catalogVersion: catalog.version,
      checklist: JSON.stringify(catalog.checklist),
      answers: null,
      notes: null,
      verdict: null,
      failedRequired: null,
      failedOptional: null,
      startedAt: at,
      submittedAt: null,
      businessDate: today,
    })
    await appendAudit(tx, {
      at,
      businessDate: today,
      staff: actor,
      action: 'inspection.start',
      entity: 'inspection',
      entityId: id,
      details: { planNumber: plan.plan_number },
    })
    return {
      inspectionId: id,
      planNumber: plan.plan_number,
      modelName: plan.model_name,
      variantName: plan.variant_name,
      checklist: catalog.checklist,
      startedAt: at,
    }
  })
}

/** Records the answers (photos stored by hash) and the verdict of the rules. */
export async function submitInspection(
  deps: CoreDeps,
  actor: Actor,
  req: InspectionSubmitRequest,
): Promise<InspectionSubmitResponse> {
  // Photos go to disk before the transaction: files are not transactional, but content-addressed
  // ones are harmless if the transaction then fails.
  const answers = req.answers.map((a, i) => ({
    itemId: a.itemId,
    result: a.result,
    note: a.note ?? null,
    photoHash: a.photo ? storePhoto(deps.config.dataDir, a.photo, `answers.${i}.photo`) : null,
  }))
  return deps.store.write(async (tx) => {
    const row = tx.sql.get<{
      id: string
      plan_id: string
      imei: string
      checklist: string
      catalog_version: string
      started_at: string
      submitted_at: string | null
    }>('SELECT * FROM inspections WHERE id = ?', req.inspectionId)
    if (!row) throw new KioskError('INSPECTION_NOT_FOUND', 'No such inspection.')
    if (row.submitted_at) {
      throw new KioskError('INSPECTION_ALREADY_SUBMITTED', 'This inspection was already submitted.')
    }
    const plan = tx.sql.get<{ plan_number: string; status: string }>(
      'SELECT plan_number, status FROM plans WHERE id = ?',
      row.plan_id,
    )!
    refuseClosed(plan.status)
    const checklist = JSON.parse(row.checklist) as ChecklistItem[]
    const decision = decideInspection(
      checklist,
      answers.map((a) => ({
        itemId: a.itemId,
        result: a.result,
        ...(a.note ? { note: a.note } : {}),
        ...(a.photoHash ? { photoHash: a.photoHash } : {}),
      })),
    )
    const today = deps.businessDate()
    const at = deps.nowIso()
    await tx.update(
      InspectionEntity,
      { id: row.id },
      {
        answers: JSON.stringify(answers),
        notes: req.notes ?? null,
        verdict: decision.verdict,
        failedRequired: JSON.stringify(decision.failedRequired),
        failedOptional: JSON.stringify(decision.failedOptional),
        submittedAt: at,
        technicianId: actor.staffId,
      },
    )
    await createReceiptRecord(tx, 'inspection', row.id, row.plan_id, null, at)
    await appendAudit(tx, {
      at,
      businessDate: today,
      staff: actor,
      action: 'inspection.submit',
      entity: 'inspection',
      entityId: row.id,
      details: {
        planNumber: plan.plan_number,
        verdict: decision.verdict,
        failedRequired: decision.failedRequired,
      },
    })
    await appendEvent(tx, eventOrigin(deps, at, today), 'inspection.submitted', {
      inspectionId: row.id,
      planNumber: plan.plan_number,
      imei: row.imei,
      technicianCode: actor.code,
      startedAt: row.started_at,
      submittedAt: at,
      catalogVersion: row.catalog_version,
      answers,
      verdict: decision.verdict,
      failedRequired: decision.failedRequired,
      failedOptional: decision.failedOptional,
      notes: req.notes ?? null,
    })
    return {
      inspectionId: row.id,
      planNumber: plan.plan_number,
      verdict: decision.verdict,
      failedRequired: decision.failedRequired,
      failedOptional: decision.failedOptional,
      missingPhotos: decision.missingPhotos,
      receipt: buildReceiptData(tx.sql, deps, 'inspection', row.id) as InspectionReceipt,
    }
  })
}
