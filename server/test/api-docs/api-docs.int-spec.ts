import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import {
  ACTION_REFUSAL_CODES,
  HANDOFF_ROUTE_REFUSALS,
  HANDOVER_ROUTE_REFUSALS,
  ERROR_CODES,
  FORM_CHANNELS,
  ORDER_ACTIONS,
  REFUSAL_CODES,
  idNumberCheckCharacter,
  type AuthResponse,
  type OrderAction,
} from '@shouhu/shared';
import { undescribedRules } from '../../src/api-docs/dto-schemas';
import { SAFE_REQUEST_ID } from '../../src/logging/request-id';
import { aWorld, sessionsFor, type RoleName } from '../factories/world.factory';
import { writeCalls, type WriteCall, type WriteCalls } from '../factories/write-call.factory';
import { bodyRoutes, routeDtos, type BodyRoute } from '../setup/body-fields';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { startWechatStandIn, type WechatStandIn } from '../setup/wechat-stand-in';
import { EVERY_ROUTE_ENV } from '../setup/every-route-env';

type Schema = SchemaObject | ReferenceObject;

const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** `POST /orders/:id/sign` → the document's `/api/v1/orders/{id}/sign` `post`. */
function operationOf(document: OpenAPIObject, route: BodyRoute): OperationObject | undefined {
  const [method, path] = route.key.split(' ');
  const item = document.paths[`/api/v1${path.replace(/:(\w+)/g, '{$1}')}`];
  return item?.[method.toLowerCase() as 'get'];
}

function resolve(document: OpenAPIObject, schema: Schema): SchemaObject {
  if (!('$ref' in schema)) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  return document.components?.schemas?.[name] as SchemaObject;
}

/**
 * Every schema reachable from `schema`, with where it is: references followed once, the
 * combinators and nested properties, items and maps walked.
 */
function* schemasUnder(
  document: OpenAPIObject,
  schema: Schema,
  where: string,
  seen = new Set<string>(),
): Generator<[string, SchemaObject]> {
  if ('$ref' in schema) {
    if (seen.has(schema.$ref)) return;
    seen.add(schema.$ref);
    yield* schemasUnder(document, resolve(document, schema), schema.$ref, seen);
    return;
  }
  yield [where, schema];
  const children: [string, Schema][] = [
    ...Object.entries(schema.properties ?? {}).map(([name, s]): [string, Schema] => [name, s]),
    ...(schema.items ? [['[]', schema.items] as [string, Schema]] : []),
    ...(typeof schema.additionalProperties === 'object'
      ? [['{}', schema.additionalProperties] as [string, Schema]]
      : []),
    ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].map(
      (s, i): [string, Schema] => [`|${i}`, s],
    ),
  ];
  for (const [step, child] of children)
    yield* schemasUnder(document, child, `${where}.${step}`, seen);
}

/**
 * What is wrong with a schema a client would generate a type from: nothing at all (`{}`), or an
 * object that names no field, unless it is a map (`additionalProperties` with a schema) or
 * explicitly takes nothing (`maxProperties: 0`).
 */
function emptiness(schema: SchemaObject): string | null {
  const keys = Object.keys(schema).filter((key) => key !== 'description');
  if (keys.length === 0) return 'empty schema';
  const object = schema.type === 'object' || schema.properties !== undefined;
  const named = Object.keys(schema.properties ?? {}).length > 0;
  const map = typeof schema.additionalProperties === 'object';
  if (object && !named && !map && schema.maxProperties !== 0) return 'object without properties';
  return null;
}

/** Refs of the document point at its root; inside Ajv the document is the schema `doc`. */
function relinked(schema: Schema): object {
  return JSON.parse(
    JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'),
  ) as object;
}

/** A valid 身份证号 of a child of 泗县 born on `birthDate`. */
function anIdNumber(birthDate: string): string {
  const first17 = `341324${birthDate.replaceAll('-', '')}001`;
  return first17 + idNumberCheckCharacter(first17);
}

