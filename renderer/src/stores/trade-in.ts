import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import type { ChecklistItem } from '../../../shared/catalog'
import type { TradeInView, TradeInVoucherView } from '../../../shared/contract/tradein'
import { IMEI_CHECK_ITEM_ID } from '../../../shared/domain/inspection'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'
import { useSubmit } from '../composables/use-submit'
import type { Answer } from './inspection'
import { registerReset } from './reset'

export const TRADE_IN_STEPS = ['phone', 'checklist', 'quote', 'handover', 'voucher'] as const
export type TradeInStep = (typeof TRADE_IN_STEPS)[number]

/** The step a stored trade-in resumes at (a clerk picking up the technician's work). */
function stepOf(t: TradeInView): TradeInStep {
  if (t.status === 'open') return 'checklist'
  if (t.status === 'accepted' || t.status === 'used' || t.status === 'expired') return 'voucher'
  return 'quote'
}

/**
 * A trade-in of a phone without a usable plan (issue 22, docs/program-rules.md#trade-in), as the
 * counter walks it: the phone (IMEI, catalog model and variant) → the same inspection checklist
 * (technician) → the grade and the price (the partner online, the catalog's grid offline,
 * provisional) → the customer's accept with the hand-over declaration (clerk) → the trade-in
 * voucher, printed, and used at once against a new phone or later.
 */
