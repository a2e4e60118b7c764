// The rows one intake (POST /reports) writes, worked out without the server, for the bench's two
// yardsticks: the raw-driver ceiling and the naive TypeORM baseline write exactly these rows.
// Routing, deadlines, texts, hashes and sealing come from the same code the server runs (shared
// and the built server's pure helpers), read once from the database where the server reads it
// per request: the units and their divisions, the units' members, the working-day calendar.
//
// Which rows, as the MariaDB general log shows for one intake of each situation: the
// idempotency key, the child's identity keys, a new child file and its first timeline line, the
// report and its `submitted` line, per routed order the order, its three clocks and its
// `dispatched` line, an inbox message per member of each unit reached, for a P1 report a text
// to each reached unit's duty phone, for a dropout the file's place on the 控辍保学 list (an
// update, a line and an audit row), the `report.submit` audit row, and the stored answer. What the
// server reads on the way (the caller, the division, the idempotency key, units and members, the
// report and place names again for a P1 text) is not written and not repeated here.
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  calendarFrom,
  clockDeadline,
  DEPARTMENT_LABELS,
  DROPOUT_FROM_REPORT_TEXT,
  dutyOrderSmsParams,
  formatTrackingCode,
  isValidIdNumber,
  longestPrefixUnit,
  newOrderInboxText,
  nextClockEvent,
  normalizeIdNumber,
  normalizeName,
  normalizePhone,
  orderPlacement,
  returnDeadline,
  route,
} from '@shouhu/shared';
import { ROOT } from './harness.mjs';

const server = createRequire(`${ROOT}/server/dist/`);
const { chainHash } = server('./audit/audit-chain.js');
const { blindIndex, childIdentities } = server('./children/child-identity.js');
const { NEW_FILE_FOLLOW_UP } = server('./children/child-file.entity.js');
const { keepingUnit } = server('./children/keeping-unit.js');
const { Sealer } = server('./crypto/sealer.js');
const { requestHash } = server('./idempotency/request-hash.js');
const { scopedKey } = server('./idempotency/scoped-key.js');
const { toCreatedResponse } = server('./intake/report-views.js');
const { DISPATCH_CLOCKS } = server('./orders/clock-planner.js');
const { orderEvent } = server('./orders/order-events.js');
const { generateTrackingCode } = server('./reports/tracking-code.generator.js');

export { chainHash };

/**
 * The units with their division prefixes, as the server's `UnitsRepository.list` gives them.
 * @param {import('mysql2/promise').Pool | import('mysql2/promise').Connection} db
 */
export async function loadUnits(db) {
  const [rows] = await db.query(
    `SELECT u.id, u.name, u.department, u.parent_id AS parentId, u.duty_phone AS dutyPhone,
       d.division_prefix AS prefix
     FROM units u LEFT JOIN unit_divisions d ON d.unit_id = u.id ORDER BY u.name`,
  );
  const units = new Map();
  for (const { prefix, ...unit } of rows) {
    const known = units.get(unit.id) ?? { ...unit, divisionPrefixes: [] };
    if (prefix) known.divisionPrefixes.push(prefix);
    units.set(unit.id, known);
  }
  return [...units.values()];
}

/**
 * What the server reads from the database for every intake, read once: units with their
 * division prefixes, the active members of each unit, the calendar, township names.
 * @param {import('mysql2/promise').Pool} db
 */
export async function intakeContext(db) {
  const [memberRows] = await db.query(
    'SELECT id, unit_id AS unitId FROM users WHERE unit_id IS NOT NULL AND disabled = 0',
  );
  const members = new Map();
  for (const { id, unitId } of memberRows)
    members.set(unitId, [...(members.get(unitId) ?? []), id]);
  const [years] = await db.query('SELECT year FROM calendar_years');
  const [days] = await db.query('SELECT date, working FROM calendar_days');
  const [places] = await db.query('SELECT code, name FROM divisions WHERE LENGTH(code) = 9');
  return {
    units: await loadUnits(db),
    members,
    calendar: calendarFrom(
      years.map((y) => y.year),
      days.map((d) => ({ date: d.date, working: Boolean(d.working) })),
    ),
    townships: new Map(places.map((p) => [p.code, p.name])),
    // The bench's own keys: what is sealed and hashed weighs the same as under the server's keys.
    sealer: new Sealer({ dataEncryptionKey: randomBytes(32), previousDataEncryptionKeys: [] }),
    indexKey: randomBytes(32),
  };
}

function dispatchedText(role, unit, assigned, department, reasons) {
  const where = unit
    ? `已派至${unit.name}`
    : assigned
      ? `本区划没有${DEPARTMENT_LABELS[department]}单位，已转${assigned.name}改派`
      : '本区划没有对应单位和联席办，已转系统管理员分派';
  return `${role === 'lead' ? '由本部门主办' : '本部门协助办理'}，${where}。${reasons.join('；')}`;
}

