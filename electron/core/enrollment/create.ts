import { createHmac, randomUUID } from 'node:crypto'
import type { Catalog } from '../../../shared/catalog'
import { findVariant } from '../../../shared/catalog'
import type {
  EnrollmentCreateRequest,
  EnrollmentCreateResponse,
} from '../../../shared/contract/enrollment'
import type { EnrollmentReceipt } from '../../../shared/contract/receipt-data'
import {
  assuredValue,
  checkEnrollment,
  maskIdNumber,
  validateEmail,
  validateIdNumber,
  validateImei,
  validateInvoiceNumber,
  validateMobile,
  validatePersonName,
  valueTimeline,
} from '../../../shared/domain'
import { KioskError } from '../../../shared/errors'
import { appendAudit } from '../audit/audit-log'
import type { Actor, CoreDeps } from '../context'
import { nextDocumentNumber } from '../document-numbers'
import { feeGst } from './fee-gst'
import { once } from '../idempotency'
import { appendEvent, eventOrigin } from '../outbox/outbox'
import { formatPlanNumber, planKey } from '../../../shared/domain/plan-number'
import { findPlanByKey, toPlanView } from '../plans/plan-view'
import { Reasons } from '../reasons'
import { buildReceiptData } from '../receipt-data/build'
import { createReceiptRecord } from '../receipt-data/receipt-records'
import {
  CustomerEntity,
  PaymentEntity,
  PlanEntity,
  PlanImeiEntity,
  type PlanImeiRow,
} from '../storage/entities'
import type { Tx } from '../storage/store'

interface Checked {
  name: string
  mobile: string
  email: string | null
  idNumber: string
  imeis: string[]
  invoiceNumber: string
}

/**
 * Every enrollment rule (docs/program-rules.md#eligibility and after) at once: shapes (validators),
 * eligibility, consent, payment.
 */
function validate(
  tx: Tx,
  deps: CoreDeps,
  catalog: Catalog,
  req: EnrollmentCreateRequest,
  today: string,
): Checked {
  const r = new Reasons()
  const name = r.check('customer.name', validatePersonName(req.customer.name))
  const mobile = r.check('customer.mobile', validateMobile(req.customer.mobile))
  const email = req.customer.email
    ? r.check('customer.email', validateEmail(req.customer.email))
    : null
  const idNumber = r.check(
    'customer.idNumber',
    validateIdNumber(req.customer.idType, req.customer.idNumber),
  )
  const invoiceNumber = r.check(
    'purchase.invoiceNumber',
    validateInvoiceNumber(req.purchase.invoiceNumber),
  )
  if (!req.consent.dataProcessing) {
    r.add(
      'CONSENT_REQUIRED',
      'consent.dataProcessing',
      'The customer must consent to data processing.',
    )
  }
  const normalized = req.imeis.map((i) => validateImei(i)).flatMap((v) => (v.ok ? [v.value] : []))
  const active = new Set(
    normalized.length
      ? tx.sql
          .all<{ imei: string }>(
            `SELECT imei FROM plan_imeis WHERE active = 1 AND imei IN (${normalized.map(() => '?').join(',')})`,
            ...normalized,
          )
          .map((x) => x.imei)
      : [],
  )
  const eligibility = checkEnrollment({
    catalog,
    variantId: req.variantId,
    purchaseStoreCode: req.purchase.storeCode,
    invoiceDate: req.purchase.invoiceDate,
    enrollmentDate: today,
    imeis: req.imeis,
    activeImeis: active,
  })
  for (const reason of eligibility.reasons) {
    const path =
      reason.path === 'invoiceDate'
        ? 'purchase.invoiceDate'
        : reason.path === 'purchaseStoreCode'
          ? 'purchase.storeCode'
          : reason.path
    r.add(reason.code, path, reason.message)
  }
  const found = findVariant(catalog, req.variantId)
  if (found && req.payment.amountPaise !== found.model.feePaise) {
    r.add(
      'AMOUNT_INVALID',
      'payment.amountPaise',
      `The plan fee is ${found.model.feePaise / 100} rupees.`,
    )
  }
  if (req.payment.method !== 'cash' && !req.payment.reference) {
    r.add(
      'PAYMENT_REFERENCE_REQUIRED',
      'payment.reference',
      'UPI and card payments need their reference.',
    )
  }
  if (!catalog.stores.some((s) => s.code === deps.config.storeCode)) {
    r.add(
      'STORE_NOT_FOUND',
      '',
      `This kiosk's store ${deps.config.storeCode} is not in the catalog.`,
    )
  }
  r.throwIfAny('The enrollment cannot be accepted.')
  return {
    name: name!,
    mobile: mobile!,
    email: email ?? null,
    idNumber: idNumber!,
    imeis: normalized,
    invoiceNumber: invoiceNumber!,
  }
}

/** Keyed hash of an Aadhaar number: duplicate detection without keeping the number. */
export function aadhaarHmac(key: Buffer, aadhaar: string): string {
  return createHmac('sha256', key).update(aadhaar).digest('hex')
}

/**
 * Enrolls a phone: validates everything, freezes SRP and fee from the catalog in force, takes the
 * fee, issues the plan number and tax invoice, and writes plan + payment + receipt + audit +
 * outbox event in one transaction. The same requestId returns the same plan.
 */