/** A valid call changed so that the route's service refuses it, and what that breaks. */
type Probe = [breaks: string, change: (call: WriteCall) => WriteCall];

const withBody =
  (change: (body: Record<string, unknown>) => Record<string, unknown>) => (call: WriteCall) => ({
    ...call,
    body: change(call.body),
  });

/** Changes one part of the report body, keeping the rest. */
const withReport = (part: 'child' | 'reporter' | 'location', fields: Record<string, unknown>) =>
  withBody((body) => ({ ...body, [part]: { ...(body[part] as object), ...fields } }));

const IN_TWO_HOURS = () => new Date(Date.now() + 2 * 3600_000).toISOString();

/**
 * Requests each route's schema lets through and its service refuses (400, 403, 409), by route:
 * the rules a client cannot read from the fields' own checks.
 */
const SERVICE_REFUSALS: Record<string, Probe[]> = {
  'POST /reports': [
    ['a discovery in the future', withBody((body) => ({ ...body, discoveredAt: IN_TWO_HOURS() }))],
    ['an adult', withReport('child', { birthDate: '2000-01-01' })],
    [
      'an ID number of another birth date',
      withReport('child', { birthDate: '2016-05-01', idNumber: anIdNumber('2014-01-01') }),
    ],
    [
      'an age far from the birth date',
      withReport('child', { birthDate: '2016-05-01', ageYears: 1 }),
    ],
    ['a named anonymous reporter', withReport('reporter', { anonymous: true })],
    ['SMS consent outside the hotline', withReport('reporter', { smsConsent: true })],
    ['a division that does not exist', withReport('location', { divisionCode: '341324999' })],
    [
      'an attachment nobody uploaded',
      withBody((body) => ({ ...body, attachments: [randomUUID()] })),
    ],
    [
      'a mandatory report of a plain reporter',
      withBody((body) => ({ ...body, channel: 'mandatory' })),
    ],
  ],
  'POST /orders/:id/contact': [
    ['a contact in the future', withBody(() => ({ at: IN_TWO_HOURS() }))],
  ],
  'POST /orders/:id/transfer': [
    ['a unit that does not exist', withBody((body) => ({ ...body, unitId: randomUUID() }))],
  ],
  'POST /orders/:id/reassign': [
    ['a unit that does not exist', withBody((body) => ({ ...body, unitId: randomUUID() }))],
  ],
  'POST /orders/:id/extension': [
    ['no working days for a township order', withBody(() => ({ reason: '需要家访' }))],
  ],
  'POST /orders/:id/resolve': [
    [
      'a police outcome of a township order',
      withBody((body) => ({ ...body, outcome: 'case_filed' })),
    ],
  ],
  'POST /admin/units': [
    ['a parent that does not exist', withBody((body) => ({ ...body, parentId: randomUUID() }))],
    [
      'a division that does not exist',
      withBody((body) => ({ ...body, divisionPrefixes: ['349999'] })),
    ],
  ],
  'POST /admin/invites': [
    ['a handler with an organisation', withBody(() => ({ role: 'handler', orgName: '某校' }))],
    [
      'a hotline operator in a unit',
      withBody(() => ({ role: 'hotline_operator', unitId: randomUUID() })),
    ],
    [
      'a mandated reporter without an organisation',
      withBody(() => ({ role: 'mandated_reporter' })),
    ],
  ],
  'POST /auth/redeem': [['a code nobody issued', withBody(() => ({ code: 'ABCD2345' }))]],
  'PUT /admin/calendar/:year': [
    ['a day of another year', withBody(() => ({ days: [{ date: '2097-10-01', working: false }] }))],
  ],
  'POST /reports/:id/callback': [
    ['a reached caller without a score', withBody(() => ({ reached: true }))],
  ],
  'POST /reports/:id/subscriptions': [
    ['a kind without a template', withBody(() => ({ kinds: ['progress'] }))],
  ],
};

