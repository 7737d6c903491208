import { defineStore } from 'pinia'
import { computed, reactive, ref, watch } from 'vue'
import type {
  EnrollmentCreateRequest,
  EnrollmentCreateResponse,
  EnrollmentDefaults,
} from '../../../shared/contract/enrollment'
import type { PlanQuoteResponse } from '../../../shared/contract/plans'
import type { IdType, PaymentMethod } from '../../../shared/domain/vocabulary'
import {
  validateBusinessAddress,
  validateBusinessName,
  validateRecipientGstin,
} from '../../../shared/domain/business-recipient'
import {
  validateEmail,
  validateIdNumber,
  validateImei,
  validateInvoiceNumber,
  validateMobile,
  validatePersonName,
} from '../../../shared/domain/validators'
import { isVerhoeffValid } from '../../../shared/domain/checksums'
import type { ErrorCode, KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'
import { useSubmit } from '../composables/use-submit'
import { parseRupees } from '../format'
import { readImeiScan } from '../scan-codes'
import { useCatalogStore } from './catalog'
import { registerReset } from './reset'
import { ENROLLMENT_DRAFT_KEY } from '../../../shared/sale-drafts'

/** Where a half-typed enrollment waits out a reload of the page (sessionStorage, this tab only). */
export const DRAFT_KEY = ENROLLMENT_DRAFT_KEY

export const ENROLL_STEPS = ['phone', 'customer', 'review', 'payment', 'done'] as const
export type EnrollStep = (typeof ENROLL_STEPS)[number]

function emptyDraft() {
  return {
    modelId: '',
    variantId: '',
    imei1: '',
    imei2: '',
    invoiceNumber: '',
    invoiceDate: '',
    storeCode: '',
    pricePaid: '',
    name: '',
    mobile: '',
    email: '',
    idType: 'aadhaar' as IdType,
    idNumber: '',
    consentData: false,
    /** The customer is under 18: a parent or guardian reads the notice and consents. */
    consentMinor: false,
    guardianName: '',
    consentNotify: true,
    consentMarketing: false,
    /** A business purchase (B2B tax invoice): the recipient's GSTIN, legal name and address. */
    business: false,
    businessGstin: '',
    businessName: '',
    businessAddress: '',
    paymentMethod: 'cash' as PaymentMethod,
    paymentReference: '',
  }
}
export type EnrollmentDraft = ReturnType<typeof emptyDraft>

/** Paise as the price field shows them: `13999`, `13999.50`. */
export function rupeesText(paise: number): string {
  return paise % 100 === 0 ? String(paise / 100) : (paise / 100).toFixed(2)
}

/** Contract field paths of each step: a core error on one of them sends the clerk back there. */
export const STEP_PATHS: Record<'phone' | 'customer' | 'payment', readonly string[]> = {
  phone: ['variantId', 'imeis', 'purchase'],
  customer: ['customer', 'consent', 'business'],
  payment: ['payment'],
}

/** A local check's outcome: a contract error code, or REQUIRED for an empty choice. */
/** An error code, or a screen-only one: an empty field, an ID whose check digit is wrong. */
export type LocalCode = ErrorCode | 'REQUIRED' | 'CHECK_DIGIT'

/**
 * An Aadhaar (12 digits) or Virtual ID (16) typed in full whose Verhoeff check digit is wrong:
 * "mistyped", not "needs 12 digits" when 12 were typed (issue 14).
 */
function idMistyped(idType: string, typed: string): 'CHECK_DIGIT' | null {
  const digits = typed.replace(/[\s-]/g, '')
  const shape =
    idType === 'aadhaar' ? /^[2-9][0-9]{11}$/ : idType === 'aadhaar-vid' ? /^[0-9]{16}$/ : null
  return shape?.test(digits) && !isVerhoeffValid(digits) ? 'CHECK_DIGIT' : null
}
export type LocalErrors = Partial<Record<string, LocalCode>>

/**
 * The enrollment wizard (docs/program-rules.md#eligibility): entries kept across steps (and across
 * the idle lock), instant checks with shared/domain validators, and one idempotent submit — the
 * request id is made once per enrollment, so a double tap or a retry after a lost answer never
 * makes two plans.
 */
export const useEnrollmentStore = defineStore('enrollment', () => {
  const catalog = useCatalogStore()
  const draft = reactive(emptyDraft())
  const step = ref<EnrollStep>('phone')
  const requestId = ref(crypto.randomUUID())
  const preview = ref<PlanQuoteResponse | null>(null)
  const previewCall = useSubmit()
  const submitCall = useSubmit()
  const submitting = submitCall.busy
  const error = submitCall.error
  /** The core's check of the phone and customer steps (enrollment.check), before the payment. */
  const checkCall = useSubmit(error)
  const result = ref<EnrollmentCreateResponse | null>(null)
  /** Steps whose "Next" was pressed: their instant errors are shown from then on. */
  const attempted = reactive<Record<string, boolean>>({})
  /** The starting values the form was given (enrollment.defaults): not the clerk's entries. */
  const defaults = reactive<Partial<EnrollmentDraft>>({})

  const srpOf = (variantId: string) =>
    catalog.catalog?.models.flatMap((m) => m.variants).find((v) => v.id === variantId)?.srpPaise
  // Price paid starts as the chosen variant's SRP; a price the clerk typed is left alone.
  watch(
    () => draft.variantId,
    (id, old) => {
      const oldSrp = old ? srpOf(old) : undefined
      const untouched =
        !draft.pricePaid || (oldSrp !== undefined && draft.pricePaid === rupeesText(oldSrp))
      const srp = srpOf(id)
      if (untouched) draft.pricePaid = srp === undefined ? '' : rupeesText(srp)
    },
  )

  const phoneErrors = computed<LocalErrors>(() => {
    const e: LocalErrors = {}
    // One message per empty field, "please fill this in" (issue 14: the model had none, an
    // empty invoice number showed the format rule).
    if (!draft.modelId) e.modelId = 'REQUIRED'
    else if (!draft.variantId) e.variantId = 'REQUIRED'
    const imei1 = validateImei(draft.imei1)
    if (!draft.imei1.trim()) e['imeis.0'] = 'REQUIRED'
    else if (!imei1.ok) e['imeis.0'] = imei1.code
    // A dual-SIM phone records both IMEIs
    // (docs/program-rules.md#imei-and-one-active-plan-per-imei).
    const dualSim = catalog.catalog?.models.find((m) => m.id === draft.modelId)?.dualSim ?? false
    if (dualSim && !draft.imei2.trim()) e['imeis.1'] = 'REQUIRED'
    else if (draft.imei2.trim()) {
      const imei2 = validateImei(draft.imei2)
      if (!imei2.ok) e['imeis.1'] = imei2.code
      else if (imei1.ok && imei1.value === imei2.value) e['imeis.1'] = 'IMEI_DUPLICATE'
    }
    const invoice = validateInvoiceNumber(draft.invoiceNumber)
    if (!draft.invoiceNumber.trim()) e['purchase.invoiceNumber'] = 'REQUIRED'
    else if (!invoice.ok) e['purchase.invoiceNumber'] = invoice.code
    if (!draft.invoiceDate) e['purchase.invoiceDate'] = 'REQUIRED'
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.invoiceDate))
      e['purchase.invoiceDate'] = 'DATE_INVALID'
    if (!draft.storeCode) e['purchase.storeCode'] = 'REQUIRED'
    if (parseRupees(draft.pricePaid) === null) e['purchase.pricePaidPaise'] = 'AMOUNT_INVALID'
    return e
  })

  const customerErrors = computed<LocalErrors>(() => {
    const e: LocalErrors = {}
    const name = validatePersonName(draft.name)
    if (!draft.name.trim()) e['customer.name'] = 'REQUIRED'
    else if (!name.ok) e['customer.name'] = name.code
    const mobile = validateMobile(draft.mobile)
    if (!draft.mobile.trim()) e['customer.mobile'] = 'REQUIRED'
    else if (!mobile.ok) e['customer.mobile'] = mobile.code
    if (draft.email.trim()) {
      const email = validateEmail(draft.email)
      if (!email.ok) e['customer.email'] = email.code
    }
    const id = validateIdNumber(draft.idType, draft.idNumber)
    if (!draft.idNumber.trim()) e['customer.idNumber'] = 'REQUIRED'
    else if (!id.ok) e['customer.idNumber'] = idMistyped(draft.idType, draft.idNumber) ?? id.code
    if (!draft.consentData) e['consent.dataProcessing'] = 'CONSENT_REQUIRED'
    if (draft.consentMinor) {
      const guardian = validatePersonName(draft.guardianName)
      if (!guardian.ok) e['consent.guardianName'] = guardian.code
    }
    if (draft.business) {
      const gstin = validateRecipientGstin(draft.businessGstin)
      if (!gstin.ok) e['business.gstin'] = gstin.code
      const name = validateBusinessName(draft.businessName)
      if (!name.ok) e['business.legalName'] = name.code
      const address = validateBusinessAddress(draft.businessAddress)
      if (!address.ok) e['business.address'] = address.code
    }
    return e
  })

  const paymentErrors = computed<LocalErrors>(() => {
    const e: LocalErrors = {}
    if (draft.paymentMethod !== 'cash' && !draft.paymentReference.trim())
      e['payment.reference'] = 'PAYMENT_REFERENCE_REQUIRED'
    return e
  })

  /** Anything typed that a "leave the wizard?" question would protect (defaults are not). */
  const dirty = computed(() => {
    if (step.value === 'done') return false
    const blank = { ...emptyDraft(), ...defaults }
    return (Object.keys(blank) as (keyof EnrollmentDraft)[]).some((k) => draft[k] !== blank[k])
  })

  /**
   * Fills the fields still at their blank value with the kiosk's defaults (issue 15): purchase
   * date = business date, store = this kiosk's (when it sells the program), payment method = the
   * store's most used today. Each stays editable; without an answer the form simply starts blank.
   */
  async function loadDefaults(): Promise<void> {
    const res = await kiosk().enrollment.defaults({})
    if (!res.ok) return
    applyDefaults(res.data)
  }

  function applyDefaults(d: EnrollmentDefaults) {
    const blank = emptyDraft()
    const given: Partial<EnrollmentDraft> = { invoiceDate: d.businessDate }
    if (catalog.programStores.some((s) => s.code === d.storeCode)) given.storeCode = d.storeCode
    if (d.paymentMethod) given.paymentMethod = d.paymentMethod
    for (const [key, value] of Object.entries(given) as [keyof EnrollmentDraft, never][]) {
      if (draft[key] !== blank[key]) continue
      ;(draft as Record<string, unknown>)[key] = value
      ;(defaults as Record<string, unknown>)[key] = value
    }
  }

  /**
   * Enter (a scan) in an IMEI field: the IMEI as printed, or — a box label with both — IMEI 1
   * and IMEI 2 at once. A text with no IMEI in it stays as it is, with its usual message.
   */
  function takeImeiScan(field: 'imei1' | 'imei2'): boolean {
    const scan = readImeiScan(draft[field])
    if (!scan) return false
    if (scan.imei2) {
      draft.imei1 = scan.imei1
      draft.imei2 = scan.imei2
    } else draft[field] = scan.imei1
    return true
  }

  function errorsOf(s: EnrollStep): LocalErrors {
    if (s === 'phone') return phoneErrors.value
    if (s === 'customer') return customerErrors.value
    if (s === 'payment') return paymentErrors.value
    return {}
  }

  /** Moves forward when the step's own checks pass; returns false (and shows them) otherwise. */
  async function next(): Promise<boolean> {
    attempted[step.value] = true
    if (Object.keys(errorsOf(step.value)).length > 0) return false
    if ((step.value === 'phone' || step.value === 'customer') && !(await coreAccepts(step.value)))
      return false
    const i = ENROLL_STEPS.indexOf(step.value)
    const to = ENROLL_STEPS[i + 1]
    if (!to || to === 'done') return false
    step.value = to
    if (to === 'review') await loadPreview()
    return true
  }

  /**
   * Every rule of the core that could refuse the enrollment for what this step has (IMEI already
   * on a plan, enrollment window, model, store, ID), asked before the review and the payment
   * (issue 14); the refusals show on their fields like a refused submit's.
   */
  async function coreAccepts(s: 'phone' | 'customer'): Promise<boolean> {
    const { variantId, imeis, purchase, customer, business } = buildRequest()
    const answer = await checkCall.run(() =>
      kiosk().enrollment.check({
        variantId,
        imeis,
        purchase,
        ...(s === 'customer' ? { customer, business } : {}),
      }),
    )
    if (!answer) return false
    if (answer.ok) return true
    const only = answer.issues.length === 1 ? answer.issues[0] : undefined
    error.value = {
      code: only?.code ?? 'VALIDATION_FAILED',
      message: only?.message ?? 'The enrollment cannot be accepted.',
      issues: answer.issues,
    }
    return false
  }

  function back() {
    const i = ENROLL_STEPS.indexOf(step.value)
    if (i > 0 && step.value !== 'done') step.value = ENROLL_STEPS[i - 1]!
  }

  /** Fee and value timeline for the review, from the core (never computed here). */
  async function loadPreview() {
    const quote = await previewCall.run(
      () =>
        kiosk().plans.quote({
          variantId: draft.variantId,
          purchaseDate: draft.invoiceDate,
          // A business purchase's fee is split for its state of supply (IGST from another state).
          ...(draft.business ? { recipientGstin: draft.businessGstin.trim() } : {}),
        }),
      { overlap: true },
    )
    preview.value = quote
  }

  function buildRequest(): EnrollmentCreateRequest {
    const imeis = [draft.imei1, draft.imei2].map((i) => i.replace(/[\s-]/g, '')).filter(Boolean)
    return {
      requestId: requestId.value,
      variantId: draft.variantId,
      imeis,
      purchase: {
        invoiceNumber: draft.invoiceNumber.trim(),
        invoiceDate: draft.invoiceDate,
        storeCode: draft.storeCode,
        pricePaidPaise: parseRupees(draft.pricePaid) ?? 0,
      },
      customer: {
        name: draft.name.trim(),
        mobile: draft.mobile.trim(),
        email: draft.email.trim() || null,
        idType: draft.idType,
        idNumber: draft.idNumber.trim(),
      },
      consent: {
        dataProcessing: draft.consentData,
        notifications: draft.consentNotify,
        marketing: draft.consentMarketing,
        // The DPDP notice on the customer step is the catalog's (issue 18).
        version: catalog.catalog?.privacy?.consentVersion ?? '',
        givenBy: draft.consentMinor ? 'guardian' : 'adult',
        guardianName: draft.consentMinor ? draft.guardianName.trim() : null,
      },
      payment: {
        method: draft.paymentMethod,
        reference: draft.paymentMethod === 'cash' ? null : draft.paymentReference.trim(),
        amountPaise: preview.value?.feePaise ?? 0,
      },
      business: draft.business
        ? {
            gstin: draft.businessGstin.trim(),
            legalName: draft.businessName.trim(),
            address: draft.businessAddress.trim(),
          }
        : null,
    }
  }

  /** Takes the fee and enrolls; a second tap while the first is on its way does nothing. */
  async function submit(): Promise<boolean> {
    if (submitting.value || step.value === 'done') return false
    attempted.payment = true
    if (Object.keys(paymentErrors.value).length > 0) return false
    const created = await submitCall.run(() => kiosk().enrollment.create(buildRequest()), {
      onError: backToStepOf,
    })
    if (!created) return false
    result.value = created
    step.value = 'done'
    return true
  }

  /** A rule of an earlier step failed at the core: take the clerk to that field. */
  function backToStepOf(e: KioskErrorShape) {
    const paths = e.issues?.map((i) => i.path) ?? []
    for (const s of ['phone', 'customer'] as const) {
      if (paths.some((p) => STEP_PATHS[s].some((root) => p === root || p.startsWith(`${root}.`)))) {
        attempted[s] = true
        step.value = s
        break
      }
    }
  }

  /** Starts a new enrollment, optionally with the phone's details filled in (after an upgrade). */
  function reset(prefill: Partial<EnrollmentDraft> = {}) {
    Object.assign(draft, emptyDraft(), prefill)
    step.value = 'phone'
    requestId.value = crypto.randomUUID()
    preview.value = null
    previewCall.reset()
    submitCall.reset()
    checkCall.reset()
    result.value = null
    for (const k of Object.keys(attempted)) delete attempted[k]
    for (const k of Object.keys(defaults)) delete defaults[k as keyof EnrollmentDraft]
  }

  // A reload mid-wizard (F5, a crash of the page) keeps what was typed: the draft lives in this
  // tab's session storage until the plan is made, the wizard is reset or the staff member signs
  // out. Never the ID number: it is typed again, so the wizard reopens at most on the customer step.
  // The request id comes back too, so a payment sent just before the reload is not taken twice.
  restoreDraft()
  watch(
    [draft, step, dirty],
    () => {
      if (!dirty.value) sessionStorage.removeItem(DRAFT_KEY)
      else
        sessionStorage.setItem(
          DRAFT_KEY,
          JSON.stringify({
            draft: { ...draft, idNumber: '' },
            step: step.value,
            requestId: requestId.value,
          }),
        )
    },
    { deep: true },
  )

  function restoreDraft() {
    let saved: { draft?: Partial<EnrollmentDraft>; step?: EnrollStep; requestId?: string } | null
    try {
      saved = JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? 'null')
    } catch {
      saved = null
    }
    if (!saved?.draft) return
    const blank = emptyDraft()
    for (const key of Object.keys(blank) as (keyof EnrollmentDraft)[]) {
      const value = saved.draft[key]
      if (key !== 'idNumber' && typeof value === typeof blank[key])
        Object.assign(draft, { [key]: value })
    }
    if (saved.requestId) requestId.value = saved.requestId as typeof requestId.value
    step.value = ENROLL_STEPS.indexOf(saved.step ?? 'phone') >= 1 ? 'customer' : 'phone'
  }

  // A field the clerk changes after the core refused it loses the core's (now stale) message.
  const FIELD_PATHS: Partial<Record<keyof EnrollmentDraft, string>> = {
    variantId: 'variantId',
    imei1: 'imeis.0',
    imei2: 'imeis.1',
    invoiceNumber: 'purchase.invoiceNumber',
    invoiceDate: 'purchase.invoiceDate',
    storeCode: 'purchase.storeCode',
    pricePaid: 'purchase.pricePaidPaise',
    name: 'customer.name',
    mobile: 'customer.mobile',
    email: 'customer.email',
    idNumber: 'customer.idNumber',
    consentData: 'consent.dataProcessing',
    guardianName: 'consent.guardianName',
    businessGstin: 'business.gstin',
    businessName: 'business.legalName',
    businessAddress: 'business.address',
    paymentReference: 'payment.reference',
  }
  for (const [key, path] of Object.entries(FIELD_PATHS)) {
    watch(
      () => draft[key as keyof EnrollmentDraft],
      () => {
        const e = error.value
        if (!e?.issues) return
        const issues = e.issues.filter((i) => i.path !== path)
        error.value = issues.length ? { ...e, issues } : null
      },
    )
  }

  registerReset(() => reset())

  return {
    draft,
    step,
    requestId,
    preview,
    previewError: previewCall.error,
    loadingPreview: previewCall.busy,
    submitting,
    error,
    result,
    attempted,
    phoneErrors,
    customerErrors,
    paymentErrors,
    dirty,
    defaults,
    next,
    back,
    loadDefaults,
    applyDefaults,
    takeImeiScan,
    loadPreview,
    submit,
    reset,
  }
})
