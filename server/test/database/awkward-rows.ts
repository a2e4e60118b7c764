import { randomUUID } from 'node:crypto';
import type { ReportEntity } from '../../src/reports/report.entity';
import { aReportEntity } from '../factories/entity.factory';

/** A time to the millisecond, where a driver that dropped them would show it. */
export const AT_MS = new Date('2026-11-30T23:59:58.123Z');

/** Text with the characters a hand-built statement gets wrong: quotes, a backslash, a newline. */
export const AWKWARD_TEXT = `他说"别告诉家长"，O'Brien \\ 反斜杠；\n第二行`;

/** A report of its own (fresh id and tracking code) with every kind of column set awkwardly. */
export function anAwkwardReport(overrides: Partial<ReportEntity> = {}): ReportEntity {
  return aReportEntity({
    id: randomUUID(),
    trackingCode: randomUUID().slice(0, 10),
    situations: ['violence_abuse', 'dropout'],
    immediateDanger: true,
    reporterAnonymous: false,
    reporterSmsConsent: true,
    description: AWKWARD_TEXT,
    discoveredAt: AT_MS,
    createdAt: AT_MS,
    childAgeYears: 9,
    ratingScore: null,
    ...overrides,
  });
}
