import { createHmac, randomUUID } from 'node:crypto'
import type { Catalog, Model, Variant } from '../../../shared/catalog'
import { findVariant } from '../../../shared/catalog'
import type {
  EnrollmentCreateRequest,
  EnrollmentCreateResponse,
} from '../../../shared/contract/enrollment'
import {
  assuredValue,
  checkEnrollment,
  isAadhaarKind,
  maskIdNumber,
  validateEmail,
  validateIdNumber,
  validateImei,
  validateInvoiceNumber,
  validateMobile,
  validatePersonName,
  valueTimeline,
  type BusinessRecipient,
} from '../../../shared/domain'
import type { GstSplit, Payment, PayloadOf } from '../../../shared/sync/events'
import { KioskError } from '../../../shared/errors'
import type { Actor, CoreDeps } from '../context'
import { nextDocumentNumber } from '../document-numbers'
import { checkBusiness } from './business'
import { feeGst } from './fee-gst'
import { once } from '../idempotency'
import { formatPlanNumber, planKey } from '../../../shared/domain/plan-number'
import { toPlanView } from '../plans/plan-view'
import { Reasons } from '../reasons'
import { enrollmentReceiptData } from '../receipts/kinds/enrollment'
import { recordFact } from '../record-fact'
import {
  CustomerEntity,
  PaymentEntity,
  PlanEntity,
  PlanImeiEntity,
  type PlanImeiRow,
} from '../storage/entities'
import { activeImeisAmong, countCustomersWithAadhaar, findPlanByKey } from '../storage/repos/plans'
import type { Sql, Tx } from '../storage/store'
import { requestAnswered } from '../storage/repos/requests'
import type { OnlinePlans } from '../sync/online-plans'
import {
  auditListed,
  screenImeis,
  screeningReasons,
  type RegisterCheck,
} from '../fraud/imei-screening'

interface Checked {
  name: string
  mobile: string
  email: string | null
  idNumber: string
  imeis: string[]
  invoiceNumber: string
  guardianName: string | null
  /** The registered recipient of a business purchase (B2B invoice); null for a consumer. */
  business: BusinessRecipient | null
}

/** The shapes of the customer's details (name, mobile, e-mail, ID number). */
export function checkCustomerDetails(r: Reasons, customer: EnrollmentCreateRequest['customer']) {
  const name = r.check('customer.name', validatePersonName(customer.name))
  const mobile = r.check('customer.mobile', validateMobile(customer.mobile))
  const email = customer.email ? r.check('customer.email', validateEmail(customer.email)) : null
  const idNumber = r.check(
    'customer.idNumber',
    validateIdNumber(customer.idType, customer.idNumber),
  )
  return { name, mobile, email, idNumber }
}

/** The invoice number's shape. */
export function checkInvoiceNumber(r: Reasons, purchase: EnrollmentCreateRequest['purchase']) {
  return r.check('purchase.invoiceNumber', validateInvoiceNumber(purchase.invoiceNumber))
}

/** The shapes of the customer's details, the invoice number and the guardian's name. */
function checkCustomer(r: Reasons, req: EnrollmentCreateRequest) {
  const { name, mobile, email, idNumber } = checkCustomerDetails(r, req.customer)
  const invoiceNumber = checkInvoiceNumber(r, req.purchase)
  const guardianName =
    req.consent.givenBy === 'guardian'
      ? r.check('consent.guardianName', validatePersonName(req.consent.guardianName ?? ''))
      : null
  return { name, mobile, email, idNumber, invoiceNumber, guardianName }
}

/**
 * The DPDP consent (issue 18): given, to the notice in force — the version of the catalog in force
 * or of the newest installed one, which the screen shows — and by an adult or a named guardian.
 */