export async function createEnrollment(
  deps: CoreDeps,
  actor: Actor,
  req: EnrollmentCreateRequest,
): Promise<EnrollmentCreateResponse> {
  const { requestId, ...body } = req
  return deps.store.write((tx) =>
    once(tx, deps, { channel: 'enrollment.create', requestId, body }, async () => {
      const today = deps.businessDate()
      const at = deps.nowIso()
      const catalog = deps.catalogs.inForce(today)
      const checked = validate(tx, deps, catalog, req, today)
      const { model, variant } = findVariant(catalog, req.variantId)!
      const seq = await tx.next('plan')
      const planNumber = formatPlanNumber(
        deps.config.storeCode,
        deps.config.kioskCode,
        seq,
        deps.training,
      )
      const planId = randomUUID()
      const customerId = randomUUID()
      const quote = assuredValue({
        srpPaise: variant.srpPaise,
        purchaseDate: req.purchase.invoiceDate,
        onDate: today,
        schedule: catalog.schedule,
      })
      const isAadhaar = req.customer.idType === 'aadhaar'
      const hmac = isAadhaar ? aadhaarHmac(deps.config.kycKey, checked.idNumber) : null
      const customer = {
        name: checked.name,
        mobile: checked.mobile,
        email: checked.email,
        idType: req.customer.idType,
        idMasked: maskIdNumber(req.customer.idType, checked.idNumber),
        idLast4: checked.idNumber.slice(-4),
        aadhaarHmac: hmac,
      }
      const earlierPlansOfId = hmac
        ? tx.sql.get<{ n: number }>(
            'SELECT COUNT(*) AS n FROM customers WHERE aadhaar_hmac = ?',
            hmac,
          )!.n
        : 0
      await tx.insert(CustomerEntity, {
        id: customerId,
        ...customer,
        consentDataProcessing: true,
        consentNotifications: req.consent.notifications,
        consentMarketing: req.consent.marketing,
        consentVersion: req.consent.version,
        consentAt: at,
        anonymisedAt: null,
        createdAt: at,
      })
      await tx.insert(PlanEntity, {
        id: planId,
        planNumber,
        planKey: planKey(planNumber),
        customerId,
        modelId: model.id,
        modelName: model.name,
        variantId: variant.id,
        variantName: variant.name,
        srpPaise: variant.srpPaise,
        feePaise: model.feePaise,
        catalogVersion: catalog.version,
        purchaseDate: req.purchase.invoiceDate,
        invoiceNumber: checked.invoiceNumber,
        invoiceDate: req.purchase.invoiceDate,
        purchaseStoreCode: req.purchase.storeCode,
        pricePaidPaise: req.purchase.pricePaidPaise,
        enrolledOn: today,
        enrolledAt: at,
        expiresOn: quote.expiresAfter,
        status: 'active',
        closedOn: null,
        staffId: actor.staffId,
        origin: 'local',
        training: deps.training,
      })
      await tx.insert(
        PlanImeiEntity,
        checked.imeis.map((imei, slot): PlanImeiRow => ({ planId, slot, imei, active: true })),
      )
      const taxInvoiceNumber = await nextDocumentNumber(tx, deps, 'tax-invoice', today)
      // Place of supply and split: the same rule the pre-enrollment quote shows (fee-gst.ts).
      const gst = feeGst(catalog, model.feePaise)
      const payment = {
        method: req.payment.method,
        reference: req.payment.method === 'cash' ? null : (req.payment.reference ?? null),
        amountPaise: model.feePaise,
      }
      await tx.insert(PaymentEntity, {
        id: randomUUID(),
        planId,
        kind: 'fee',
        ...payment,
        documentNumber: taxInvoiceNumber,
        gst: JSON.stringify(gst),
        businessDate: today,
        takenAt: at,
        staffId: actor.staffId,
      })
      await createReceiptRecord(tx, 'enrollment', planNumber, planId, taxInvoiceNumber, at)
      await appendAudit(tx, {
        at,
        businessDate: today,
        staff: actor,
        action: 'enrollment.create',
        entity: 'plan',
        entityId: planNumber,
        details: {
          variantId: variant.id,
          srpPaise: variant.srpPaise,
          feePaise: model.feePaise,
          taxInvoiceNumber,
          method: payment.method,
          earlierPlansOfId,
        },
      })
      await appendEvent(tx, eventOrigin(deps, at, today), 'plan.enrolled', {
        planNumber,
        imeis: checked.imeis,
        modelId: model.id,
        modelName: model.name,
        variantId: variant.id,
        variantName: variant.name,
        srpPaise: variant.srpPaise,
        feePaise: model.feePaise,
        catalogVersion: catalog.version,
        purchaseDate: req.purchase.invoiceDate,
        invoice: {
          number: checked.invoiceNumber,
          date: req.purchase.invoiceDate,
          storeCode: req.purchase.storeCode,
          pricePaidPaise: req.purchase.pricePaidPaise,
        },
        enrolledOn: today,
        customer,
        consent: {
          dataProcessing: true,
          notifications: req.consent.notifications,
          marketing: req.consent.marketing,
          version: req.consent.version,
          at,
        },
        payment,
        taxInvoiceNumber,
        gst,
        staffCode: actor.code,
      })
      const record = findPlanByKey(tx.sql, planKey(planNumber))
      if (!record) throw new KioskError('INTERNAL', 'The plan just written cannot be read back.')
      return {
        plan: toPlanView(record, today),
        timeline: valueTimeline(variant.srpPaise, req.purchase.invoiceDate, catalog.schedule),
        receipt: buildReceiptData(tx.sql, deps, 'enrollment', planNumber) as EnrollmentReceipt,
      }
    }),
  )
}
