import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { AccountsUnitsAudit1764000000000 } from './1764000000000-accounts-units-audit';
import { RoutingOrdersClocks1764100000000 } from './1764100000000-routing-orders-clocks';
import { ReportRatings1764200000000 } from './1764200000000-report-ratings';
import { Uploads1764300000000 } from './1764300000000-uploads';
import { Notifications1764400000000 } from './1764400000000-notifications';
import { NewOrderSubscriptions1764500000000 } from './1764500000000-new-order-subscriptions';
import { EventTexts1764600000000 } from './1764600000000-event-texts';
import { Sms1764700000000 } from './1764700000000-sms';
import { SmsDutyUnits1764750000000 } from './1764750000000-sms-duty-units';
import { ReportRetention1764810000000 } from './1764810000000-report-retention';
import { ChildFiles1764900000000 } from './1764900000000-child-files';
import { GuardianshipHandovers1764910000000 } from './1764910000000-guardianship-handovers';
import { OrderHandoffs1764920000000 } from './1764920000000-order-handoffs';
import { VisitsInbox1765000000000 } from './1765000000000-visits-inbox';
import { VisitPlan1765000100000 } from './1765000100000-visit-plan';
import { PriorityFiles1765000200000 } from './1765000200000-priority-files';
import { DropoutNotes1765000300000 } from './1765000300000-dropout-notes';
import { SchoolHolidayYear1765000400000 } from './1765000400000-school-holiday-year';
import { Institutions1765100000000 } from './1765100000000-institutions';
import { InstitutionNameBinary1765100100000 } from './1765100100000-institution-name-binary';
import { StatsFigures1765100200000 } from './1765100200000-stats-figures';
import { LedgerKeyset1765100600000 } from './1765100600000-ledger-keyset';
import { InstitutionRetirement1765100700000 } from './1765100700000-institution-retirement';
import { InstitutionCanonicalNames1765100800000 } from './1765100800000-institution-canonical-names';
import { ListIndexes1765201000000 } from './1765201000000-list-indexes';
import { StatsCoveringIndexes1765202000000 } from './1765202000000-stats-covering-indexes';
import { LowRatingFlag1765203000000 } from './1765203000000-low-rating-flag';
import { ClockPlaces1765204000000 } from './1765204000000-clock-places';
import { ReportFiguresIndex1765204100000 } from './1765204100000-report-figures-index';
import { UnplannedHolidaysIndex1765205000000 } from './1765205000000-unplanned-holidays-index';
import { ChildFileCounts1765206000000 } from './1765206000000-child-file-counts';
import { OrderCounts1765207000000 } from './1765207000000-order-counts';
import { DropoutPlaceStatusIndex1765208000000 } from './1765208000000-dropout-place-status-index';
import { ClockOrdersIndexes1765209000000 } from './1765209000000-clock-orders-indexes';
import { ChildFilesListOrder1765210000000 } from './1765210000000-child-files-list-order';
import { ClockCounts1765211000000 } from './1765211000000-clock-counts';
import { ReportFiguresCovering1765212000000 } from './1765212000000-report-figures-covering';

/** Every migration in order; the list (not a glob) works the same from src, dist and jest. */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  AccountsUnitsAudit1764000000000,
  RoutingOrdersClocks1764100000000,
  ReportRatings1764200000000,
  Uploads1764300000000,
  Notifications1764400000000,
  NewOrderSubscriptions1764500000000,
  EventTexts1764600000000,
  Sms1764700000000,
  SmsDutyUnits1764750000000,
  ReportRetention1764810000000,
  ChildFiles1764900000000,
  GuardianshipHandovers1764910000000,
  OrderHandoffs1764920000000,
  VisitsInbox1765000000000,
  VisitPlan1765000100000,
  PriorityFiles1765000200000,
  DropoutNotes1765000300000,
  SchoolHolidayYear1765000400000,
  Institutions1765100000000,
  InstitutionNameBinary1765100100000,
  StatsFigures1765100200000,
  LedgerKeyset1765100600000,
  InstitutionRetirement1765100700000,
  InstitutionCanonicalNames1765100800000,
  ListIndexes1765201000000,
  StatsCoveringIndexes1765202000000,
  LowRatingFlag1765203000000,
  ClockPlaces1765204000000,
  ReportFiguresIndex1765204100000,
  UnplannedHolidaysIndex1765205000000,
  ChildFileCounts1765206000000,
  OrderCounts1765207000000,
  DropoutPlaceStatusIndex1765208000000,
  ClockOrdersIndexes1765209000000,
  ChildFilesListOrder1765210000000,
  ClockCounts1765211000000,
  ReportFiguresCovering1765212000000,
];
