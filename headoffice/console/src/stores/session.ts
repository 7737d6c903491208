import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, ApiError } from '../api'

export interface Me {
  userId: string
  email: string
  role: string
  totp: boolean
  permissions: string[]
}

/** Who is signed in, and the sign-in steps (password, then the TOTP code when enrolled). */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null)
  const loaded = ref(false)

  async function load(): Promise<void> {
    try {
      me.value = (await api<{ user: Me }>('GET', '/session')).user
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error
      me.value = null
    }
    loaded.value = true
  }

  async function signIn(email: string, password: string): Promise<'totp' | 'full'> {
    const { stage } = await api<{ stage: 'totp' | 'full' }>('POST', '/sign-in', { email, password })
    if (stage === 'full') await load()
    return stage
  }

  async function verifyCode(code: string): Promise<void> {
    await api('POST', '/sign-in/totp', { code })
    await load()
  }

  async function signOut(): Promise<void> {
    await api('POST', '/sign-out')
    me.value = null
  }

  const may = computed(
    () => (permission: string) => me.value?.permissions.includes(permission) ?? false,
  )
  return { me, loaded, load, signIn, verifyCode, signOut, may }
})
