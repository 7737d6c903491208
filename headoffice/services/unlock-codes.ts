import { createHmac } from 'node:crypto'
import type { DataSource } from 'typeorm'
import { todayInKolkata } from '../../shared/domain/calendar'
import { kioskId } from '../../shared/sync/signing'
import { unlockCode } from '../../shared/sync/unlock-code'
import { HeadOfficeError } from '../errors'
import { createKioskDirectory } from './kiosk-registry'
import type { SecretBox } from './secret-box'

const hmac = (key: string, message: string) =>
  createHmac('sha256', key).update(message, 'utf8').digest('hex')

/**
 * Issues today's unlock code for a staff member locked out at one kiosk (the store's last
 * manager, say): read out on the phone, typed on the kiosk's PIN screen, checked there offline
 * with the kiosk's secret (docs/security.md#pin-lockout). A revoked kiosk gets none.
 */
export async function issueStaffUnlockCode(
  ds: DataSource,
  box: SecretBox,
  who: { storeCode: string; kioskCode: string; staffCode: string },
  now: number,
): Promise<{ code: string; day: string }> {
  const kiosk = await createKioskDirectory(ds, box).find(kioskId(who.storeCode, who.kioskCode))
  if (!kiosk)
    throw new HeadOfficeError('KIOSK_UNKNOWN', `No kiosk ${who.storeCode}/${who.kioskCode}.`)
  if (kiosk.status !== 'active') {
    throw new HeadOfficeError('KIOSK_REVOKED', `Kiosk ${kiosk.id} is revoked.`)
  }
  const day = todayInKolkata(() => now)
  const code = await unlockCode(hmac, kiosk.secret, { ...who, day })
  return { code, day }
}
