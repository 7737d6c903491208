import {
  PrinterSettingsSchema,
  type PrinterSettings,
  type PrintTarget,
} from '../../../shared/contract/receipts'
import { KioskError } from '../../../shared/errors'
import { appendAudit } from '../audit/audit-log'
import type { Actor, CoreDeps } from '../context'
import { getSetting, putSetting } from '../storage/repos/settings'
import type { Sql } from '../storage/store'

/** The settings row holding the printers (JSON of {@link PrinterSettingsSchema}). */
export const PRINTER_SETTINGS_KEY = 'printing.printers'

/**
 * The stored printer settings, or null when a manager has not configured any. A row that no
 * longer parses (hand-edited, or from a newer app) counts as unconfigured rather than guessed at.
 */
export function readPrinterSettings(sql: Sql, deps: CoreDeps): PrinterSettings | null {
  const value = getSetting(sql, PRINTER_SETTINGS_KEY)
  if (value === null) return null
  let json: unknown
  try {
    json = JSON.parse(value)
  } catch {
    json = null
  }
  const parsed = PrinterSettingsSchema.safeParse(json)
  if (!parsed.success) {
    deps.config.logger.warn('printer settings unreadable; treating as not configured', {
      issues: parsed.error.issues.length,
    })
    return null
  }
  return parsed.data
}

/** Replaces the printer settings and records who changed them, in one transaction. */
export async function writePrinterSettings(
  deps: CoreDeps,
  actor: Actor,
  settings: PrinterSettings,
): Promise<PrinterSettings> {
  if (settings.thermal?.text === 'unicode-raster' && !deps.config.textRasteriser) {
    // Every receipt has a ₹ in it: without a rasteriser this mode could print nothing at all.
    throw new KioskError(
      'PRINTER_NOT_CONFIGURED',
      'This kiosk cannot draw ₹ or Hindi for the thermal printer: choose the ascii text mode ' +
        '(English, "Rs.") and print Hindi receipts on the system printer.',
    )
  }
  const at = deps.nowIso()
  await deps.store.write(async (tx) => {
    putSetting(tx.sql, PRINTER_SETTINGS_KEY, JSON.stringify(settings), at)
    await appendAudit(tx, {
      at,
      businessDate: deps.businessDate(),
      staff: actor,
      action: 'printers.configure',
      entity: 'settings',
      entityId: PRINTER_SETTINGS_KEY,
      details: {
        thermal: settings.thermal,
        system: settings.system,
        defaultTarget: settings.defaultTarget,
      },
    })
  })
  return settings
}

/** The target a print goes to: the one asked for, else the configured default. */
export function resolveTarget(
  settings: PrinterSettings | null,
  requested: PrintTarget | undefined,
): PrintTarget {
  const target = requested ?? settings?.defaultTarget
  if (!settings || !target || settings[target] === null) {
    throw new KioskError(
      'PRINTER_NOT_CONFIGURED',
      target
        ? `No ${target} printer is configured. A manager sets it up in Settings → Printers.`
        : 'No printer is configured. A manager sets it up in Settings → Printers.',
    )
  }
  return target
}
