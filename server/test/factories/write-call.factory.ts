import { randomUUID } from 'node:crypto';
import { DEFAULT_VISIT_POLICY, orderPage, type AuthResponse, type InboxPage } from '@shouhu/shared';
import { http } from '../setup/http';
import { aSheetForm, anInstitution, anInstitutionBody } from './institution.factory';
import { aPhoto } from './media.factory';
import { act, orderOf, submitReport } from './order.factory';
import { aReport } from './report.factory';
import { aReporterSession, aSessionWith } from './session.factory';
import { aVisit } from './visit.factory';
import { HOME_TOWN, HOME_VILLAGE, type World } from './world.factory';

/**
 * Where what a request stored can be read back: an API read, or a row by id (`sealed`: its
 * sealed values are read opened, as the server opens them).
 */
export type Read = { token: string; path: string } | { sql: string; id: string; sealed?: boolean };

/** One valid request of a write route, built fresh: sent as is, the route answers 2xx. */
export interface WriteCall {
  token?: string;
  /** The path with its parameters filled in, relative to /api/v1. */
  path: string;
  /** The JSON body (`{}` for a route that takes none). */
  body: Record<string, unknown>;
  /** The multipart form of the upload, instead of `body`; a new form each call. */
  form?: () => FormData;
  headers?: Record<string, string>;
  /** Where what was stored can be read back; each is fetched after a 2xx. */
  readBack?: (answer: unknown) => Promise<Read[]>;
  /** Fields that name something (a code), not text to store: any answer but 500 or a refusal of the field. */
  opaque?: string[];
}

/** The callers a write call is made as; `hotline` files the reports that are called back. */
export interface WriteCallers {
  admin: AuthResponse;
  reporter: AuthResponse;
  handler: AuthResponse;
  coordinator: AuthResponse;
}

/** The server needs `SIMULATED_CLOCK=true` (clock, sweep, sends) and `WECHAT_TEMPLATE_NEW_ORDER`. */
export type WriteCalls = Record<string, () => Promise<WriteCall>>;

const RESOLUTION = {
  outcome: 'returned_to_school',
  reporterSummary: '孩子已回到学校上课。',
  detail: '与家长面谈两次。',
};

/** A real photo (the upload decodes it) as the app sends it; a new form each call. */
export async function aPhotoForm(): Promise<() => FormData> {
  const png = await aPhoto({ format: 'png' });
  return () => {
    const form = new FormData();
    form.append('file', new Blob([png]), 'photo.png');
    return form;
  };
}

type Stage = 'dispatched' | 'signed' | 'extension' | 'resolved';

/**
 * A valid request for every write route (POST/PUT/PATCH/DELETE) of the server, keyed like the
 * route table (`POST /orders/:id/sign`). Each builder makes what its request consumes (an order
 * at the right stage, an invitation, a user to disable), so every call can be sent once.
 */