function checkConsent(r: Reasons, deps: CoreDeps, catalog: Catalog, req: EnrollmentCreateRequest) {
  if (!req.consent.dataProcessing) {
    r.add(
      'CONSENT_REQUIRED',
      'consent.dataProcessing',
      'The customer must consent to data processing.',
    )
  }
  const versions = [catalog.privacy, deps.catalogs.latest().privacy].map((p) => p?.consentVersion)
  if (!versions.includes(req.consent.version)) {
    r.add(
      'CONSENT_VERSION_UNKNOWN',
      'consent.version',
      `The notice shown (${req.consent.version}) is not the catalog's (${versions.at(-1) ?? 'none'}).`,
    )
  }
}

/** Eligibility of the phone, its purchase and its IMEIs; returns the normalised IMEIs. */
export function checkPhone(
  r: Reasons,
  sql: Sql,
  catalog: Catalog,
  req: Pick<EnrollmentCreateRequest, 'variantId' | 'imeis' | 'purchase'>,
  today: string,
): string[] {
  const normalized = req.imeis.map((i) => validateImei(i)).flatMap((v) => (v.ok ? [v.value] : []))
  const eligibility = checkEnrollment({
    catalog,
    variantId: req.variantId,
    purchaseStoreCode: req.purchase.storeCode,
    invoiceDate: req.purchase.invoiceDate,
    enrollmentDate: today,
    imeis: req.imeis,
    activeImeis: activeImeisAmong(sql, normalized),
  })
  for (const reason of eligibility.reasons) {
    const path =
      reason.path === 'invoiceDate'
        ? 'purchase.invoiceDate'
        : reason.path === 'purchaseStoreCode'
          ? 'purchase.storeCode'
          : reason.path
    r.add(reason.code, path, reason.message, reason.params)
  }
  return normalized
}

/** The fee paid: the model's fee, with a reference for UPI and card; this kiosk's store known. */
function checkPayment(r: Reasons, deps: CoreDeps, catalog: Catalog, req: EnrollmentCreateRequest) {
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
  const { name, mobile, email, idNumber, invoiceNumber, guardianName } = checkCustomer(r, req)
  checkConsent(r, deps, catalog, req)
  const business = checkBusiness(r, req.business)
  const imeis = checkPhone(r, tx.sql, catalog, req, today)
  checkPayment(r, deps, catalog, req)
  r.throwIfAny('The enrollment cannot be accepted.')
  return {
    name: name!,
    mobile: mobile!,
    email: email ?? null,
    idNumber: idNumber!,
    imeis,
    invoiceNumber: invoiceNumber!,
    guardianName: guardianName ?? null,
    business,
  }
}

/** Keyed hash of an Aadhaar number: duplicate detection without keeping the number. */
export function aadhaarHmac(key: Buffer, aadhaar: string): string {
  return createHmac('sha256', key).update(aadhaar).digest('hex')
}

type EnrolledCustomer = PayloadOf<'plan.enrolled'>['customer']

/** What the enrollment's rows are written from, and its event and receipt are told. */
interface Enrollment {
  req: EnrollmentCreateRequest
  checked: Checked
  catalog: Catalog
  model: Model
  variant: Variant
  planId: string
  planNumber: string
  customer: EnrolledCustomer
  today: string
  at: string
}

/** The customer as recorded: masked ID, its last four and, for Aadhaar or a VID, the keyed hash. */
function customerOf(deps: CoreDeps, req: EnrollmentCreateRequest, checked: Checked) {
  const isAadhaar = isAadhaarKind(req.customer.idType)
  return {
    name: checked.name,
    mobile: checked.mobile,
    email: checked.email,
    idType: req.customer.idType,
    idMasked: maskIdNumber(req.customer.idType, checked.idNumber),
    idLast4: checked.idNumber.slice(-4),
    aadhaarHmac: isAadhaar ? aadhaarHmac(deps.config.kycKey, checked.idNumber) : null,
  }
}

