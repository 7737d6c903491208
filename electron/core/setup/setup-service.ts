import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc'
import { KioskError, isErrorCode } from '../../../shared/errors'
import { normaliseProvisioningCode, type ProvisionedStore } from '../../../shared/sync/fleet'
import { appendAudit } from '../audit/audit-log'
import type { CoreDeps } from '../context'
import { checkKioskCodeForDocuments } from '../document-numbers'
import { insertIdentity, outboxEventCount, type StoredIdentity } from '../storage/repos/identity'
import { putSetting } from '../storage/repos/settings'
import { HEADOFFICE_URL_KEY, type KioskSync, type KioskSyncOptions } from '../sync/kiosk-sync'
import { redeemProvisioningCode, SyncHttpError } from '../sync/sync-http'
import type { IdentityState } from './identity'

type SetupAnswer = ResponseOf<'setup.provision'>

/** What the setup needs besides the core's deps. */
export interface SetupParts {
  deps: CoreDeps
  identity: IdentityState
  sync: KioskSync
  syncOptions: KioskSyncOptions | undefined
  /** Creates the shell's demo staff on an empty database (the demo only). */
  seedStaff: () => Promise<void>
}

/** Refuses a setup on a kiosk that is already someone, or that holds sales under its old codes. */
async function checkSetupAllowed(p: SetupParts): Promise<void> {
  if (p.identity.mode !== 'unprovisioned' || p.deps.training) {
    throw new KioskError(
      'KIOSK_ALREADY_PROVISIONED',
      `This kiosk is already set up (${p.identity.mode}); a new identity needs a new data directory.`,
    )
  }
  const events = await p.deps.store.read((sql) => outboxEventCount(sql))
  if (events > 0) {
    throw new KioskError(
      'KIOSK_HOLDS_SALES',
      `This kiosk holds ${events} recorded events under store ${p.deps.config.storeCode}; ` +
        'it cannot take another identity.',
    )
  }
}

/** Head office's answer, or its refusal as the kiosk's error (its code kept for the clerk). */
async function redeem(p: SetupParts, url: string, code: string) {
  try {
    return await redeemProvisioningCode(url, normaliseProvisioningCode(code), {
      ...(p.syncOptions?.fetch ? { fetch: p.syncOptions.fetch } : {}),
    })
  } catch (error) {
    if (!(error instanceof SyncHttpError)) throw error
    const known = isErrorCode(error.code) && error.kind === 'refused'
    throw new KioskError(known ? (error.code as never) : 'SYNC_OFFLINE', error.message)
  }
}

/** Stores the identity and the URL with an audit entry, in one transaction. */
function saveIdentity(p: SetupParts, identity: StoredIdentity): Promise<void> {
  const { deps } = p
  return deps.store.write(async (tx) => {
    insertIdentity(tx.sql, identity)
    if (identity.headOfficeUrl) {
      putSetting(tx.sql, HEADOFFICE_URL_KEY, identity.headOfficeUrl, identity.provisionedAt)
    }
    await appendAudit(tx, {
      at: identity.provisionedAt,
      businessDate: deps.businessDate(),
      staff: null,
      action: identity.mode === 'demo' ? 'setup.useDemo' : 'setup.provision',
      entity: 'settings',
      entityId: 'kiosk_identity',
      details: {
        storeCode: identity.storeCode,
        kioskCode: identity.kioskCode,
        headOfficeUrl: identity.headOfficeUrl || null,
      },
    })
  })
}

/** The running core takes its new codes (every service reads them from the config when used). */
function adopt(p: SetupParts, identity: StoredIdentity, storeName: string | null): SetupAnswer {
  p.deps.config.storeCode = identity.storeCode
  p.deps.config.kioskCode = identity.kioskCode
  p.identity.mode = identity.mode
  p.identity.storeName = storeName
  return {
    storeCode: identity.storeCode,
    kioskCode: identity.kioskCode,
    storeName: storeName ?? identity.store.name,
    identity: identity.mode,
  }
}

/**
 * The setup screen's two ways out (docs/fleet.md#provisioning): redeem a one-time code at head
 * office, or run as the demo store.
 */
export function createSetup(p: SetupParts) {
  return {
    async provision(req: ParsedRequestOf<'setup.provision'>): Promise<SetupAnswer> {
      await checkSetupAllowed(p)
      if (!p.syncOptions) {
        throw new KioskError('BAD_REQUEST', 'This kiosk was started without a secret store.')
      }
      const answer = await redeem(p, req.headOfficeUrl, req.code)
      // Before anything is kept: a code that cannot go into a GST document number is refused.
      checkKioskCodeForDocuments(answer.kioskCode)
      // The secret first: if the database write failed after it, a new code simply replaces it.
      await p.syncOptions.secretStore.set(answer.secret)
      const identity: StoredIdentity = {
        mode: 'provisioned',
        storeCode: answer.store.code,
        kioskCode: answer.kioskCode,
        store: answer.store,
        headOfficeUrl: req.headOfficeUrl,
        provisionedAt: p.deps.nowIso(),
      }
      await saveIdentity(p, identity)
      const result = adopt(p, identity, answer.store.name)
      await p.sync.reload()
      // The first pull brings the catalog, the store's staff and its plans; a failure here is
      // only a sync that the loop retries.
      await p.sync.syncNow()
      return result
    },

    async useDemo(): Promise<SetupAnswer> {
      await checkSetupAllowed(p)
      const { storeCode, kioskCode } = p.deps.config
      const store: ProvisionedStore = {
        code: storeCode,
        name: storeCode,
        legalName: null,
        address: null,
        stateCode: null,
        gstin: null,
      }
      const identity: StoredIdentity = {
        mode: 'demo',
        storeCode,
        kioskCode,
        store,
        headOfficeUrl: '',
        provisionedAt: p.deps.nowIso(),
      }
      await saveIdentity(p, identity)
      await p.seedStaff()
      return adopt(p, identity, null)
    },
  }
}

export type KioskSetup = ReturnType<typeof createSetup>