export function writeCalls(baseUrl: string, world: World, callers: WriteCallers): WriteCalls {
  const { admin, reporter, handler, coordinator } = callers;

  /** A fresh township order of the handler's unit, brought to `stage`. */
  async function anOrder(stage: Stage): Promise<string> {
    const report = await submitReport(baseUrl, reporter.token, {
      situations: ['dropout'],
      location: { divisionCode: HOME_TOWN },
      child: {},
    });
    const { id } = await orderOf(baseUrl, handler.token, report.id, 'township');
    if (stage !== 'dispatched') await act(baseUrl, handler.token, id, 'sign');
    if (stage === 'extension') {
      await act(baseUrl, handler.token, id, 'extension', { workingDays: 2, reason: '需要家访' });
    }
    if (stage === 'resolved') await act(baseUrl, handler.token, id, 'resolve', RESOLUTION);
    return id;
  }

  const orderCall =
    (
      action: string,
      stage: Stage,
      token: string,
      body: () => Record<string, unknown> = () => ({}),
    ) =>
    async (): Promise<WriteCall> => {
      const id = await anOrder(stage);
      return {
        token,
        path: `/orders/${id}/${action}`,
        body: body(),
        readBack: async () => [
          { token: coordinator.token, path: `/orders/${id}` },
          // The internal detail of a resolution is kept with its event, shown on no page.
          { sql: 'SELECT text, detail FROM order_events WHERE order_id = ?', id },
        ],
      };
    };

  /** A report filed as `token`, only the township's, resolved so it can be rated or called back. */
  async function aClosedReport(token: string, channel: 'public' | 'hotline'): Promise<string> {
    const report = await submitReport(baseUrl, token, {
      channel,
      situations: ['consultation'],
      location: { divisionCode: HOME_TOWN },
      child: {},
    });
    const { id } = await orderOf(baseUrl, handler.token, report.id, 'township');
    await act(baseUrl, handler.token, id, 'sign');
    await act(baseUrl, handler.token, id, 'resolve', RESOLUTION);
    return report.id;
  }

  /** A child file body no other call made (its own name and guardian phone): never a 409. */
  function aFileBody(): Record<string, unknown> {
    const unique = randomUUID().replace(/\D/g, '').padEnd(8, '0').slice(0, 8);
    return {
      divisionCode: HOME_TOWN,
      child: { name: `走查${unique}`, ageYears: 9, school: '泗城镇中心小学' },
      categories: ['left_behind'],
      guardian: { name: '走查父亲', phone: `139${unique}`, relation: '父亲' },
      carer: { name: '走查祖母', phone: '0557-5012345', relation: '祖母' },
      help: [{ kind: 'paired_teacher', since: '2026-01-05', provider: '王老师', note: '每周一次' }],
      priority: true,
    };
  }

  let holidayYear = 2050;
  /** A school holiday no other call entered (a year of its own): never a 409. */
  const aHolidayBody = () => ({
    countyCode: '341324',
    kind: 'summer',
    startsOn: `${holidayYear++}-07-03`,
  });

  const fileColumns = (id: string): Read[] => [
    {
      sql: 'SELECT child_sealed, guardian_sealed, carer_sealed, help_sealed, close_note FROM child_files WHERE id = ?',
      id,
      sealed: true,
    },
  ];

  let civilHandler: Promise<AuthResponse> | undefined;
  /** A handler of a civil affairs unit covering one village of the home township only. */
  function civilAffairsHandler(): Promise<AuthResponse> {
    civilHandler ??= (async () => {
      const unit = await http<{ id: string }>(baseUrl, 'POST', '/admin/units', {
        token: admin.token,
        body: {
          name: '走查民政所',
          department: 'civil_affairs',
          divisionPrefixes: [HOME_VILLAGE],
        },
      });
      return aSessionWith(baseUrl, { role: 'handler', unitId: unit.body.id });
    })();
    return civilHandler;
  }

  return {
    'POST /children': async () => ({
      token: handler.token,
      path: '/children',
      body: aFileBody(),
      readBack: async (answer) => fileColumns((answer as { id: string }).id),
    }),
    'PATCH /children/:id': async () => {
      const file = await http<{ id: string }>(baseUrl, 'POST', '/children', {
        token: handler.token,
        body: aFileBody(),
      });
      const { child, guardian, carer, help } = aFileBody();
      return {
        token: handler.token,
        path: `/children/${file.body.id}`,
        body: {
          child: { name: (child as { name: string }).name },
          school: '泗县第二中学',
          guardian,
          carer,
          help,
          status: 'closed',
          closeReason: 'other',
          closeNote: '随父母迁往外省',
          priority: false,
        },
        readBack: async () => fileColumns(file.body.id),
      };
    },
    'POST /children/:id/visits': async () => {
      const file = await http<{ id: string }>(baseUrl, 'POST', '/children', {
        token: handler.token,
        body: aFileBody(),
      });
      return {
        token: handler.token,
        path: `/children/${file.body.id}/visits`,
        body: {
          ...aVisit({ at: new Date().toISOString() }),
          report: {
            situations: ['dropout'],
            immediateDanger: false,
            description: '走访时发现孩子已经两周没有上学。',
            address: '泗城镇某村三组',
          },
        },
        headers: { 'idempotency-key': randomUUID() },
        readBack: async () => [
          {
            sql: 'SELECT details_sealed FROM visits WHERE child_file_id = ?',
            id: file.body.id,
            sealed: true,
          },
          {
            sql: 'SELECT description, location_sealed FROM reports WHERE child_file_id = ?',
            id: file.body.id,
            sealed: true,
          },
        ],
      };
    },
    'POST /children/:id/dropout': async () => {
      const file = await http<{ id: string }>(baseUrl, 'POST', '/children', {
        token: handler.token,
        body: aFileBody(),
      });
      return {
        token: handler.token,
        path: `/children/${file.body.id}/dropout`,
        body: { state: 'persuading', note: '学校说孩子已经两周没来上课，家长在外打工。' },
        readBack: async () => [
          {
            sql: 'SELECT text, note_sealed FROM child_file_events WHERE child_file_id = ?',
            id: file.body.id,
            sealed: true,
          },
        ],
      };
    },
    'POST /auth/dev': async () => ({ path: '/auth/dev', body: { openid: `walk-${randomUUID()}` } }),
    'POST /auth/wechat': async () => ({
      path: '/auth/wechat',
      body: { code: `ok:walk-${randomUUID()}` },
      opaque: ['code'],
    }),
    'POST /auth/redeem': async () => {
      const invite = await http<{ code: string }>(baseUrl, 'POST', '/admin/invites', {
        token: admin.token,
        body: { role: 'hotline_operator' },
      });
      const caller = await aReporterSession(baseUrl);
      return {
        token: caller.token,
        path: '/auth/redeem',
        body: { code: invite.body.code },
        opaque: ['code'],
      };
    },
    'POST /reports': async () => ({
      token: reporter.token,
      path: '/reports',
      body: {
        ...aReport({
          location: { divisionCode: HOME_TOWN, latitude: 33.48, longitude: 117.88 },
          reporter: { confidential: false, relation: '老师' },
          child: { name: '小明', school: '泗城镇中心小学', guardianName: '李某' },
        }),
      },
      headers: { 'idempotency-key': randomUUID() },
      readBack: async (answer) => {
        const report = answer as { id: string };
        const order = await orderOf(baseUrl, coordinator.token, report.id, 'township');
        return [{ token: coordinator.token, path: `/orders/${order.id}` }];
      },
    }),
    'POST /reports/:id/rating': async () => {
      const id = await aClosedReport(reporter.token, 'public');
      return {
        token: reporter.token,
        path: `/reports/${id}/rating`,
        body: { score: 4, comment: '很及时' },
        readBack: async () => [{ token: reporter.token, path: `/reports/${id}` }],
      };
    },
    'POST /reports/:id/subscriptions': async () => {
      const report = await submitReport(baseUrl, reporter.token);
      return {
        token: reporter.token,
        path: `/reports/${report.id}/subscriptions`,
        body: { kinds: ['accepted'] },
      };
    },
    'POST /reports/:id/callback': async () => {
      const operator = await aSessionWith(baseUrl, { role: 'hotline_operator' });
      const id = await aClosedReport(operator.token, 'hotline');
      return {
        token: operator.token,
        path: `/reports/${id}/callback`,
        body: { reached: true, score: 4, comment: '来电人表示满意' },
        readBack: async () => [{ sql: 'SELECT callback_comment FROM reports WHERE id = ?', id }],
      };
    },
    'POST /uploads': async () => ({
      token: reporter.token,
      path: '/uploads',
      body: {},
      form: await aPhotoForm(),
    }),
    'POST /admin/units': async () => ({
      token: admin.token,
      path: '/admin/units',
      body: { name: '走查单位', department: 'education', divisionPrefixes: ['341324'] },
      readBack: async () => [{ token: admin.token, path: '/admin/units' }],
    }),
    'PATCH /admin/units/:id': async () => {
      const unit = await http<{ id: string }>(baseUrl, 'POST', '/admin/units', {
        token: admin.token,
        body: { name: '走查派出所', department: 'police', divisionPrefixes: ['341324'] },
      });
      return {
        token: admin.token,
        path: `/admin/units/${unit.body.id}`,
        body: { dutyPhone: '13900000110' },
        readBack: async () => [{ token: admin.token, path: '/admin/units' }],
      };
    },
    'POST /admin/invites': async () => ({
      token: admin.token,
      path: '/admin/invites',
      body: { role: 'mandated_reporter', orgName: '泗县某小学', orgType: 'school' },
      // No route lists invitations: their rows are read where they are kept.
      readBack: async () => [
        { sql: 'SELECT org_name FROM invites WHERE created_by = ?', id: admin.user.id },
      ],
    }),
    'POST /institutions': async () => ({
      token: coordinator.token,
      path: '/institutions',
      body: { ...anInstitutionBody() },
      readBack: async (answer) => [
        {
          sql: 'SELECT name, contact_name, contact_phone FROM institutions WHERE id = ?',
          id: (answer as { id: string }).id,
        },
      ],
    }),
    'PATCH /institutions/:id': async () => {
      const kept = await anInstitution(baseUrl, coordinator.token);
      return {
        token: coordinator.token,
        path: `/institutions/${kept.id}`,
        body: {
          name: `${kept.name}（改）`,
          type: 'kindergarten',
          contactName: '李园长',
          contactPhone: '13900002222',
        },
        readBack: async () => [
          {
            sql: 'SELECT name, contact_name, contact_phone FROM institutions WHERE id = ?',
            id: kept.id,
          },
        ],
      };
    },
    'POST /institutions/:id/invites': async () => ({
      token: coordinator.token,
      path: `/institutions/${(await anInstitution(baseUrl, coordinator.token)).id}/invites`,
      body: {},
    }),
    'POST /institutions/import': async () => {
      const name = `走查学校${randomUUID().slice(0, 8)}`;
      const form = await aSheetForm([
        ['名称', '类型', '区划代码', '联系人'],
        [name, '学校', HOME_TOWN, '走查联系人'],
      ]);
      const bytes = form.get('file') as Blob;
      return {
        token: coordinator.token,
        path: '/institutions/import',
        body: {},
        // A new form each call, as the upload's.
        form: () => {
          const next = new FormData();
          next.append('file', bytes, 'institutions.xlsx');
          return next;
        },
      };
    },
    'POST /admin/users/:id/disable': async () => {
      const target = await aReporterSession(baseUrl);
      return { token: admin.token, path: `/admin/users/${target.user.id}/disable`, body: {} };
    },
    'PUT /admin/calendar/:year': async () => ({
      token: admin.token,
      path: '/admin/calendar/2098',
      body: { days: [{ date: '2098-10-01', working: false, name: '国庆节' }] },
      readBack: async () => [{ token: admin.token, path: '/admin/calendar/2098' }],
    }),
    'POST /admin/school-holidays': async () => ({
      token: admin.token,
      path: '/admin/school-holidays',
      body: aHolidayBody(),
      readBack: async () => [{ token: admin.token, path: '/admin/school-holidays' }],
    }),
    'DELETE /admin/school-holidays/:id': async () => {
      const holiday = await http<{ id: string }>(baseUrl, 'POST', '/admin/school-holidays', {
        token: admin.token,
        body: aHolidayBody(),
      });
      return { token: admin.token, path: `/admin/school-holidays/${holiday.body.id}`, body: {} };
    },
    'PUT /admin/visit-policy': async () => ({
      token: admin.token,
      path: '/admin/visit-policy',
      body: { ...DEFAULT_VISIT_POLICY },
      readBack: async () => [{ token: admin.token, path: '/admin/visit-policy' }],
    }),
    'PUT /admin/clock': async () => ({
      token: admin.token,
      path: '/admin/clock',
      body: { now: new Date().toISOString() },
    }),
    'POST /admin/sla/sweep': async () => ({
      token: admin.token,
      path: '/admin/sla/sweep',
      body: {},
    }),
    'POST /admin/notifications/send': async () => ({
      token: admin.token,
      path: '/admin/notifications/send',
      body: {},
    }),
    'POST /admin/sms/send': async () => ({ token: admin.token, path: '/admin/sms/send', body: {} }),
    'POST /notifications/new-orders/subscriptions': async () => ({
      token: handler.token,
      path: '/notifications/new-orders/subscriptions',
      body: {},
    }),
    'POST /notifications/read': async () => ({
      token: handler.token,
      path: '/notifications/read',
      body: {},
    }),
    'POST /notifications/:id/read': async () => {
      // A new order of the handler's unit puts a message in the handler's inbox.
      const orderId = await anOrder('dispatched');
      const inbox = await http<InboxPage>(baseUrl, 'GET', '/notifications?unread=true', {
        token: handler.token,
      });
      const message = inbox.body.items.find((m) => m.page === orderPage(orderId));
      if (!message) throw new Error(`no message about order ${orderId}`);
      return { token: handler.token, path: `/notifications/${message.id}/read`, body: {} };
    },
    'POST /orders/:id/sign': orderCall('sign', 'dispatched', handler.token),
    'POST /orders/:id/contact': orderCall('contact', 'signed', handler.token, () => ({
      note: '见到了孩子',
      latitude: 33.48,
      longitude: 117.88,
    })),
    'POST /orders/:id/notes': orderCall('notes', 'signed', handler.token, () => ({
      text: '已联系班主任',
      reporterVisible: true,
    })),
    'POST /orders/:id/return': orderCall('return', 'dispatched', handler.token, () => ({
      reason: '不属于本镇',
    })),
    'POST /orders/:id/transfer': orderCall('transfer', 'dispatched', handler.token, () => ({
      unitId: world.units.homeTownship2.id,
      reason: '孩子住在墩集镇',
    })),
    'POST /orders/:id/reassign': orderCall('reassign', 'dispatched', coordinator.token, () => ({
      unitId: world.units.homeTownship2.id,
      reason: '孩子住在墩集镇',
    })),
    'POST /orders/:id/priority': orderCall('priority', 'dispatched', coordinator.token, () => ({
      priority: 'P2',
      reason: '孩子独自在家',
    })),
    'POST /orders/:id/extension': orderCall('extension', 'signed', handler.token, () => ({
      workingDays: 2,
      reason: '需要多次家访',
    })),
    'POST /orders/:id/extension/decision': orderCall(
      'extension/decision',
      'extension',
      coordinator.token,
      () => ({ approve: true, note: '同意' }),
    ),
    'POST /orders/:id/resolve': orderCall('resolve', 'signed', handler.token, () => ({
      ...RESOLUTION,
    })),
    'POST /orders/:id/reopen': orderCall('reopen', 'resolved', coordinator.token, () => ({
      reason: '孩子仍未上学',
    })),
    'POST /orders/:id/handoff': orderCall('handoff', 'signed', handler.token, () => ({
      department: 'civil_affairs',
      reason: '家庭需要低保或临时救助，请民政评估。',
    })),
    'POST /orders/:id/handover': async () => {
      const civil = await civilAffairsHandler();
      const discoveredAt = new Date(Date.now() - 3600_000).toISOString();
      const report = await submitReport(baseUrl, reporter.token, {
        situations: ['living_alone'],
        location: { divisionCode: HOME_VILLAGE },
        child: {},
        discoveredAt,
      });
      const { id } = await orderOf(baseUrl, civil.token, report.id, 'civil_affairs');
      await act(baseUrl, civil.token, id, 'sign');
      return {
        token: civil.token,
        path: `/orders/${id}/handover`,
        body: {
          at: discoveredAt,
          handedOverBy: '村委会主任',
          receivedBy: '民政局工作人员',
          placedAt: '县未成年人救助保护中心',
        },
        // Sealed at rest: the stored texts are read back opened, on the order.
        readBack: async () => [{ token: civil.token, path: `/orders/${id}` }],
      };
    },
  };
}
