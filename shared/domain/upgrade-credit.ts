/**
 * The upgrade sale's money (docs/program-rules.md#upgrade-credit): credit = min(assured value, new
 * phone price), and the rest of the price is due. The value is a credit against the new phone,
 * never cash: when the phone costs less, the difference is not paid out. The kiosk's check and
 * sale, its credit note and head office's re-check all use this one rule.
 */
export function upgradeCredit(
  assuredValuePaise: number,
  newPhonePricePaise: number,
): { creditPaise: number; duePaise: number } {
  const creditPaise = Math.min(assuredValuePaise, newPhonePricePaise)
  return { creditPaise, duePaise: newPhonePricePaise - creditPaise }
}
