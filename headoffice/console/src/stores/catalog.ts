import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { Catalog } from '../../../../shared/domain/catalog'
import { api } from '../api'

export type { Catalog }

export interface KioskOnVersion {
  storeCode: string
  kioskCode: string
  lastSeenAt: string | null
  holds: string | null
}

export interface VersionLine {
  version: string
  effectiveFrom: string
  publishedAt: string
  publishedBy: string | null
  status: 'in-force' | 'scheduled' | 'past'
  kiosks: KioskOnVersion[]
  kiosksHolding: number
}

export interface CatalogOverview {
  today: string
  inForce: string | null
  nextVersion: string
  versions: VersionLine[]
  kiosksUnknown: number
}

export interface Issue {
  path: string
  message: string
}

export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

export interface CatalogDiff {
  against: string
  models: {
    added: Array<{ id: string; name: string; feePaise: number }>
    removed: Array<{ id: string; name: string }>
    changed: Array<{ id: string; name: string; changes: FieldChange[] }>
  }
  variants: {
    added: Array<{ id: string; modelName: string; name: string; srpPaise: number }>
    removed: Array<{ id: string; modelName: string; name: string }>
    changed: Array<{ id: string; modelName: string; name: string; changes: FieldChange[] }>
  }
  schedule: { before: string[]; after: string[] } | null
  settings: FieldChange[]
  otherSections: string[]
  empty: boolean
}

const DRAFT_KEY = 'console.catalog.draft'

/**
 * The Catalog screen's state. The draft lives here, in the browser (and this tab's
 * sessionStorage, so a reload keeps it): it is one person's unpublished working copy, so head
 * office keeps no half-finished catalogs; the server checks it, diffs it and, on publish, checks
 * it all again (docs/console.md#catalog).
 */
export const useCatalogStore = defineStore('catalog', () => {
  const overview = ref<CatalogOverview | null>(null)
  const draft = ref<Catalog | null>(readStored())
  const issues = ref<Issue[]>([])
  const checked = ref(false)
  const diff = ref<CatalogDiff | null>(null)
  const toast = ref('')

  function readStored(): Catalog | null {
    try {
      const raw = sessionStorage.getItem(DRAFT_KEY)
      return raw ? (JSON.parse(raw) as Catalog) : null
    } catch {
      return null
    }
  }
  watch(
    draft,
    (d) => {
      if (d) sessionStorage.setItem(DRAFT_KEY, JSON.stringify(d))
      else sessionStorage.removeItem(DRAFT_KEY)
      // Any edit makes the last check and diff stale.
      checked.value = false
      diff.value = null
    },
    { deep: true },
  )

  async function loadOverview(): Promise<void> {
    overview.value = await api<CatalogOverview>('GET', '/catalog')
  }

  /** A new draft: the version in force, numbered as the next version, effective today. */
  async function startDraft(): Promise<void> {
    const [inForce, o] = await Promise.all([
      api<Catalog>('GET', '/catalog/in-force'),
      api<CatalogOverview>('GET', '/catalog'),
    ])
    overview.value = o
    draft.value = { ...inForce, version: o.nextVersion, effectiveFrom: o.today }
    issues.value = []
  }

  async function validate(): Promise<boolean> {
    if (!draft.value) return false
    const r = await api<{ valid: boolean; issues: Issue[] }>('POST', '/catalog/draft/validate', {
      catalog: draft.value,
    })
    issues.value = r.issues
    checked.value = true
    return r.valid
  }

  /** The draft's changes against the version in force (only once it validates). */
  async function review(): Promise<boolean> {
    if (!(await validate())) return false
    diff.value = await api<CatalogDiff>('POST', '/catalog/draft/diff', { catalog: draft.value })
    return true
  }

  async function publish(): Promise<{ version: string; effectiveFrom: string }> {
    const r = await api<{ version: string; effectiveFrom: string }>('POST', '/catalog/publish', {
      catalog: draft.value,
    })
    draft.value = null
    issues.value = []
    await loadOverview()
    return r
  }

  function discard(): void {
    draft.value = null
    issues.value = []
  }

  /** Issues by field path, for the messages next to the fields. */
  const issueAt = computed(() => {
    const map = new Map<string, string>()
    for (const i of issues.value) if (!map.has(i.path)) map.set(i.path, i.message)
    return map
  })

  return {
    overview,
    draft,
    issues,
    checked,
    diff,
    toast,
    issueAt,
    loadOverview,
    startDraft,
    validate,
    review,
    publish,
    discard,
  }
})