/** The customer, the plan (SRP and fee frozen from the catalog) and its IMEIs. */
async function writePlanRows(tx: Tx, actor: Actor, deps: CoreDeps, e: Enrollment): Promise<void> {
  const { req, model, variant, catalog, planId, today, at } = e
  const customerId = randomUUID()
  const quote = assuredValue({
    srpPaise: variant.srpPaise,
    purchaseDate: req.purchase.invoiceDate,
    onDate: today,
    schedule: catalog.schedule,
  })
  await tx.insert(CustomerEntity, {
    id: customerId,
    ...e.customer,
    consentDataProcessing: true,
    consentNotifications: req.consent.notifications,
    consentMarketing: req.consent.marketing,
    consentVersion: req.consent.version,
    consentAt: at,
    consentGivenBy: req.consent.givenBy,
    guardianName: e.checked.guardianName,
    anonymisedAt: null,
    createdAt: at,
  })
  await tx.insert(PlanEntity, {
    id: planId,
    planNumber: e.planNumber,
    planKey: planKey(e.planNumber),
    customerId,
    modelId: model.id,
    modelName: model.name,
    variantId: variant.id,
    variantName: variant.name,
    srpPaise: variant.srpPaise,
    feePaise: model.feePaise,
    catalogVersion: catalog.version,
    purchaseDate: req.purchase.invoiceDate,
    invoiceNumber: e.checked.invoiceNumber,
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
    e.checked.imeis.map((imei, slot): PlanImeiRow => ({ planId, slot, imei, active: true })),
  )
}

/** The fee, taken against its tax invoice. */
async function takeFee(
  tx: Tx,
  actor: Actor,
  deps: CoreDeps,
  e: Enrollment,
): Promise<{ taxInvoiceNumber: string; gst: GstSplit; payment: Payment }> {
  const { req, model, today } = e
  const taxInvoiceNumber = await nextDocumentNumber(tx, deps, 'tax-invoice', today)
  // Place of supply and split: the same rule the pre-enrollment quote shows (fee-gst.ts), in the
  // recipient's state for a business purchase.
  const store = e.catalog.stores.find((s) => s.code === deps.config.storeCode)!
  const recipient = e.checked.business
  const gst = feeGst(e.catalog, model, {
    storeStateCode: store.stateCode,
    recipientGstin: recipient?.gstin ?? null,
  })
  const payment = {
    method: req.payment.method,
    reference: req.payment.method === 'cash' ? null : (req.payment.reference ?? null),
    amountPaise: model.feePaise,
  }
  await tx.insert(PaymentEntity, {
    id: randomUUID(),
    planId: e.planId,
    kind: 'fee',
    ...payment,
    documentNumber: taxInvoiceNumber,
    gst: JSON.stringify(gst),
    recipientGstin: recipient?.gstin ?? null,
    recipientName: recipient?.legalName ?? null,
    recipientAddress: recipient?.address ?? null,
    businessDate: today,
    takenAt: e.at,
    staffId: actor.staffId,
  })
  return { taxInvoiceNumber, gst, payment }
}

/** The `plan.enrolled` event head office learns the plan from. */
function enrolledEvent(
  actor: Actor,
  e: Enrollment,
  fee: { taxInvoiceNumber: string; gst: GstSplit; payment: Payment },
): PayloadOf<'plan.enrolled'> {
  const { req, model, variant } = e
  return {
    planNumber: e.planNumber,
    planId: e.planId,
    imeis: e.checked.imeis,
    modelId: model.id,
    modelName: model.name,
    variantId: variant.id,
    variantName: variant.name,
    srpPaise: variant.srpPaise,
    feePaise: model.feePaise,
    catalogVersion: e.catalog.version,
    purchaseDate: req.purchase.invoiceDate,
    invoice: {
      number: e.checked.invoiceNumber,
      date: req.purchase.invoiceDate,
      storeCode: req.purchase.storeCode,
      pricePaidPaise: req.purchase.pricePaidPaise,
    },
    enrolledOn: e.today,
    // The Aadhaar HMAC stays on this kiosk: it is keyed with this kiosk's own KYC key, so head
    // office could compare it with nothing (issue 18 item 1, docs/privacy.md).
    customer: { ...e.customer, aadhaarHmac: null },
    consent: {
      dataProcessing: true,
      notifications: req.consent.notifications,
      marketing: req.consent.marketing,
      version: req.consent.version,
      at: e.at,
      givenBy: req.consent.givenBy,
      guardianName: e.checked.guardianName,
    },
    ...fee,
    ...(e.checked.business ? { recipient: e.checked.business } : {}),
    staffCode: actor.code,
  }
}

/** The enrollment in the caller's transaction: checks, rows, fee, fact, answer. */
async function enrollIn(
  tx: Tx,
  deps: CoreDeps,
  actor: Actor,
  req: EnrollmentCreateRequest,
  registerCheck: RegisterCheck,
): Promise<EnrollmentCreateResponse> {
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
  const customer = customerOf(deps, req, checked)
  const e: Enrollment = {
    req,
    checked,
    catalog,
    model,
    variant,
    planId: randomUUID(),
    planNumber,
    customer,
    today,
    at,
  }
  const earlierPlansOfId = customer.aadhaarHmac
    ? countCustomersWithAadhaar(tx.sql, customer.aadhaarHmac)
    : 0
  await writePlanRows(tx, actor, deps, e)
  const fee = await takeFee(tx, actor, deps, e)
  await recordFact(tx, deps, {
    actor,
    at,
    businessDate: today,
    document: {
      kind: 'enrollment',
      ref: planNumber,
      planId: e.planId,
      number: fee.taxInvoiceNumber,
    },
    audit: {
      action: 'enrollment.create',
      entity: 'plan',
      entityId: planNumber,
      details: {
        variantId: variant.id,
        srpPaise: variant.srpPaise,
        feePaise: model.feePaise,
        taxInvoiceNumber: fee.taxInvoiceNumber,
        method: fee.payment.method,
        earlierPlansOfId,
        // Whether the lost/stolen register could be asked (docs/security.md#lost-or-stolen-phones).
        registerCheck,
      },
    },
    event: { type: 'plan.enrolled', payload: enrolledEvent(actor, e, fee) },
  })
  const record = findPlanByKey(tx.sql, planKey(planNumber))
  if (!record) throw new KioskError('INTERNAL', 'The plan just written cannot be read back.')
  return {
    plan: toPlanView(record, today),
    timeline: valueTimeline(variant.srpPaise, req.purchase.invoiceDate, catalog.schedule),
    receipt: enrollmentReceiptData(tx.sql, deps, planNumber),
  }
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
  online: OnlinePlans | null = null,
): Promise<EnrollmentCreateResponse> {
  const { requestId, ...body } = req
  const registerCheck = await screenBeforeSale(deps, actor, req, online)
  return deps.store.write((tx) =>
    once(tx, deps, { channel: 'enrollment.create', requestId, body }, () =>
      enrollIn(tx, deps, actor, req, registerCheck),
    ),
  )
}

/**
 * Head office's word on the IMEIs before the fee is taken (issue 17), outside the transaction:
 * on a live plan at any store, or listed as lost or stolen, refuses the sale (a hit is audited).
 * A request already answered is not asked again (its plan now holds the IMEI).
 */
async function screenBeforeSale(
  deps: CoreDeps,
  actor: Actor,
  req: EnrollmentCreateRequest,
  online: OnlinePlans | null,
): Promise<RegisterCheck> {
  const imeis = req.imeis.map((i) => validateImei(i)).flatMap((v) => (v.ok ? [v.value] : []))
  const replay = await deps.store.read((sql) => requestAnswered(sql, req.requestId))
  if (replay || imeis.length !== req.imeis.length) return 'offline'
  const screening = await screenImeis(online, imeis, 'enrollment')
  await auditListed(deps, actor, screening, 'enrollment', null)
  const r = new Reasons()
  screeningReasons(r, screening, 'imeis', { enrolledRefuses: true })
  r.throwIfAny('The phone cannot be enrolled.')
  return screening.registerCheck
}
