import type { MigrationInterface, QueryRunner } from 'typeorm'
import { columnTypes } from './column-types'

/**
 * Issue 22: trade-ins as kiosks report them (docs/program-rules.md#trade-in). One row per trade-in
 * from its `tradein.accepted` event; the voucher's use, the partner's confirmation and the phone's
 * collection fill it in. Head office keeps its own view of the money: `recognised_paise` is the
 * amount its re-check accepts (its own grid, or the partner's quote), `check_status` whether the
 * kiosk's figure agreed (`ok`), disagreed (`mismatch`, with the reason) or waits for the partner
 * (`pending-partner`). The reports count recognised amounts, never the kiosk's.
 */
export class TradeIn1796200000018 implements MigrationInterface {
  name = 'TradeIn1796200000018'

  async up(q: QueryRunner): Promise<void> {
    const { big, int, text } = columnTypes(q)
    await q.query(`CREATE TABLE ho_trade_in (
      trade_in_id ${text} PRIMARY KEY,
      event_id ${text} NOT NULL,
      store_code ${text} NOT NULL,
      kiosk_code ${text} NOT NULL,
      voucher_number ${text} NOT NULL,
      imei ${text} NOT NULL,
      model_id ${text} NOT NULL,
      variant_id ${text} NOT NULL,
      catalog_version ${text} NOT NULL,
      grade ${text} NOT NULL,
      source ${text} NOT NULL,
      partner_id ${text} NOT NULL,
      quote_id ${text},
      kiosk_paise ${big} NOT NULL,
      recognised_paise ${big},
      check_status ${text} NOT NULL,
      check_reason ${text},
      provisional ${int} NOT NULL,
      confirmation ${text} NOT NULL,
      partner_reference ${text},
      confirmed_paise ${big},
      accepted_on ${text} NOT NULL,
      voucher_valid_to ${text} NOT NULL,
      used_on ${text},
      used_store_code ${text},
      credit_paise ${big},
      paid_paise ${big},
      new_price_paise ${big},
      collected_on ${text},
      created_at ${big} NOT NULL
    )`)
    await q.query(
      `CREATE UNIQUE INDEX ho_trade_in_voucher ON ho_trade_in (store_code, kiosk_code, voucher_number)`,
    )
    await q.query(`CREATE INDEX ho_trade_in_accepted ON ho_trade_in (accepted_on)`)
    await q.query(`CREATE INDEX ho_trade_in_check ON ho_trade_in (check_status)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ho_trade_in`)
  }
}
