import { randomUUID } from 'node:crypto';
import {
  getFromContainer,
  getMetadataStorage,
  validateSync,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { plainToInstance } from 'class-transformer';
import type { AuthResponse } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { Sealer } from '../../src/crypto/sealer';
import { aReporterSession, aSessionWith, anAdminSession } from '../factories/session.factory';
import { aWorld, type World } from '../factories/world.factory';
import {
  writeCalls,
  type Read,
  type WriteCall,
  type WriteCalls,
} from '../factories/write-call.factory';
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

type ErrorBody = { code?: string; errors?: Record<string, string> };

/** The routes that read one multipart file instead of JSON. */
const MULTIPART_ROUTES = ['POST /uploads', 'POST /institutions/import'];

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

describe('input walk: every field of every route', () => {
  let sut: TestApp;
  let wechat: WechatStandIn;
  let world: World;
  let admin: AuthResponse;
  let reporter: AuthResponse;
  let handler: AuthResponse;
  let coordinator: AuthResponse;
  let routes: BodyRoute[];
  let calls: WriteCalls;

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
    calls = writeCalls(sut.baseUrl, world, { admin, reporter, handler, coordinator });
  });

  afterAll(async () => {
    await sut.close();
    await wechat.close();
  });

  const send = <T = ErrorBody>(route: BodyRoute, call: WriteCall, body: unknown, ascii = false) =>
    http<T>(sut.baseUrl, route.method, call.path, {
      token: call.token,
      ...(ascii ? { rawBody: asciiJson(body) } : { body }),
      // A fresh Idempotency-Key each time: every variant is a new request.
      headers: call.headers && { ...call.headers, 'idempotency-key': randomUUID() },
    });

  /** What a read returns, as text to search for the values sent. */
  async function readText(read: Read): Promise<string> {
    if ('sql' in read) {
      const rows: Record<string, unknown>[] = await sut.app
        .get(DataSource)
        .query(read.sql, [read.id]);
      const sealer = sut.app.get(Sealer);
      const open = (value: unknown) =>
        read.sealed && typeof value === 'string' && value.startsWith('v2:')
          ? sealer.open(value)
          : value;
      return JSON.stringify(
        rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, open(v)]))),
      );
    }
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
        .filter((route) => !calls[route.key])
        .map((route) => route.key),
    ).toEqual([]);
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
      if (stored.length === 0) {
        failures.push(`${route.key}: stores text but names nowhere to read it back`);
        continue;
      }
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
          ? WRONG[field.kind].filter((wrong) => wrong !== null)
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
  }, 120_000);

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
  }, 120_000);

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

  it('refuses a page past the last, or written in exponent form, on every list', async () => {
    const lists = routeDtos(sut.app).filter((dto) =>
      getMetadataStorage()
        .getTargetValidationMetadatas(dto, '', true, false)
        .some((rule) => rule.propertyName === 'page'),
    );
    const pageErrors = (dto: (typeof lists)[number], page: string) =>
      validateSync(plainToInstance(dto as new () => object, { page })).filter(
        (e) => e.property === 'page',
      );
    const failures: string[] = [];
    for (const dto of lists) {
      for (const page of ['100001', '1e21', '99999999999999999999', '0', '1.5']) {
        if (pageErrors(dto, page).length === 0) failures.push(`${dto.name} page=${page} accepted`);
      }
      if (pageErrors(dto, '100000').length > 0) failures.push(`${dto.name} page=100000 refused`);
    }

    expect(failures).toEqual([]);
    expect(lists.length).toBeGreaterThanOrEqual(5);
    const answer = await http<ErrorBody>(sut.baseUrl, 'GET', '/notifications?page=1e21', {
      token: reporter.token,
    });
    expect(answer.status).toBe(400);
    expect(answer.body?.errors?.page).toBe('页码最大为100000');
  });

  it('holds each list to its own page size, from 1 to its limit, on every list', async () => {
    // Each list's limit: what one screen or one export of it reads at once.
    const LIMITS: Record<string, number> = {
      AuditQueryDto: 200,
      ChildFileListQueryDto: 50,
      ClockOrdersQueryDto: 50,
      DueVisitListQueryDto: 50,
      InstitutionListQueryDto: 100,
      OrderListQueryDto: 100,
    };
    const lists = routeDtos(sut.app).filter((dto) =>
      getMetadataStorage()
        .getTargetValidationMetadatas(dto, '', true, false)
        .some((rule) => rule.propertyName === 'pageSize'),
    );
    const pageSizeErrors = (dto: (typeof lists)[number], pageSize: string) =>
      validateSync(plainToInstance(dto as new () => object, { pageSize }))
        .filter((e) => e.property === 'pageSize')
        .flatMap((e) => Object.values(e.constraints ?? {}));
    const found: Record<string, number> = {};
    const failures: string[] = [];
    for (const dto of lists) {
      const limit = LIMITS[dto.name];
      found[dto.name] = limit;
      if (limit === undefined) continue;
      for (const pageSize of ['1', String(limit)]) {
        const errors = pageSizeErrors(dto, pageSize);
        if (errors.length > 0) failures.push(`${dto.name} pageSize=${pageSize}: ${errors}`);
      }
      for (const [pageSize, message] of [
        [String(limit + 1), `每页最多${limit}条`],
        ['0', '每页至少1条'],
        ['1.5', '每页条数应为整数'],
        ['1e21', `每页最多${limit}条`],
      ]) {
        if (!pageSizeErrors(dto, pageSize).includes(message)) {
          failures.push(`${dto.name} pageSize=${pageSize}: not ${message}`);
        }
      }
    }

    expect(found).toEqual(LIMITS);
    expect(failures).toEqual([]);
    const answer = await http<ErrorBody>(sut.baseUrl, 'GET', '/orders?pageSize=101', {
      token: handler.token,
    });
    expect([answer.status, answer.body?.errors?.pageSize]).toEqual([400, '每页最多100条']);
  });

  it('refuses JSON nested thousands of levels deep on every route, logged in or not', async () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const failures: string[] = [];
    // The upload and the register's import read multipart, so they refuse any JSON as the wrong type (415).
    const writes = routes.filter(
      (r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && !MULTIPART_ROUTES.includes(r.key),
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
          : route.access?.includes('coordinator')
            ? coordinator.token
            : reporter.token;
    const bodiless = routes.filter(
      (r) =>
        ['POST', 'PUT', 'PATCH'].includes(r.method) && !r.dto && !MULTIPART_ROUTES.includes(r.key),
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
