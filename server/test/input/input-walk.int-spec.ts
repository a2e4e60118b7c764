import { randomUUID } from 'node:crypto';
import {
  getFromContainer,
  getMetadataStorage,
  type ValidatorConstraintInterface,
} from 'class-validator';
import type { AuthResponse } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aReport } from '../factories/report.factory';
import { aReporterSession, aSessionWith, anAdminSession } from '../factories/session.factory';
import { HOME_TOWN, aWorld, type World } from '../factories/world.factory';
import {
  asciiJson,
  bodyFields,
  bodyRoutes,
  largestBodyBytes,
  routeDtos,
  withValue,
  type BodyField,
  type BodyRoute,
} from '../setup/body-fields';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { startWechatStandIn, type WechatStandIn } from '../setup/wechat-stand-in';

interface Call {
  token?: string;
  path: string;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Where what was stored can be read back; each is fetched after a 2xx. */
  readBack?: (answer: unknown) => Promise<Read[]>;
  /** Fields that name something (a code), not text to store: any answer but 500 or a refusal of the field. */
  opaque?: string[];
}

type Read = { token: string; path: string } | { sql: string; id: string };

type ErrorBody = { code?: string; errors?: Record<string, string> };

/** The i-th field's text: a character outside the BMP (4 bytes in utf8mb4, 2 UTF-16 units). */
const maxText = (i: number, max: number) => String.fromCodePoint(0x20000 + i).repeat(max);

/** Values of the wrong type for each kind of field. */
const WRONG: Record<BodyField['kind'], unknown[]> = {
  text: [12345, ['文字']],
  string: [12345, { a: 1 }],
  enum: ['no_such_value', 1],
  number: ['12', [1]],
  boolean: ['true', 1],
  object: [[{}], 'x', null],
  array: [{ 0: 'x' }, 'x'],
  unbounded: [12345],
};

const RESOLUTION = {
  outcome: 'returned_to_school',
  reporterSummary: '孩子已回到学校上课。',
  detail: '与家长面谈两次。',
};

