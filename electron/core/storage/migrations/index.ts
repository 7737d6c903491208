import type { Migration } from './migration'
import { m0001Initial } from './0001-initial'
import { m0002SettingsAndRetention } from './0002-settings-and-retention'
import { m0003DocumentNumberUnique } from './0003-document-number-unique'
import { m0004Sync } from './0004-sync'
import { m0005RequestFingerprints } from './0005-request-fingerprints'
import { m0006ExchangeVoucher } from './0006-exchange-voucher'
import { m0007StoreLegalName } from './0007-store-legal-name'
import { m0008ConsentGiver } from './0008-consent-giver'
import { m0009PinLockLadder } from './0009-pin-lock-ladder'
import { m0010Handover } from './0010-handover'
import { m0011PrivacyRequests } from './0011-privacy-requests'
import { m0012TaxDocumentsB2b } from './0012-tax-documents-b2b'
import { m0013KioskIdentity } from './0013-kiosk-identity'
import { m0014TradeIn } from './0014-trade-in'

export type { Migration } from './migration'

/** Every migration, in order. Explicit (no glob): the main process is bundled. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  m0001Initial,
  m0002SettingsAndRetention,
  m0003DocumentNumberUnique,
  m0004Sync,
  m0005RequestFingerprints,
  m0006ExchangeVoucher,
  m0007StoreLegalName,
  m0008ConsentGiver,
  m0009PinLockLadder,
  m0010Handover,
  m0011PrivacyRequests,
  m0012TaxDocumentsB2b,
  m0013KioskIdentity,
  m0014TradeIn,
]
