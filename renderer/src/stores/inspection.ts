import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import type {
  InspectionStartResponse,
  InspectionSubmitResponse,
} from '../../../shared/contract/inspection'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'
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
  const starting = ref(false)
  const submitting = ref(false)
  const error = ref<KioskErrorShape | null>(null)
  const result = ref<InspectionSubmitResponse | null>(null)

  const items = computed(() => session.value?.checklist ?? [])
  const answered = computed(() => items.value.filter((i) => answers[i.id]?.result).length)
  const complete = computed(() => items.value.length > 0 && answered.value === items.value.length)
  /** Required items marked failed so far: the technician sees the verdict coming. */
  const failingRequired = computed(() =>
    items.value.filter((i) => i.required && answers[i.id]?.result === 'fail'),
  )

  async function start() {
    if (starting.value) return false
    starting.value = true
    error.value = null
    const answer = await kiosk().inspection.start({
      planNumber: planNumber.value.trim(),
      imei: imei.value.replace(/[\s-]/g, ''),
    })
    starting.value = false
    if (!answer.ok) {
      error.value = answer.error
      return false
    }
    session.value = answer.data
    for (const key of Object.keys(answers)) delete answers[key]
    for (const item of answer.data.checklist)
      answers[item.id] = { result: null, note: '', photo: null }
    result.value = null
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

  function setPhoto(itemId: string, photo: Photo | null) {
    const a = answers[itemId]
    if (a) a.photo = photo
  }

  async function submit() {
    if (!session.value || submitting.value || !complete.value) return false
    submitting.value = true
    error.value = null
    const answer = await kiosk().inspection.submit({
      inspectionId: session.value.inspectionId,
      answers: items.value.map((item) => {
        const a = answers[item.id]!
        return {
          itemId: item.id,
          result: a.result ?? 'fail',
          note: a.note.trim() || null,
          photo: a.photo ? { mime: a.photo.mime, base64: a.photo.base64 } : null,
        }
      }),
      notes: notes.value.trim() || null,
    })
    submitting.value = false
    if (!answer.ok) {
      error.value = answer.error
      return false
    }
    result.value = answer.data
    return true
  }

  function reset() {
    planNumber.value = ''
    imei.value = ''
    session.value = null
    for (const key of Object.keys(answers)) delete answers[key]
    notes.value = ''
    error.value = null
    result.value = null
  }
  registerReset(reset)

  return {
    planNumber,
    imei,
    session,
    answers,
    notes,
    starting,
    submitting,
    error,
    result,
    items,
    answered,
    complete,
    failingRequired,
    start,
    setResult,
    setNote,
    setPhoto,
    submit,
    reset,
  }
})
