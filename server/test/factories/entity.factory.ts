import type { Role } from '@shouhu/shared';
import type { Actor } from '../../src/access/actor';
import type { OrderEntity } from '../../src/orders/order.entity';
import type { ReportEntity } from '../../src/reports/report.entity';
import type { UnitRecord } from '../../src/units/unit';
import type { UserEntity } from '../../src/users/user.entity';

/**
 * Rows as the repositories return them, for unit specs that run services on in-memory fakes.
 * Defaults: a P2 township order of a 泗城镇 report, dispatched and unsigned.
 */
export const AT = new Date('2026-11-17T02:00:00Z');

export function aUnitRecord(overrides: Partial<UnitRecord> = {}): UnitRecord {
  return {
    id: 'unit-township',
    name: '泗城镇儿童督导站',
    department: 'township',
    parentId: null,
    divisionPrefixes: ['341324100'],
    dutyPhone: null,
    createdAt: AT,
    ...overrides,
  };
}

export function anOrderEntity(overrides: Partial<OrderEntity> = {}): OrderEntity {
  return {
    id: 'order-1',
    reportId: 'report-1',
    department: 'township',
    role: 'lead',
    unitId: 'unit-township',
    unrouted: false,
    status: 'dispatched',
    priority: 'P2',
    initialPriority: 'P2',
    divisionCode: '341324100001',
    dispatchedAt: AT,
    signedAt: null,
    contactedAt: null,
    resolvedAt: null,
    returnDueAt: new Date(AT.getTime() + 24 * 3600_000),
    outcome: null,
    reporterSummary: null,
    extensionPendingDays: null,
    extensionsGranted: 0,
    escalationLevel: 0,
    dueAt: null,
    nextDueAt: null,
    handedOffFrom: null,
    createdAt: AT,
    lowRating: false,
    ...overrides,
  };
}

export function aReportEntity(overrides: Partial<ReportEntity> = {}): ReportEntity {
  return {
    id: 'report-1',
    trackingCode: 'ACD47FGHJK',
    reporterUserId: 'user-reporter',
    channel: 'public',
    status: 'submitted',
    priority: 'P2',
    initialPriority: 'P2',
    immediateDanger: false,
    situations: ['dropout'],
    description: '孩子已经两周没有来上学了。',
    discoveredAt: AT,
    divisionCode: '341324100001',
    locationSealed: 'sealed-location',
    childSealed: 'sealed-child',
    childGender: null,
    childAgeYears: null,
    reporterAnonymous: true,
    reporterConfidential: false,
    reporterSealed: null,
    reporterOrgName: null,
    reporterOrgType: null,
    institutionId: null,
    childFileId: 'file-1',
    repeatReport: false,
    closedAt: null,
    ratingScore: null,
    ratingComment: null,
    ratedAt: null,
    reporterSmsConsent: false,
    callbackScore: null,
    callbackComment: null,
    calledBackAt: null,
    createdAt: AT,
    purgedAt: null,
    ...overrides,
  };
}

/** A caller with these roles, in `unit` when they work in one. */
export function anActor(roles: Role[], unit: UnitRecord | null = null, id = 'user-1'): Actor {
  const user: UserEntity = {
    id,
    openid: `openid-${id}`,
    unionid: null,
    unitId: unit?.id ?? null,
    unitRole: null,
    orgName: roles.includes('mandated_reporter') ? '泗县第一小学' : null,
    orgType: roles.includes('mandated_reporter') ? 'school' : null,
    institutionId: null,
    hotlineOperator: roles.includes('hotline_operator'),
    disabled: false,
    tokenVersion: 0,
    createdAt: AT,
  };
  return { user, roles, unit, ip: null };
}
