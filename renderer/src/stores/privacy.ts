import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { AccessSummary, PrivacyRequestView } from '../../../shared/contract/privacy'
import type { PrivacyRequestKind } from '../../../shared/domain/retention-policy'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'
import { useSubmit } from '../composables/use-submit'
import { registerReset } from './reset'

/**
 * A customer's data-principal request taken by the manager (issue 18, docs/privacy.md): the
 * request id is made once per form and kept across retries, so a retry after a lost answer is the
 * same request. The list shows head office's status and due date as sync brings them.
 */
export const usePrivacyStore = defineStore('privacy', () => {
  const form = reactive({
    kind: 'access' as PrivacyRequestKind,
    planNumber: '',
    idLast4: '',
    name: '',
    mobile: '',
    email: '',
  })
  const requestId = ref(crypto.randomUUID())
  const error = ref<KioskErrorShape | null>(null)
  const submitCall = useSubmit(error)
  const listCall = useSubmit(ref<KioskErrorShape | null>(null))
  const taken = ref<PrivacyRequestView | null>(null)
  const summary = ref<AccessSummary | null>(null)
  const requests = ref<PrivacyRequestView[]>([])

  async function load() {
    const found = await listCall.run(() => kiosk().privacy.list({}), { overlap: true })
    if (found) requests.value = found.requests
  }

  async function submit() {
    const correction =
      form.kind === 'correction'
        ? {
            ...(form.name.trim() ? { name: form.name.trim() } : {}),
            ...(form.mobile.trim() ? { mobile: form.mobile.trim() } : {}),
            ...(form.email.trim() ? { email: form.email.trim() } : {}),
          }
        : undefined
    const done = await submitCall.run(() =>
      kiosk().privacy.request({
        requestId: requestId.value,
        kind: form.kind,
        planNumber: form.planNumber.trim(),
        idLast4: form.idLast4.trim(),
        ...(correction ? { correction } : {}),
      }),
    )
    if (!done) return false
    taken.value = done.request
    summary.value = done.summary
    await load()
    return true
  }

  /** Clears the form for the next customer (a new request id). */
  function next() {
    Object.assign(form, {
      kind: 'access',
      planNumber: '',
      idLast4: '',
      name: '',
      mobile: '',
      email: '',
    })
    requestId.value = crypto.randomUUID()
    taken.value = null
    summary.value = null
    submitCall.reset()
  }

  function reset() {
    next()
    requests.value = []
  }
  registerReset(reset)

  return {
    form,
    requestId,
    error,
    taken,
    summary,
    requests,
    submitting: submitCall.busy,
    load,
    submit,
    next,
    reset,
  }
})
