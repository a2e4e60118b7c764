import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import { ERROR_CODES, REFUSAL_CODES, type AuthResponse } from '@shouhu/shared';
import { undescribedRules } from '../../src/api-docs/dto-schemas';
import { aWorld, sessionsFor } from '../factories/world.factory';
import { writeCalls, type WriteCall, type WriteCalls } from '../factories/write-call.factory';
import { bodyRoutes, routeDtos, type BodyRoute } from '../setup/body-fields';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { startWechatStandIn, type WechatStandIn } from '../setup/wechat-stand-in';

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
  /** A valid request of each write route, by route key. */
  const calls: Record<string, WriteCall> = {};

  beforeAll(async () => {
    wechat = await startWechatStandIn();
    // Every route exists: the drills with the simulated clock, the new-order subscription with
    // its template.
    sut = await startTestApp({
      env: {
        ...wechat.env,
        SIMULATED_CLOCK: 'true',
        WECHAT_TEMPLATE_ACCEPTED: 'AcceptedTemplate_0123456789abcdefghijklmnopq',
        WECHAT_TEMPLATE_NEW_ORDER: 'NewOrderTemplate_0123456789abcdefghijklmnopq',
      },
    });
    const answer = await fetch(`${new URL(sut.baseUrl).origin}/api/docs-json`);
    document = (await answer.json()) as OpenAPIObject;
    routes = bodyRoutes(sut.app);
    const world = await aWorld(sut.baseUrl);
    const sessions = await sessionsFor(sut.baseUrl, world);
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

  it('lists every refusal code of the order state machine in the 409 of each order action', () => {
    const actions = operations().filter(
      ({ route }) => route.method === 'POST' && route.key.startsWith('POST /orders/:id/'),
    );
    const problems = actions.flatMap(({ route, operation }) => {
      const schema = (
        operation.responses['409'] as { content?: Record<string, { schema: SchemaObject }> }
      )?.content?.['application/json']?.schema;
      const codes = ((schema?.properties?.code as SchemaObject | undefined)?.enum ??
        []) as string[];
      return [...REFUSAL_CODES].sort().join() === [...codes].sort().join()
        ? []
        : [`${route.key}: 409 lists ${codes.join(', ') || 'nothing'}`];
    });

    expect(actions.length).toBeGreaterThanOrEqual(11);
    expect(problems).toEqual([]);
  });

  it('describes every validation rule of every DTO the routes read', () => {
    expect(routeDtos(sut.app).flatMap((dto) => undescribedRules(dto as never))).toEqual([]);
  });
});
