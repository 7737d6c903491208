import { randomUUID } from 'node:crypto'
import type { ChecklistItem } from '../../../shared/catalog'
import type {
  InspectionStartRequest,
  InspectionStartResponse,
  InspectionSubmitRequest,
  InspectionSubmitResponse,
} from '../../../shared/contract/inspection'
import { decideInspection, validateImei } from '../../../shared/domain'
import { KioskError } from '../../../shared/errors'
import { appendAudit } from '../audit/audit-log'
import type { Actor, CoreDeps } from '../context'
import { requirePlan } from '../plans/lookup'
import { inspectionReceiptData } from '../receipts/kinds/inspection'
import { nextDocumentNumber } from '../document-numbers'
import { recordFact } from '../record-fact'
import { InspectionEntity } from '../storage/entities'
import { inspectionById } from '../storage/repos/inspections'
import { findPlanById } from '../storage/repos/plans'
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
    if (!plan.imeis.includes(imei.value)) {
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
      reference: await nextDocumentNumber(tx, deps, 'inspection', today),
    })
    await appendAudit(tx, {
      at,
      businessDate: today,
      staff: actor,
      action: 'inspection.start',
      entity: 'inspection',
      entityId: id,
      details: { planNumber: plan.planNumber },
    })
    return {
      inspectionId: id,
      planNumber: plan.planNumber,
      modelName: plan.modelName,
      variantName: plan.variantName,
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
    const row = inspectionById(tx.sql, req.inspectionId)
    if (!row) throw new KioskError('INSPECTION_NOT_FOUND', 'No such inspection.')
    if (row.submitted_at) {
      throw new KioskError('INSPECTION_ALREADY_SUBMITTED', 'This inspection was already submitted.')
    }
    const plan = findPlanById(tx.sql, row.plan_id)!
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
    // A failed inspection's slip takes a short number of its own series (K1/S2627/000002); a
    // passing one has no slip (its result is on the exchange voucher).
    const slipNumber =
      decision.verdict === 'ineligible'
        ? await nextDocumentNumber(tx, deps, 'ineligibility-slip', today)
        : null
    await recordFact(tx, deps, {
      actor,
      at,
      businessDate: today,
      document: { kind: 'inspection', ref: row.id, planId: row.plan_id, number: slipNumber },
      audit: {
        action: 'inspection.submit',
        entity: 'inspection',
        entityId: row.id,
        details: {
          planNumber: plan.planNumber,
          verdict: decision.verdict,
          failedRequired: decision.failedRequired,
        },
      },
      event: {
        type: 'inspection.submitted',
        payload: {
          inspectionId: row.id,
          planNumber: plan.planNumber,
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
        },
      },
    })
    return {
      inspectionId: row.id,
      planNumber: plan.planNumber,
      verdict: decision.verdict,
      failedRequired: decision.failedRequired,
      failedOptional: decision.failedOptional,
      missingPhotos: decision.missingPhotos,
      receipt: inspectionReceiptData(tx.sql, deps, row.id),
    }
  })
}