/** The action of each order route (`POST /orders/:id/extension/decision` → `extension_decision`). */
const ORDER_ROUTE_ACTIONS: Record<string, OrderAction> = {
  'POST /orders/:id/sign': 'sign',
  'POST /orders/:id/contact': 'contact',
  'POST /orders/:id/notes': 'note',
  'POST /orders/:id/return': 'return',
  'POST /orders/:id/transfer': 'transfer',
  'POST /orders/:id/reassign': 'reassign',
  'POST /orders/:id/priority': 'priority',
  'POST /orders/:id/extension': 'extension',
  'POST /orders/:id/extension/decision': 'extension_decision',
  'POST /orders/:id/resolve': 'resolve',
  'POST /orders/:id/reopen': 'reopen',
};

/** The error codes an operation documents for `status`. */
function documentedCodes(operation: OperationObject, status: string): string[] {
  const schema = (
    operation.responses[status] as { content?: Record<string, { schema: SchemaObject }> }
  )?.content?.['application/json']?.schema;
  return ((schema?.properties?.code as SchemaObject | undefined)?.enum ?? []) as string[];
}

/** Every text a person reads in Swagger UI: the info, and each description and summary. */
function* texts(value: unknown, where = ''): Generator<[string, string]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* texts(item, `${where}/${i}`);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if ((key === 'description' || key === 'summary') && typeof inner === 'string') {
        yield [`${where}/${key}`, inner];
      } else {
        yield* texts(inner, `${where}/${key}`);
      }
    }
  }
}

/** Whether `GET /orders/:id` is the route of the path `/orders/5f…`. */
function matches(key: string, path: string): boolean {
  const pattern = key.split(' ')[1].replace(/:\w+/g, '[^/]+');
  return new RegExp(`^${pattern}$`).test(path.split('?')[0]);
}

