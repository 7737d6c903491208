import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import type {
  InspectionStartResponse,
  InspectionSubmitResponse,
} from '../../../shared/contract/inspection'
import { IMEI_CHECK_ITEM_ID } from '../../../shared/domain/inspection'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'
import { useSubmit } from '../composables/use-submit'
import { registerReset } from './reset'

export interface Photo {
  mime: 'image/jpeg' | 'image/png'
  base64: string
  dataUrl: string
}

export interface Answer {
  result: 'pass' | 'fail' | null
  note: string
  photo: Photo | null
}

/** The technician's inspection of a returned phone (docs/program-rules.md#inspection). */
export const useInspectionStore = defineStore('inspection', () => {
  const planNumber = ref('')
  const imei = ref('')
  const session = ref<InspectionStartResponse | null>(null)
  const answers = reactive<Record<string, Answer>>({})
  const notes = ref('')
  const error = ref<KioskErrorShape | null>(null)
  const startCall = useSubmit(error)
  const submitCall = useSubmit(error)
  const result = ref<InspectionSubmitResponse | null>(null)

  /** The IMEI the inspection was opened with (the core checked it is on the plan). */
  const checkedImei = ref('')

  const items = computed(() => session.value?.checklist ?? [])
  const answered = computed(() => items.value.filter((i) => answers[i.id]?.result).length)
  const required = computed(() => items.value.filter((i) => i.required))
  const requiredAnswered = computed(
    () => required.value.filter((i) => answers[i.id]?.result).length,
  )
  /** Every required item answered: optional ones may stay open (issue 15). */
  const complete = computed(
    () => items.value.length > 0 && requiredAnswered.value === required.value.length,
  )
  const unanswered = computed(() => items.value.filter((i) => !answers[i.id]?.result))
  /** Required items marked failed so far: the technician sees the verdict coming. */
  const failingRequired = computed(() =>
    items.value.filter((i) => i.required && answers[i.id]?.result === 'fail'),
  )

  async function start() {
    const started = await startCall.run(() =>
      kiosk().inspection.start({
        planNumber: planNumber.value.trim(),
        imei: imei.value.replace(/[\s-]/g, ''),
      }),
    )
    if (!started) return false
    session.value = started
    checkedImei.value = imei.value.replace(/[\s-]/g, '')
    for (const key of Object.keys(answers)) delete answers[key]
    for (const item of started.checklist) answers[item.id] = { result: null, note: '', photo: null }
    // The IMEI item is answered by the IMEI the core just matched to the plan (issue 15).
    const imeiItem = answers[IMEI_CHECK_ITEM_ID]
    if (imeiItem) {
      imeiItem.result = 'pass'
      imeiItem.note = `IMEI ${checkedImei.value}`
    }
    result.value = null
    return true
  }

  /** "All pass": every item not answered yet passes; the technician then flips the exceptions. */
  function allPass() {
    for (const item of unanswered.value) setResult(item.id, 'pass')
  }

  function setResult(itemId: string, value: 'pass' | 'fail') {
    const a = answers[itemId]
    if (a) a.result = value
  }

  function setNote(itemId: string, note: string) {
    const a = answers[itemId]
    if (a) a.note = note
  }

  function setPhoto(itemId: string, photo: Photo | null) {
    const a = answers[itemId]
    if (a) a.photo = photo
  }

  async function submit() {
    const open = session.value
    if (!open || !complete.value) return false
    const submitted = await submitCall.run(() =>
      kiosk().inspection.submit({
        inspectionId: open.inspectionId,
        // Answered items only: an optional item left open is not sent (the core allows it).
        answers: items.value.flatMap((item) => {
          const a = answers[item.id]!
          if (!a.result) return []
          return {
            itemId: item.id,
            result: a.result,
            note: a.note.trim() || null,
            photo: a.photo ? { mime: a.photo.mime, base64: a.photo.base64 } : null,
          }
        }),
        notes: notes.value.trim() || null,
      }),
    )
    if (!submitted) return false
    result.value = submitted
    return true
  }

  function reset() {
    planNumber.value = ''
    imei.value = ''
    checkedImei.value = ''
    session.value = null
    for (const key of Object.keys(answers)) delete answers[key]
    notes.value = ''
    startCall.reset()
    submitCall.reset()
    result.value = null
  }
  registerReset(reset)

  return {
    planNumber,
    imei,
    session,
    answers,
    notes,
    starting: startCall.busy,
    submitting: submitCall.busy,
    error,
    result,
    checkedImei,
    items,
    answered,
    required,
    requiredAnswered,
    unanswered,
    complete,
    failingRequired,
    start,
    setResult,
    allPass,
    setNote,
    setPhoto,
    submit,
    reset,
  }
})