export const useTradeInStore = defineStore('tradeIn', () => {
  const step = ref<TradeInStep>('phone')
  const phone = reactive({ imei: '', modelId: '', variantId: '' })
  /** The IMEI came with a plan this kiosk holds (from the slip or an expired plan): its phone. */
  const fromPlan = ref<string | null>(null)
  const tradeIn = ref<TradeInView | null>(null)
  const checklist = ref<ChecklistItem[]>([])
  const answers = reactive<Record<string, Answer>>({})
  const notes = ref('')
  /** Why the grid answered: the partner did not (its code), or none is configured (null). */
  const partnerError = ref<string | null>(null)
  /** The partner confirmed another amount than shown: the customer sees both before agreeing. */
  const priceChanged = ref<{ quotedPaise: number; newPaise: number } | null>(null)
  const handover = reactive({
    ownership: false,
    accountsRemoved: false,
    dataWiped: false,
    transfer: false,
    signaturePng: '',
  })
  const voucher = ref<TradeInVoucherView | null>(null)
  const startId = ref(crypto.randomUUID())
  const acceptId = ref(crypto.randomUUID())
  const declineId = ref(crypto.randomUUID())
  const error = ref<KioskErrorShape | null>(null)
  const startCall = useSubmit(error)
  const checklistCall = useSubmit(error)
  const quoteCall = useSubmit(error)
  const acceptCall = useSubmit(error)
  const declineCall = useSubmit(error)
  const openCall = useSubmit(error)

  const items = checklist
  const required = computed(() => items.value.filter((i) => i.required))
  const requiredAnswered = computed(
    () => required.value.filter((i) => answers[i.id]?.result).length,
  )
  const answered = computed(() => items.value.filter((i) => answers[i.id]?.result).length)
  const complete = computed(
    () => items.value.length > 0 && requiredAnswered.value === required.value.length,
  )
  const quote = computed(() => tradeIn.value?.quote ?? null)
  const declared = computed(
    () =>
      handover.ownership &&
      handover.accountsRemoved &&
      handover.dataWiped &&
      handover.transfer &&
      handover.signaturePng !== '',
  )

  function fillAnswers(list: ChecklistItem[], imei: string) {
    for (const key of Object.keys(answers)) delete answers[key]
    for (const item of list) answers[item.id] = { result: null, note: '', photo: null }
    // The IMEI item is answered by the IMEI the trade-in was opened with, as in an inspection.
    const imeiItem = answers[IMEI_CHECK_ITEM_ID]
    if (imeiItem) {
      imeiItem.result = 'pass'
      imeiItem.note = `IMEI ${imei}`
    }
  }

  function take(t: TradeInView) {
    tradeIn.value = t
    if (t.voucher) voucher.value = t.voucher
  }

  /** Opens the trade-in (`tradein.start`): the checklist comes back with it. */
  async function start(): Promise<boolean> {
    const imei = phone.imei.replace(/[\s-]/g, '')
    const started = await startCall.run(() =>
      kiosk().tradein.start({
        requestId: startId.value,
        imei,
        ...(fromPlan.value && !phone.modelId
          ? {}
          : { modelId: phone.modelId || undefined, variantId: phone.variantId || undefined }),
      }),
    )
    if (!started) {
      // Another phone typed after a refusal is another request.
      startId.value = crypto.randomUUID()
      return false
    }
    take(started.tradeIn)
    checklist.value = started.checklist
    fillAnswers(started.checklist, started.tradeIn.imei)
    phone.modelId = started.tradeIn.modelId
    phone.variantId = started.tradeIn.variantId
    step.value = stepOf(started.tradeIn)
    return true
  }

  function setResult(itemId: string, value: 'pass' | 'fail') {
    const a = answers[itemId]
    if (a) a.result = value
  }
  function setNote(itemId: string, note: string) {
    const a = answers[itemId]
    if (a) a.note = note
  }
  function allPass() {
    for (const item of items.value) if (!answers[item.id]?.result) setResult(item.id, 'pass')
  }

  /** Records the checklist: the core grades it; an acceptable phone is priced at once. */
  async function submitChecklist(): Promise<boolean> {
    const t = tradeIn.value
    if (!t || !complete.value) return false
    const graded = await checklistCall.run(() =>
      kiosk().tradein.checklist({
        tradeInId: t.tradeInId,
        answers: items.value.flatMap((item) => {
          const a = answers[item.id]
          if (!a?.result) return []
          return [{ itemId: item.id, result: a.result, note: a.note.trim() || null }]
        }),
        notes: notes.value.trim() || null,
      }),
    )
    if (!graded) return false
    take(graded.tradeIn)
    priceChanged.value = null
    step.value = 'quote'
    if (graded.acceptable) await requote()
    return true
  }

  /** Prices the graded phone: the partner's quote online, else the grid (provisional). */
  async function requote(): Promise<boolean> {
    const t = tradeIn.value
    if (!t) return false
    const answer = await quoteCall.run(() => kiosk().tradein.quote({ tradeInId: t.tradeInId }))
    if (!answer) return false
    take(answer.tradeIn)
    partnerError.value = answer.partnerError
    priceChanged.value = null
    acceptId.value = crypto.randomUUID()
    return true
  }

  /** The customer accepts the price shown: on to the hand-over declaration. */
  function toHandover() {
    if (quote.value) step.value = 'handover'
  }

  /**
   * Issues the voucher (`tradein.accept`) for the amount the customer saw. The partner's price
   * changed meanwhile: back to the price, with both amounts, for the customer to agree again.
   */
  async function accept(): Promise<boolean> {
    const t = tradeIn.value
    const q = quote.value
    if (!t || !q || !declared.value) return false
    const done = await acceptCall.run(() =>
      kiosk().tradein.accept({
        requestId: acceptId.value,
        tradeInId: t.tradeInId,
        amountPaise: q.amountPaise,
        handover: { ...handover },
      }),
    )
    if (!done) {
      const e = error.value
      if (e?.code !== 'TRADE_IN_PRICE_CHANGED' && e?.code !== 'TRADE_IN_QUOTE_EXPIRED') return false
      // The stored quote carries the partner's new amount (or has run out): read it again. A grid
      // price is not stored (the core prices it again at accept): it is the new amount shown.
      const p = e.params as { quotedPaise?: number; newPaise?: number } | undefined
      const fresh = await kiosk().tradein.get({ tradeInId: t.tradeInId })
      if (fresh.ok) {
        const stored = fresh.data.tradeIn
        const kept =
          stored.quote ??
          (e.code === 'TRADE_IN_PRICE_CHANGED' && typeof p?.newPaise === 'number'
            ? { ...q, amountPaise: p.newPaise }
            : null)
        take({ ...stored, quote: kept })
      }
      if (e.code === 'TRADE_IN_PRICE_CHANGED' && typeof p?.newPaise === 'number')
        priceChanged.value = { quotedPaise: p.quotedPaise ?? q.amountPaise, newPaise: p.newPaise }
      // The customer declared the transfer for the old amount: they confirm and sign again.
      handover.transfer = false
      handover.signaturePng = ''
      acceptId.value = crypto.randomUUID()
      step.value = 'quote'
      return false
    }
    take(done.tradeIn)
    voucher.value = done.voucher
    step.value = 'voucher'
    return true
  }

  async function decline(): Promise<boolean> {
    const t = tradeIn.value
    if (!t) return false
    const done = await declineCall.run(() =>
      kiosk().tradein.decline({ requestId: declineId.value, tradeInId: t.tradeInId }),
    )
    if (!done) return false
    take(done.tradeIn)
    return true
  }

  /** Opens a stored trade-in where it stands (the clerk takes over the technician's). */
  async function open(tradeInId: string): Promise<boolean> {
    const answer = await openCall.run(() => kiosk().tradein.get({ tradeInId }))
    if (!answer) return false
    reset()
    take(answer.tradeIn)
    Object.assign(phone, {
      imei: answer.tradeIn.imei,
      modelId: answer.tradeIn.modelId,
      variantId: answer.tradeIn.variantId,
    })
    step.value = stepOf(answer.tradeIn)
    // Graded, or priced from the grid (not stored): the price is asked for again at once.
    if (answer.tradeIn.status === 'graded') await requote()
    return true
  }

  function reset() {
    step.value = 'phone'
    Object.assign(phone, { imei: '', modelId: '', variantId: '' })
    fromPlan.value = null
    tradeIn.value = null
    checklist.value = []
    for (const key of Object.keys(answers)) delete answers[key]
    notes.value = ''
    partnerError.value = null
    priceChanged.value = null
    Object.assign(handover, {
      ownership: false,
      accountsRemoved: false,
      dataWiped: false,
      transfer: false,
      signaturePng: '',
    })
    voucher.value = null
    startId.value = crypto.randomUUID()
    acceptId.value = crypto.randomUUID()
    declineId.value = crypto.randomUUID()
    for (const call of [startCall, checklistCall, quoteCall, acceptCall, declineCall, openCall])
      call.reset()
  }
  registerReset(reset)

  return {
    step,
    phone,
    fromPlan,
    tradeIn,
    checklist,
    items,
    answers,
    notes,
    partnerError,
    priceChanged,
    handover,
    voucher,
    error,
    quote,
    required,
    requiredAnswered,
    answered,
    complete,
    declared,
    starting: startCall.busy,
    grading: checklistCall.busy,
    quoting: quoteCall.busy,
    accepting: acceptCall.busy,
    declining: declineCall.busy,
    start,
    setResult,
    setNote,
    allPass,
    submitChecklist,
    requote,
    toHandover,
    accept,
    decline,
    open,
    reset,
  }
})