describe('API docs: a contract a client can be built from', () => {
  let sut: TestApp;
  let wechat: WechatStandIn;
  let document: OpenAPIObject;
  let routes: BodyRoute[];
  let builders: WriteCalls;
  let sessions: Record<RoleName, AuthResponse | null>;
  /** A valid request of each write route, by route key. */
  const calls: Record<string, WriteCall> = {};

  beforeAll(async () => {
    wechat = await startWechatStandIn();
    sut = await startTestApp({ env: { ...wechat.env, ...EVERY_ROUTE_ENV } });
    const answer = await fetch(`${new URL(sut.baseUrl).origin}/api/docs-json`);
    document = (await answer.json()) as OpenAPIObject;
    routes = bodyRoutes(sut.app);
    const world = await aWorld(sut.baseUrl);
    sessions = await sessionsFor(sut.baseUrl, world);
    const session = (role: 'admin' | 'reporter' | 'handler' | 'coordinator') =>
      sessions[role] as AuthResponse;
    builders = writeCalls(sut.baseUrl, world, {
      admin: session('admin'),
      reporter: session('reporter'),
      handler: session('handler'),
      coordinator: session('coordinator'),
    });
    for (const route of routes.filter((r) => WRITE_METHODS.includes(r.method))) {
      const build = builders[route.key];
      if (build) calls[route.key] = await build();
    }
  }, 120_000);

  afterAll(async () => {
    await sut.close();
    await wechat.close();
  });

  /** Every route with its operation; the first test fails for any route without one. */
  const operations = () =>
    routes.flatMap((route) => {
      const operation = operationOf(document, route);
      return operation ? [{ route, operation }] : [];
    });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(document as never);

    expect(document.openapi).toMatch(/^3\.1\./);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every route the app serves', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((route) => !operationOf(document, route)).map((r) => r.key)).toEqual([]);
  });

  it('describes the body of every route that takes one, and no body where none is read', () => {
    const problems = operations().flatMap(({ route, operation }) => {
      const takesBody = route.dto !== null || route.emptyBody || calls[route.key]?.form;
      const body = operation.requestBody as
        { content: Record<string, { schema?: Schema }> } | undefined;
      if (!takesBody) return body ? [`${route.key}: documents a body it does not read`] : [];
      const schemas = Object.values(body?.content ?? {}).map((media) => media.schema);
      if (schemas.length === 0 || schemas.some((schema) => !schema)) {
        return [`${route.key}: no request schema`];
      }
      return schemas.flatMap((schema) => {
        const problem = emptiness(resolve(document, schema as Schema));
        return problem ? [`${route.key}: request ${problem}`] : [];
      });
    });

    expect(problems).toEqual([]);
  });

  it('describes the 2xx answer of every route', () => {
    const problems = operations().flatMap(({ route, operation }) => {
      const success = Object.entries(operation.responses).filter(([status]) => /^2/.test(status));
      if (success.length === 0) return [`${route.key}: no 2xx answer`];
      return success.flatMap(([status, response]) => {
        if (status === '204') return [];
        const content = Object.values((response as { content?: object }).content ?? {}) as {
          schema?: Schema;
        }[];
        if (content.length === 0) return [`${route.key}: ${status} without content`];
        return content.flatMap(({ schema }) => {
          const problem = schema ? emptiness(resolve(document, schema)) : 'no schema';
          return problem ? [`${route.key}: ${status} ${problem}`] : [];
        });
      });
    });

    expect(problems).toEqual([]);
  });

  it('has no empty schema and no object without fields anywhere a route reaches', () => {
    const problems = operations().flatMap(({ route, operation }) => {
      const roots: [string, Schema][] = [
        ...((operation.parameters ?? []) as ParameterObject[]).map(
          (parameter): [string, Schema] => [
            `${parameter.in} ${parameter.name}`,
            parameter.schema ?? {},
          ],
        ),
        ...Object.entries(
          (operation.requestBody as { content?: Record<string, { schema: Schema }> })?.content ??
            {},
        ).map(([type, media]): [string, Schema] => [`body ${type}`, media.schema]),
        ...Object.entries(operation.responses).flatMap(([status, response]) =>
          Object.entries(
            (response as { content?: Record<string, { schema: Schema }> }).content ?? {},
          ).map(([type, media]): [string, Schema] => [`${status} ${type}`, media.schema]),
        ),
      ];
      return roots.flatMap(([where, schema]) =>
        [...schemasUnder(document, schema, where)].flatMap(([path, found]) => {
          const problem = emptiness(found);
          return problem ? [`${route.key} ${path}: ${problem}`] : [];
        }),
      );
    });

    expect(problems).toEqual([]);
  });

  it('documents the Idempotency-Key header as required exactly where a request without it is refused', async () => {
    const requiring: string[] = [];
    const mismatches: string[] = [];
    for (const route of routes.filter((r) => WRITE_METHODS.includes(r.method))) {
      const call = calls[route.key];
      if (!call) {
        mismatches.push(`${route.key}: no write call to probe it with`);
        continue;
      }
      const headers = Object.fromEntries(
        Object.entries(call.headers ?? {}).filter(([name]) => name !== 'idempotency-key'),
      );
      const answer = await http<{ errors?: Record<string, string> }>(
        sut.baseUrl,
        route.method,
        call.path,
        {
          token: call.token,
          headers,
          ...(call.form ? { form: call.form() } : { body: call.body }),
        },
      );
      const requires = answer.status === 400 && 'Idempotency-Key' in (answer.body?.errors ?? {});
      const documented = (operationOf(document, route)?.parameters ?? []).some(
        (parameter) =>
          'in' in parameter &&
          parameter.in === 'header' &&
          parameter.name === 'Idempotency-Key' &&
          parameter.required === true,
      );
      if (requires) requiring.push(route.key);
      if (requires !== documented) {
        mismatches.push(
          `${route.key}: ${requires ? 'requires' : 'does not require'} the key, documented ${documented}`,
        );
      }
    }

    expect(mismatches).toEqual([]);
    expect(requiring).toContain('POST /reports');
  });

  it('answers each write route and each read it leads to as its documented schema says', async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ $id: 'doc', components: document.components });
    const problems: string[] = [];
    const check = (key: string, status: number, body: unknown) => {
      const [method, path] = key.split(' ');
      const operation = operationOf(document, { key: `${method} ${path}` } as BodyRoute);
      const response = operation?.responses[String(status)] as
        { content?: Record<string, { schema: Schema }> } | undefined;
      const schema = response?.content?.['application/json']?.schema;
      if (!schema) {
        problems.push(`${key}: ${status} is not documented`);
        return;
      }
      const validate = ajv.compile(relinked(schema));
      if (!validate(body)) problems.push(`${key} ${status}: ${ajv.errorsText(validate.errors)}`);
    };
    let checked = 0;
    for (const route of routes.filter((r) => WRITE_METHODS.includes(r.method))) {
      // A fresh call: the probe above may have consumed the one built for it.
      const call = await builders[route.key]?.();
      if (!call) continue;
      const answer = await http(sut.baseUrl, route.method, call.path, {
        token: call.token,
        headers: call.headers,
        ...(call.form ? { form: call.form() } : { body: call.body }),
      });
      if (answer.status >= 300) {
        problems.push(`${route.key}: its valid request answered ${answer.status}`);
        continue;
      }
      check(route.key, answer.status, answer.body);
      checked += 1;
      for (const read of (await call.readBack?.(answer.body)) ?? []) {
        if (!('path' in read)) continue;
        const got = await http(sut.baseUrl, 'GET', read.path, { token: read.token });
        const template = routes.find((r) => r.method === 'GET' && matches(r.key, read.path));
        if (template) check(template.key, got.status, got.body);
      }
    }

    expect(checked).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  }, 120_000);

  it('asks for a bearer token on every route that needs a login, and documents its 401', () => {
    const problems = operations().flatMap(({ route, operation }) => {
      const open = route.access?.includes('public') ?? false;
      const bearer = (operation.security ?? []).some((requirement) => 'bearer' in requirement);
      const documents401 = '401' in operation.responses;
      return open === !bearer && open === !documents401
        ? []
        : [`${route.key}: login ${!open}, bearer ${bearer}, 401 ${documents401}`];
    });

    expect(problems).toEqual([]);
  });

  it('answers every error in the error shape, with the stable codes it may carry', () => {
    const problems = operations().flatMap(({ route, operation }) => {
      const errors = Object.entries(operation.responses).filter(([status]) => /^[45]/.test(status));
      const missing = ['400', '500', '503']
        .filter((status) => !(status in operation.responses))
        .map((status) => `${route.key}: no ${status}`);
      return [
        ...missing,
        ...errors.flatMap(([status, response]) => {
          const schema = (response as { content?: Record<string, { schema: SchemaObject }> })
            .content?.['application/json']?.schema;
          const code = schema?.properties?.code as SchemaObject | undefined;
          const codes = (code?.enum ?? []) as string[];
          const shaped =
            schema?.required?.includes('code') &&
            schema.required.includes('message') &&
            codes.length > 0 &&
            codes.every((c) => (ERROR_CODES as readonly string[]).includes(c));
          return shaped ? [] : [`${route.key}: ${status} is not the error shape with stable codes`];
        }),
      ];
    });

    expect(problems).toEqual([]);
  });

  it('lists in the 409 of each order action the refusal codes its transition can answer', () => {
    const actions = operations().filter(({ route }) => route.key in ORDER_ROUTE_ACTIONS);
    // Codes no transition answers: the service's own refusals, each documented on its route.
    const beyond = REFUSAL_CODES.filter((code) =>
      ORDER_ACTIONS.every((action) => !ACTION_REFUSAL_CODES[action].includes(code)),
    );
    const problems = actions.flatMap(({ route, operation }) => {
      const action = ORDER_ROUTE_ACTIONS[route.key];
      const codes = documentedCodes(operation, '409');
      const missing = ACTION_REFUSAL_CODES[action].filter((code) => !codes.includes(code));
      const extra = codes.filter(
        (code) =>
          !ACTION_REFUSAL_CODES[action].includes(code as never) && !beyond.includes(code as never),
      );
      return missing.length + extra.length === 0
        ? []
        : [`${route.key}: 409 misses ${missing.join(', ')}, lists ${extra.join(', ')} besides`];
    });
    const everywhere = new Set(
      actions.flatMap(({ operation }) => documentedCodes(operation, '409')),
    );

    expect(actions.map(({ route }) => ORDER_ROUTE_ACTIONS[route.key]).sort()).toEqual(
      [...ORDER_ACTIONS].sort(),
    );
    expect(problems).toEqual([]);
    expect(REFUSAL_CODES.filter((code) => !everywhere.has(code))).toEqual([]);
  });

  it('lists in the 409 of a handoff and a handover exactly the refusals their shared rules answer', () => {
    const documented = (key: string) =>
      documentedCodes(operations().find(({ route }) => route.key === key)!.operation, '409');

    expect(documented('POST /orders/:id/handoff').sort()).toEqual(
      [...HANDOFF_ROUTE_REFUSALS].sort(),
    );
    expect(documented('POST /orders/:id/handover').sort()).toEqual(
      [...HANDOVER_ROUTE_REFUSALS].sort(),
    );
  });

  it("describes each refusal of a route's service: the status and code, and every field it names", async () => {
    const problems: string[] = [];
    let probed = 0;
    for (const [key, probes] of Object.entries(SERVICE_REFUSALS)) {
      const operation = operationOf(document, { key } as BodyRoute);
      const description = operation?.description ?? '';
      for (const [breaks, change] of probes) {
        const call = change(await builders[key]());
        const answer = await http<{ code: string; errors?: Record<string, string> }>(
          sut.baseUrl,
          key.split(' ')[0],
          call.path,
          { token: call.token, headers: call.headers, body: call.body },
        );
        probed += 1;
        if (answer.status < 400 || answer.status >= 500) {
          problems.push(`${key} with ${breaks}: answered ${answer.status}`);
          continue;
        }
        const unsaid = [
          `${answer.status} ${answer.body.code}`,
          ...Object.keys(answer.body.errors ?? {}).map((field) => `\`${field}\``),
        ].filter((text) => !description.includes(text));
        if (unsaid.length > 0)
          problems.push(`${key} with ${breaks}: says nothing of ${unsaid.join(', ')}`);
      }
    }

    expect(probed).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  }, 120_000);

  it('says which role each channel of a report needs, as the server decides it', async () => {
    const description =
      operationOf(document, { key: 'POST /reports' } as BodyRoute)?.description ?? '';
    const holders: Record<string, AuthResponse | null> = {
      mandated_reporter: sessions.mandatedReporter,
      hotline_operator: sessions.hotlineOperator,
    };
    const file = async (channel: string, token: string | undefined) => {
      const call = await builders['POST /reports']();
      return (
        await http(sut.baseUrl, 'POST', '/reports', {
          token,
          headers: call.headers,
          body: { ...call.body, channel },
        })
      ).status;
    };
    const problems: string[] = [];
    for (const channel of FORM_CHANNELS) {
      const line = description.split('\n').find((l) => l.includes(`channel 为 \`${channel}\``));
      const role = line?.match(/需要角色 (\w+)/)?.[1];
      const plain = await file(channel, sessions.reporter?.token);
      if (!line) problems.push(`${channel}: not described`);
      else if (!role && plain !== 201)
        problems.push(`${channel}: needs no role, answered ${plain}`);
      else if (role) {
        const holder = await file(channel, holders[role]?.token);
        if (plain !== 403 || holder !== 201) {
          problems.push(
            `${channel}: needs ${role}, answered ${plain} without and ${holder} with it`,
          );
        }
      }
    }

    expect(description).not.toContain('任何角色');
    expect(problems).toEqual([]);
    // 走访发现 is filed with its visit on the child's file, never on the form: the docs say where.
    expect(await file('visit', sessions.handler?.token)).toBe(400);
    expect(description).toContain('POST /children/:id/visits');
  });

  it('gives every operation a short Chinese summary', () => {
    const problems = operations()
      .filter(({ operation }) => !/^[\u4e00-\u9fff].{1,19}$/u.test(operation.summary ?? ''))
      .map(({ route, operation }) => `${route.key}: ${operation.summary ?? 'no summary'}`);

    expect(problems).toEqual([]);
  });

  it('documents X-Request-Id on every operation: the safe id a client may send, and on every answer', () => {
    const problems = operations().flatMap(({ route, operation }) => {
      const parameter = ((operation.parameters ?? []) as ParameterObject[]).find(
        (p) => p.in === 'header' && p.name === 'X-Request-Id',
      );
      const sent =
        parameter &&
        !parameter.required &&
        (parameter.schema as SchemaObject)?.pattern === SAFE_REQUEST_ID.source
          ? []
          : [`${route.key}: no optional X-Request-Id parameter with the safe pattern`];
      const answered = Object.entries(operation.responses)
        .filter(
          ([, response]) => !('X-Request-Id' in ((response as { headers?: object }).headers ?? {})),
        )
        .map(([status]) => `${route.key}: ${status} without the X-Request-Id header`);
      const bodies = Object.entries(operation.responses)
        .filter(([status]) => /^[45]/.test(status))
        .filter(([, response]) => {
          const schema = (response as { content?: Record<string, { schema: SchemaObject }> })
            .content?.['application/json']?.schema;
          return !schema?.required?.includes('requestId');
        })
        .map(([status]) => `${route.key}: ${status} body without a required requestId`);
      return [...sent, ...answered, ...bodies];
    });

    expect(problems).toEqual([]);
  });

  it('describes every flag and every code list a client sends or reads', () => {
    const problems: string[] = [];
    const check = (where: string, schema: SchemaObject) => {
      const described = (schema.description ?? '').length > 0;
      if (schema.type === 'boolean' && !described)
        problems.push(`${where}: flag without description`);
      const unnamed = (schema.enum ?? []).filter(
        (value) => !(schema.description ?? '').includes(`\`${String(value)}\``),
      );
      if (schema.enum && schema.enum.length > 1 && unnamed.length > 0) {
        problems.push(`${where}: code list does not explain ${unnamed.join(', ')}`);
      }
    };
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      for (const [where, found] of schemasUnder(document, schema as SchemaObject, name)) {
        check(where, found);
      }
    }
    for (const { route, operation } of operations()) {
      for (const parameter of (operation.parameters ?? []) as ParameterObject[]) {
        if (parameter.schema && parameter.name !== 'X-Request-Id') {
          for (const [where, found] of schemasUnder(
            document,
            parameter.schema,
            `${route.key} ${parameter.name}`,
          )) {
            check(where, found);
          }
        }
      }
    }

    expect(problems).toEqual([]);
  });

  it('says the error shape in its info, and no text holds markup Swagger UI would swallow', () => {
    const markup = [...texts(document)].filter(([, text]) => /<[A-Za-z/]/.test(text));

    expect(document.info.description).toContain('{code, message, errors?, requestId}');
    expect(markup).toEqual([]);
  });

  it('describes every validation rule of every DTO the routes read', () => {
    expect(routeDtos(sut.app).flatMap((dto) => undescribedRules(dto as never))).toEqual([]);
  });
});