/**
 * The rows of one intake of `body` by `userId` with `idempotencyKey`, at `now`, by entity class
 * name (each row an entity object as the server's entities take it), and the audit records to
 * append under the chain-head lock (`seq` and hashes are set there: {@link chainAudit}).
 * Reports here are about children new to the system (the bench's bodies never repeat a child).
 */
export function planIntake(context, { body, userId, idempotencyKey, now, ip = '127.0.0.1' }) {
  const { units, members, calendar, sealer } = context;
  const routing = route(body, { repeat: false });
  const divisionCode = body.location.divisionCode;
  const childFileId = randomUUID();
  const reportId = randomUUID();
  const child = body.child;
  const identityKeys = [
    ...new Set(
      childIdentities(child, divisionCode, now).map((id) => blindIndex(context.indexKey, id)),
    ),
  ].sort();
  const { name, gender, birthDate, ageYears, idNumber, school, guardianName, guardianPhone } =
    child;
  const guardian =
    guardianName || guardianPhone
      ? { name: guardianName, phone: guardianPhone && normalizePhone(guardianPhone) }
      : null;
  const keeper = keepingUnit(divisionCode, units);
  const { address, latitude, longitude } = body.location;
  const reporter = body.reporter;
  const report = {
    id: reportId,
    trackingCode: generateTrackingCode(),
    reporterUserId: userId,
    channel: body.channel,
    status: 'submitted',
    priority: routing.priority,
    initialPriority: routing.initialPriority,
    childFileId,
    repeatReport: false,
    closedAt: null,
    ratingScore: null,
    ratingComment: null,
    ratedAt: null,
    reporterSmsConsent: false,
    callbackScore: null,
    callbackComment: null,
    calledBackAt: null,
    purgedAt: null,
    immediateDanger: body.immediateDanger,
    situations: body.situations,
    description: body.description,
    discoveredAt: new Date(body.discoveredAt),
    divisionCode,
    locationSealed: sealer.seal({ address, latitude, longitude }),
    childSealed: sealer.seal({
      ...child,
      ...(guardianPhone ? { guardianPhone: normalizePhone(guardianPhone) } : {}),
    }),
    childGender: child.gender ?? null,
    childAgeYears: child.ageYears ?? null,
    reporterAnonymous: reporter.anonymous,
    reporterConfidential: !reporter.anonymous && reporter.confidential === true,
    reporterSealed: reporter.anonymous
      ? null
      : sealer.seal({
          name: reporter.name,
          phone: reporter.phone && normalizePhone(reporter.phone),
        }),
    reporterOrgName: null,
    reporterOrgType: null,
    institutionId: null,
    createdAt: now,
  };
  const fileEvents = [
    {
      id: randomUUID(),
      childFileId,
      kind: 'opened',
      text: '由报告建档',
      actorUserId: null,
      actorUnitId: null,
      detail: null,
      at: now,
    },
  ];
  const audits = [
    {
      at: now,
      actorUserId: userId,
      actorRoles: ['reporter'],
      actorUnitId: null,
      action: 'report.submit',
      targetType: 'report',
      targetId: reportId,
      divisionCode,
      ip,
      detail: { channel: report.channel, priority: report.priority },
    },
  ];
  const dropout = body.situations.includes('dropout');
  if (dropout) {
    const detail = { from: null, to: 'persuading', reportId };
    fileEvents.push({
      ...fileEvents[0],
      id: randomUUID(),
      kind: 'dropout',
      text: DROPOUT_FROM_REPORT_TEXT,
      detail,
    });
    audits.push({
      ...audits[0],
      actorUserId: null,
      actorRoles: [],
      ip: null,
      action: 'child_file.dropout',
      targetType: 'child_file',
      targetId: childFileId,
      detail,
    });
  }

  const orders = [];
  const clocks = [];
  const orderEvents = [];
  const inbox = [];
  const sms = [];
  const created = [];
  const overrides = routing.overrides.map((o) => `优先级由${o.from}提升为${o.to}（${o.reason}）`);
  for (const routed of routing.orders) {
    const unit = longestPrefixUnit(
      divisionCode,
      units.filter((u) => u.department === routed.department),
    );
    const assigned =
      unit ??
      longestPrefixUnit(
        divisionCode,
        units.filter((u) => u.department === 'coordinator'),
      );
    const orderClocks = DISPATCH_CLOCKS.map((clock) => ({
      clock,
      startedAt: now,
      dueAt: clockDeadline(clock, routed.priority, now, calendar).due,
      stage: 'running',
      stoppedAt: null,
      interrupted: false,
    }));
    const order = {
      id: randomUUID(),
      reportId,
      department: routed.department,
      role: routed.role,
      unitId: assigned?.id ?? null,
      unrouted: unit === null,
      status: 'dispatched',
      priority: routed.priority,
      initialPriority: routing.initialPriority,
      divisionCode,
      dispatchedAt: now,
      signedAt: null,
      contactedAt: null,
      resolvedAt: null,
      returnDueAt: returnDeadline(routed.priority, now, calendar).due,
      outcome: null,
      reporterSummary: null,
      extensionPendingDays: null,
      extensionsGranted: 0,
      escalationLevel: 0,
      dueAt: new Date(Math.min(...orderClocks.map((c) => c.dueAt.getTime()))),
      nextDueAt: new Date(Math.min(...orderClocks.map((c) => nextClockEvent(c).at.getTime()))),
      handedOffFrom: null,
      createdAt: now,
    };
    orders.push(order);
    clocks.push(
      ...orderClocks.map((c) => ({
        orderId: order.id,
        ...c,
        unitId: order.unitId,
        divisionCode: order.divisionCode,
      })),
    );
    const reasons = [...routed.reasons, ...overrides];
    orderEvents.push(
      orderEvent(
        order.id,
        'dispatched',
        dispatchedText(routed.role, unit, assigned, routed.department, reasons),
        now,
        null,
      ),
    );
    const signDueAt = orderClocks.find((c) => c.clock === 'sign').dueAt;
    const text = newOrderInboxText({
      priority: order.priority,
      signDueAt,
      unrouted: order.unrouted,
    });
    for (const member of members.get(order.unitId) ?? []) {
      inbox.push({
        id: randomUUID(),
        userId: member,
        kind: 'new_order',
        text,
        page: `staff/order/index?id=${order.id}`,
        createdAt: now,
        readAt: null,
      });
    }
    if (order.priority === 'P1' && assigned?.dutyPhone) {
      const township = divisionCode.slice(0, 9);
      sms.push({
        id: randomUUID(),
        kind: 'duty_order',
        phoneSealed: null,
        unitId: assigned.id,
        dedupKey: null,
        reportId,
        orderId: order.id,
        params: dutyOrderSmsParams({
          priority: order.priority,
          situations: report.situations,
          place: context.townships.get(township) ?? '',
          signDueAt,
        }),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        providerSerial: null,
        createdAt: now,
        sentAt: null,
      });
    }
    created.push({
      department: routed.department,
      role: routed.role,
      unitName: assigned?.name ?? '系统管理员',
      placement: orderPlacement(order),
      priority: routed.priority,
      signDueAt: signDueAt.toISOString(),
      resolveDueAt: orderClocks.find((c) => c.clock === 'resolve').dueAt.toISOString(),
    });
  }

  const key = scopedKey(userId, idempotencyKey);
  return {
    key,
    childFileId,
    dropout,
    identityKeys,
    audits,
    response: toCreatedResponse(report, created),
    rows: {
      IdempotencyKeyEntity: [
        {
          key,
          userId,
          requestHash: requestHash(userId, body),
          responseStatus: null,
          responseBody: null,
          createdAt: now,
        },
      ],
      ChildFileEntity: [
        {
          id: childFileId,
          status: 'active',
          origin: 'report',
          ...NEW_FILE_FOLLOW_UP,
          // The server inserts the file, then puts it on the 控辍保学 list: one row either way.
          ...(dropout ? { dropoutState: 'persuading', dropoutSince: now } : {}),
          divisionCode,
          unitId: keeper?.id ?? null,
          categories: [],
          childSealed: sealer.seal({ name, gender, birthDate, ageYears, idNumber, school }),
          childGender: gender ?? null,
          guardianSealed: guardian && sealer.seal(guardian),
          carerSealed: null,
          helpSealed: null,
          nameKey: name ? blindIndex(context.indexKey, `name|${normalizeName(name)}`) : null,
          idKey:
            idNumber && isValidIdNumber(idNumber)
              ? blindIndex(context.indexKey, `id|${normalizeIdNumber(idNumber)}`)
              : null,
          closeReason: null,
          closeNote: null,
          closedAt: null,
          nextVisitDueAt: null,
          createdAt: now,
          updatedAt: now,
        },
      ],
      ChildFileEventEntity: fileEvents,
      ReportEntity: [report],
      ReportEventEntity: [
        {
          id: randomUUID(),
          reportId,
          kind: 'submitted',
          text: `报告已提交，查询码 ${formatTrackingCode(report.trackingCode)}。`,
          reporterVisible: true,
          at: now,
        },
      ],
      OrderEntity: orders,
      OrderClockEntity: clocks,
      OrderEventEntity: orderEvents,
      InboxMessageEntity: inbox,
      SmsMessageEntity: sms,
    },
  };
}

/** The audit records chained after `head` (`{ seq, hash }`): rows to insert and the new head. */
export function chainAudit(head, records) {
  let { seq, hash } = head;
  const rows = records.map((record) => {
    seq += 1;
    const row = { ...record, seq };
    const next = chainHash(hash, row);
    const chained = { ...row, prevHash: hash, hash: next };
    hash = next;
    return chained;
  });
  return { rows, head: { seq, hash } };
}