describe('input walk: every field of every route', () => {
  let sut: TestApp;
  let wechat: WechatStandIn;
  let world: World;
  let admin: AuthResponse;
  let reporter: AuthResponse;
  let handler: AuthResponse;
  let coordinator: AuthResponse;
  let routes: BodyRoute[];

  beforeAll(async () => {
    wechat = await startWechatStandIn();
    sut = await startTestApp({ env: { ...wechat.env, SIMULATED_CLOCK: 'true' } });
    world = await aWorld(sut.baseUrl);
    admin = await anAdminSession(sut.baseUrl);
    reporter = await aReporterSession(sut.baseUrl);
    handler = await aSessionWith(sut.baseUrl, {
      role: 'handler',
      unitId: world.units.homeTownship.id,
    });
    coordinator = await aSessionWith(sut.baseUrl, {
      role: 'coordinator',
      unitId: world.units.homeCoordinator.id,
    });
    routes = bodyRoutes(sut.app);
  });

  afterAll(async () => {
    await sut.close();
    await wechat.close();
  });

  type Stage = 'dispatched' | 'signed' | 'extension' | 'resolved';

  /** A fresh township order of the handler's unit, brought to `stage`. */
  async function anOrder(stage: Stage): Promise<string> {
    const report = await submitReport(sut.baseUrl, reporter.token, {
      situations: ['dropout'],
      location: { divisionCode: HOME_TOWN },
      child: {},
    });
    const { id } = await orderOf(sut.baseUrl, handler.token, report.id, 'township');
    if (stage !== 'dispatched') await act(sut.baseUrl, handler.token, id, 'sign');
    if (stage === 'extension') {
      await act(sut.baseUrl, handler.token, id, 'extension', {
        workingDays: 2,
        reason: '需要家访',
      });
    }
    if (stage === 'resolved') await act(sut.baseUrl, handler.token, id, 'resolve', RESOLUTION);
    return id;
  }

  const orderCall =
    (action: string, stage: Stage, token: () => string, body: () => Record<string, unknown>) =>
    async (): Promise<Call> => {
      const id = await anOrder(stage);
      return {
        token: token(),
        path: `/orders/${id}/${action}`,
        body: body(),
        readBack: async () => [
          { token: coordinator.token, path: `/orders/${id}` },
          // The internal detail of a resolution is kept with its event, shown on no page.
          { sql: 'SELECT text, detail FROM order_events WHERE order_id = ?', id },
        ],
      };
    };

  /** A valid request for every route that takes a JSON body; the walk fails for a route without one. */
  const calls: Record<string, () => Promise<Call>> = {
    'POST /auth/dev': async () => ({ path: '/auth/dev', body: { openid: `walk-${randomUUID()}` } }),
    'POST /auth/wechat': async () => ({
      path: '/auth/wechat',
      body: { code: `ok:walk-${randomUUID()}` },
      opaque: ['code'],
    }),
    'POST /auth/redeem': async () => {
      const invite = await http<{ code: string }>(sut.baseUrl, 'POST', '/admin/invites', {
        token: admin.token,
        body: { role: 'hotline_operator' },
      });
      const caller = await aReporterSession(sut.baseUrl);
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
        const order = await orderOf(sut.baseUrl, coordinator.token, report.id, 'township');
        return [{ token: coordinator.token, path: `/orders/${order.id}` }];
      },
    }),
    'POST /reports/:id/rating': async () => {
      const report = await submitReport(sut.baseUrl, reporter.token, {
        situations: ['consultation'],
        location: { divisionCode: HOME_TOWN },
        child: {},
      });
      const { id } = await orderOf(sut.baseUrl, handler.token, report.id, 'township');
      await act(sut.baseUrl, handler.token, id, 'sign');
      await act(sut.baseUrl, handler.token, id, 'resolve', RESOLUTION);
      return {
        token: reporter.token,
        path: `/reports/${report.id}/rating`,
        body: { score: 4, comment: '很及时' },
        readBack: async () => [{ token: reporter.token, path: `/reports/${report.id}` }],
      };
    },
    'POST /reports/:id/subscriptions': async () => {
      const report = await submitReport(sut.baseUrl, reporter.token);
      return {
        token: reporter.token,
        path: `/reports/${report.id}/subscriptions`,
        body: { kinds: ['accepted'] },
      };
    },
    'POST /admin/units': async () => ({
      token: admin.token,
      path: '/admin/units',
      body: { name: '走查单位', department: 'education', divisionPrefixes: ['341324'] },
      readBack: async () => [{ token: admin.token, path: '/admin/units' }],
    }),
    'PATCH /admin/units/:id': async () => {
      const unit = await http<{ id: string }>(sut.baseUrl, 'POST', '/admin/units', {
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
    'POST /reports/:id/callback': async () => {
      const operator = await aSessionWith(sut.baseUrl, { role: 'hotline_operator' });
      const report = await submitReport(sut.baseUrl, operator.token, {
        channel: 'hotline',
        situations: ['consultation'],
        location: { divisionCode: HOME_TOWN },
        child: {},
      });
      const { id } = await orderOf(sut.baseUrl, handler.token, report.id, 'township');
      await act(sut.baseUrl, handler.token, id, 'sign');
      await act(sut.baseUrl, handler.token, id, 'resolve', RESOLUTION);
      return {
        token: operator.token,
        path: `/reports/${report.id}/callback`,
        body: { reached: true, score: 4, comment: '来电人表示满意' },
        readBack: async () => [
          { sql: 'SELECT callback_comment FROM reports WHERE id = ?', id: report.id },
        ],
      };
    },
    'POST /admin/invites': async () => ({
      token: admin.token,
      path: '/admin/invites',
      body: { role: 'mandated_reporter', orgName: '泗县某小学', orgType: 'school' },
    }),
    'PUT /admin/calendar/:year': async () => ({
      token: admin.token,
      path: '/admin/calendar/2098',
      body: { days: [{ date: '2098-10-01', working: false, name: '国庆节' }] },
      readBack: async () => [{ token: admin.token, path: '/admin/calendar/2098' }],
    }),
    'PUT /admin/clock': async () => ({
      token: admin.token,
      path: '/admin/clock',
      body: { now: new Date().toISOString() },
    }),
    'POST /orders/:id/contact': orderCall(
      'contact',
      'signed',
      () => handler.token,
      () => ({ note: '见到了孩子', latitude: 33.48, longitude: 117.88 }),
    ),
    'POST /orders/:id/notes': orderCall(
      'notes',
      'signed',
      () => handler.token,
      () => ({ text: '已联系班主任', reporterVisible: true }),
    ),
    'POST /orders/:id/return': orderCall(
      'return',
      'dispatched',
      () => handler.token,
      () => ({ reason: '不属于本镇' }),
    ),
    'POST /orders/:id/transfer': orderCall(
      'transfer',
      'dispatched',
      () => handler.token,
      () => ({ unitId: world.units.homeTownship2.id, reason: '孩子住在墩集镇' }),
    ),
    'POST /orders/:id/reassign': orderCall(
      'reassign',
      'dispatched',
      () => coordinator.token,
      () => ({ unitId: world.units.homeTownship2.id, reason: '孩子住在墩集镇' }),
    ),
    'POST /orders/:id/priority': orderCall(
      'priority',
      'dispatched',
      () => coordinator.token,
      () => ({ priority: 'P2', reason: '孩子独自在家' }),
    ),
    'POST /orders/:id/extension': orderCall(
      'extension',
      'signed',
      () => handler.token,
      () => ({ workingDays: 2, reason: '需要多次家访' }),
    ),
    'POST /orders/:id/extension/decision': orderCall(
      'extension/decision',
      'extension',
      () => coordinator.token,
      () => ({ approve: true, note: '同意' }),
    ),
    'POST /orders/:id/resolve': orderCall(
      'resolve',
      'signed',
      () => handler.token,
      () => ({
        ...RESOLUTION,
      }),
    ),
    'POST /orders/:id/reopen': orderCall(
      'reopen',
      'resolved',
      () => coordinator.token,
      () => ({ reason: '孩子仍未上学' }),
    ),
  };

  const send = <T = ErrorBody>(route: BodyRoute, call: Call, body: unknown, ascii = false) =>
    http<T>(sut.baseUrl, route.method, call.path, {
      token: call.token,
      ...(ascii ? { rawBody: asciiJson(body) } : { body }),
      // A fresh Idempotency-Key each time: every variant is a new request.
      headers: call.headers && { ...call.headers, 'idempotency-key': randomUUID() },
    });

  /** What a read returns, as text to search for the values sent. */
  async function readText(read: Read): Promise<string> {
    if ('sql' in read)
      return JSON.stringify(await sut.app.get(DataSource).query(read.sql, [read.id]));
    return JSON.stringify((await http(sut.baseUrl, 'GET', read.path, { token: read.token })).body);
  }

  const withDto = () => routes.filter((route) => route.dto);

  it('has a valid request for every route with a JSON body, and a maximum for every string field', () => {
    const unbounded = withDto().flatMap((route) =>
      bodyFields(route.dto as never)
        .filter((field) => field.kind === 'unbounded')
        .map((field) => `${route.key} ${field.path}`),
    );

    expect(
      withDto()
        .map((r) => r.key)
        .sort(),
    ).toEqual(Object.keys(calls).sort());
    expect(unbounded).toEqual([]);
  });

  it('fits the largest valid body of every route, ASCII-escaped, within the body limit', () => {
    const over = withDto()
      .map((route) => ({ route: route.key, bytes: largestBodyBytes(route.dto as never) }))
      .filter(({ bytes }) => bytes > sut.config.bodyLimitBytes);

    expect(over).toEqual([]);
  });

  it('stores every text field at its maximum, in 4-byte characters sent ASCII-escaped, intact', async () => {
    const failures: string[] = [];
    let walked = 0;
    for (const route of withDto()) {
      const call = await calls[route.key]();
      const texts = bodyFields(route.dto as never).filter(
        (field) => field.kind === 'text' && !call.opaque?.includes(field.path),
      );
      if (texts.length === 0) continue;
      let body: unknown = call.body;
      const values = texts.map((field, i) => maxText(walked + i, field.limit?.max ?? 0));
      texts.forEach((field, i) => (body = withValue(body, field.path, values[i])));
      walked += texts.length;
      const answer = await send<unknown>(route, call, body, true);
      if (answer.status >= 300) {
        failures.push(`${route.key}: ${answer.status} ${JSON.stringify(answer.body)}`);
        continue;
      }
      const stored = await Promise.all(((await call.readBack?.(answer.body)) ?? []).map(readText));
      if (stored.length === 0) continue;
      texts.forEach((field, i) => {
        if (!stored.some((text) => text.includes(values[i]))) {
          failures.push(`${route.key} ${field.path}: not read back intact`);
        }
      });
    }

    expect(failures).toEqual([]);
    expect(walked).toBeGreaterThan(20);
  });

  async function storedRows(): Promise<Record<string, number>> {
    const db = sut.app.get(DataSource);
    const counts: Record<string, number> = {};
    for (const table of [
      'reports',
      'orders',
      'order_events',
      'report_events',
      'units',
      'invites',
    ]) {
      const [row] = (await db.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number }[];
      counts[table] = Number(row.n);
    }
    return counts;
  }

  it('refuses a value of the wrong type in every field with 400 naming it, and stores nothing', async () => {
    const prepared = await Promise.all(
      withDto().map(async (route) => ({ route, call: await calls[route.key]() })),
    );
    const before = await storedRows();
    const failures: string[] = [];
    let sent = 0;
    for (const { route, call } of prepared) {
      for (const field of bodyFields(route.dto as never)) {
        // null is no value of any type: refused unless the field clears with it on purpose.
        const wrongs = field.nullable
          ? WRONG[field.kind]
          : [...new Set([...WRONG[field.kind], null])];
        for (const wrong of wrongs) {
          const answer = await send(route, call, withValue(call.body, field.path, wrong));
          sent++;
          const named = Object.keys(answer.body?.errors ?? {}).some(
            (key) => key === field.path || key.startsWith(`${field.path}.`),
          );
          const message = answer.body?.errors?.[field.path];
          // null reads as a missing value, so the message that asks for the field is the right one.
          const misleading =
            wrong !== null && message !== undefined && field.otherMessages.includes(message);
          if (
            answer.status !== 400 ||
            answer.body?.code !== 'VALIDATION_FAILED' ||
            !named ||
            misleading
          ) {
            failures.push(
              `${route.key} ${field.path}=${JSON.stringify(wrong)}: ${answer.status} ${JSON.stringify(answer.body)}`,
            );
          }
        }
      }
    }

    expect(failures).toEqual([]);
    expect(await storedRows()).toEqual(before);
    expect(sent).toBeGreaterThan(50);
  });

  it('treats a text of spaces, zero-width or filler characters as empty in every text field', async () => {
    const blanks = [
      '   ',
      '\u3000\u3000',
      ' \n\t ',
      '\u200B'.repeat(12),
      '\u3164'.repeat(12),
      '\u2800'.repeat(12),
      '\u200D\u200C\u2060\uFEFF'.repeat(3),
      '\u115F\u1160\uFFA0'.repeat(4),
    ];
    const failures: string[] = [];
    for (const route of withDto()) {
      const call = await calls[route.key]();
      for (const field of bodyFields(route.dto as never).filter((f) => f.kind === 'text')) {
        for (const blank of blanks) {
          const answer = await send(route, call, withValue(call.body, field.path, blank));
          if (answer.status !== 400 || !answer.body?.errors?.[field.path]) {
            failures.push(`${route.key} ${field.path}=${JSON.stringify(blank)}: ${answer.status}`);
          }
        }
      }
    }

    expect(failures).toEqual([]);
  });

  it('refuses control characters (NUL, ESC…) anywhere in every text field, with a Chinese message', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const route of withDto()) {
      const call = await calls[route.key]();
      for (const field of bodyFields(route.dto as never).filter((f) => f.kind === 'text')) {
        for (const control of ['\u0000', '\u001B', '\u007F']) {
          const text = `孩子需要帮助${control}请尽快处理`;
          const answer = await send(route, call, withValue(call.body, field.path, text));
          sent++;
          const message = answer.body?.errors?.[field.path] ?? '';
          if (answer.status !== 400 || !/控制字符/.test(message)) {
            failures.push(`${route.key} ${field.path}=${JSON.stringify(text)}: ${answer.status}`);
          }
        }
      }
    }

    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(50);
  });

  it('refuses half a surrogate pair in every string field with 400 naming it, and stores nothing', async () => {
    const prepared = await Promise.all(
      withDto().map(async (route) => ({ route, call: await calls[route.key]() })),
    );
    const before = await storedRows();
    const failures: string[] = [];
    let sent = 0;
    for (const { route, call } of prepared) {
      for (const field of bodyFields(route.dto as never)) {
        if (['number', 'boolean', 'object'].includes(field.kind)) continue;
        const broken = '孩子被打了\ud800很严重';
        const value = field.kind === 'array' ? [broken] : broken;
        const answer = await send(route, call, withValue(call.body, field.path, value));
        sent++;
        const named = Object.keys(answer.body?.errors ?? {}).some(
          (key) => key === field.path || key.startsWith(`${field.path}.`),
        );
        if (answer.status !== 400 || !named) {
          failures.push(
            `${route.key} ${field.path}: ${answer.status} ${JSON.stringify(answer.body)}`,
          );
        }
      }
    }

    expect(failures).toEqual([]);
    expect(await storedRows()).toEqual(before);
    expect(sent).toBeGreaterThan(30);
  });

  it('has a Chinese message for every rule of every body and query DTO', () => {
    const english: string[] = [];
    let rules = 0;
    for (const dto of routeDtos(sut.app)) {
      for (const rule of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
        if (rule.type !== 'customValidation') continue;
        rules++;
        const args = {
          value: undefined,
          constraints: rule.constraints,
          targetName: dto.name,
          object: {},
          property: rule.propertyName,
        };
        const message =
          typeof rule.message === 'function'
            ? rule.message(args)
            : (rule.message ??
              getFromContainer<ValidatorConstraintInterface>(rule.constraintCls).defaultMessage?.(
                args,
              ) ??
              '');
        if (!/[\u4e00-\u9fff]/.test(message)) {
          english.push(`${dto.name}.${rule.propertyName} ${rule.name}: ${message}`);
        }
      }
    }

    expect(english).toEqual([]);
    expect(rules).toBeGreaterThan(50);
  });

  it('refuses JSON nested thousands of levels deep on every route, logged in or not', async () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const failures: string[] = [];
    // The upload reads multipart, so it refuses any JSON as the wrong type (415).
    const writes = routes.filter(
      (r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && r.key !== 'POST /uploads',
    );
    for (const route of writes) {
      const path = route.key.split(' ')[1].replace(/:[A-Za-z]+/g, randomUUID());
      for (const token of [undefined, admin.token]) {
        const answer = await http<ErrorBody>(sut.baseUrl, route.method, path, {
          token,
          rawBody: deep,
          headers: { 'idempotency-key': randomUUID() },
        });
        if (answer.status !== 400 || answer.body?.code !== 'VALIDATION_FAILED') {
          failures.push(`${route.key} ${token ? 'admin' : 'anonymous'}: ${answer.status}`);
        }
      }
    }

    expect(failures).toEqual([]);
    expect(writes.length).toBeGreaterThan(20);
  });

  it('refuses an unknown field on every route that takes no body', async () => {
    const sessionFor = (route: BodyRoute): string =>
      route.access?.includes('admin')
        ? admin.token
        : route.access?.includes('handler')
          ? handler.token
          : reporter.token;
    const bodiless = routes.filter(
      (r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && !r.dto && r.key !== 'POST /uploads',
    );
    const failures: string[] = [];
    for (const route of bodiless) {
      const path = route.key.split(' ')[1].replace(/:[A-Za-z]+/g, randomUUID());
      const answer = await http<ErrorBody>(sut.baseUrl, route.method, path, {
        token: sessionFor(route),
        body: { x: 1 },
      });
      if (answer.status !== 400 || !answer.body?.errors?.x) {
        failures.push(`${route.key}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    }

    expect(failures).toEqual([]);
    expect(bodiless.map((r) => r.emptyBody)).not.toContain(false);
  });

  it.each([
    ['without a boundary', 'multipart/form-data', 'x'],
    [
      'cut short',
      'multipart/form-data; boundary=XYZ',
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\u0089PNG',
    ],
  ])('refuses an upload %s with 400', async (_case, type, raw) => {
    const answer = await http<ErrorBody>(sut.baseUrl, 'POST', '/uploads', {
      token: reporter.token,
      rawBody: raw,
      headers: { 'content-type': type },
    });

    expect(answer.status).toBe(400);
    expect(answer.body?.code).toBe('VALIDATION_FAILED');
  });
});
