import { Initial1764300000001 } from './0001-initial'
import { PlanKey1795800000002 } from './0002-plan-key'
import { MoneyBigint1796000000003 } from './0003-money-bigint'
import { PlanSac1796100000004 } from './0004-plan-sac'
import { ExchangeVoucher1796100000005 } from './0005-exchange-voucher'
import { StoreGstin1796100000006 } from './0006-store-gstin'
import { OtpHandover1796200000007 } from './0007-otp-handover'
import { Privacy1796200000008 } from './0008-privacy'
import { PlanRecipient1796200000009 } from './0009-plan-recipient'
import { Fleet1796200000010 } from './0010-fleet'
import { FleetUpdatesJobs1796200000011 } from './0011-fleet-updates-jobs'
import { ConsoleUsers1796200000012 } from './0012-console-users'
import { PublicPlanPage1796200000013 } from './0013-public-plan-page'
import { CatalogConsole1796200000014 } from './0014-catalog-console'
import { HeartbeatLockedStaff1796200000015 } from './0015-heartbeat-locked-staff'
import { ConsoleCare1796200000016 } from './0016-console-care'
import { ConsoleReports1796200000017 } from './0017-console-reports'
import { TradeIn1796200000018 } from './0018-trade-in'

/**
 * Every migration, in order. An explicit array (no globs) so a bundled build still finds them;
 * append only — a released migration is never edited.
 */
export const MIGRATIONS = [
  Initial1764300000001,
  PlanKey1795800000002,
  MoneyBigint1796000000003,
  PlanSac1796100000004,
  ExchangeVoucher1796100000005,
  StoreGstin1796100000006,
  OtpHandover1796200000007,
  Privacy1796200000008,
  PlanRecipient1796200000009,
  Fleet1796200000010,
  FleetUpdatesJobs1796200000011,
  ConsoleUsers1796200000012,
  PublicPlanPage1796200000013,
  CatalogConsole1796200000014,
  HeartbeatLockedStaff1796200000015,
  ConsoleCare1796200000016,
  ConsoleReports1796200000017,
  TradeIn1796200000018,
]
