import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from 'class-validator';
import type { TextLimit } from '@shouhu/shared';
import { API_DATE, API_INSTANT } from '../../src/common/date-fields';
import { IS_ID_NUMBER, IS_PHONE } from '../../src/common/identity-validators';
import { IS_PLAIN_OBJECT, IS_TEXT, NULL_CLEARS } from '../../src/common/input-rules';
import { EmptyBodyPipe } from '../../src/common/validation.pipe';
import { multipartFileOf } from '../../src/common/body-media-type';
import { routeTable, type Route } from './route-table';

type Class = new (...args: never[]) => object;

export interface BodyRoute extends Route {
  method: string;
  /** The DTO class of `@Body()`, or null for a route that reads no JSON body. */
  dto: Class | null;
  /** `@Body(EmptyBodyPipe)`: takes `{}` or nothing. */
  emptyBody: boolean;
  /** The DTO class of `@Query()`, or null for a route that takes no query DTO. */
  queryDto: Class | null;
  /** `@MultipartBody()`: reads one multipart/form-data file, not a JSON body. */
  multipart: boolean;
  /** For a multipart route: what its file is, in the words its refusals use (一张 .xlsx 表格). */
  file?: string;
}

/** Every route with its body DTO, read from the metadata Nest and the decorators leave. */
export function bodyRoutes(app: INestApplication): BodyRoute[] {
  const handlers = new Map<string, { controller: Class; name: string }>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Class | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        handlers.set(`${controller.name}.${name}`, { controller, name });
      }
    }
  }
  return routeTable(app).map((route) => {
    const { controller, name } = handlers.get(route.handler) as { controller: Class; name: string };
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
      string,
      { index: number; pipes?: unknown[] }
    >;
    const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) ??
      []) as Class[];
    const body = Object.entries(args).find(([key]) =>
      key.startsWith(`${RouteParamtypes.BODY}:`),
    )?.[1];
    const emptyBody = (body?.pipes ?? []).some(
      (pipe) => pipe === EmptyBodyPipe || pipe instanceof EmptyBodyPipe,
    );
    const type = body ? types[body.index] : undefined;
    const dto = body && !emptyBody && type && type !== Object ? type : null;
    const query = Object.entries(args).find(([key]) =>
      key.startsWith(`${RouteParamtypes.QUERY}:`),
    )?.[1];
    const queryDto = query ? (types[query.index] ?? null) : null;
    const file = multipartFileOf(controller.prototype[name] as object)?.file;
    return {
      ...route,
      method: route.key.split(' ')[0],
      dto,
      emptyBody,
      queryDto,
      multipart: file !== undefined,
      file,
    };
  });
}

export type FieldKind =
  'text' | 'string' | 'enum' | 'number' | 'boolean' | 'object' | 'array' | 'unbounded';

export interface BodyField {
  /** `child.name`, `days.0.name`: the path in the body and in `errors`. */
  path: string;
  kind: FieldKind;
  optional: boolean;
  /** `null` is a value the field takes on purpose (`@IsOptional`); otherwise `null` is refused. */
  nullable: boolean;
  /** For `text` fields: the limit the DTO declares. */
  limit?: TextLimit;
  /**
   * Messages of the field's rules that judge a value of the right type (`arrayUnique`, `max`…):
   * a value of the wrong type must not be answered with one of them.
   */
  otherMessages: string[];
}

const KIND_BY_RULE: [string, FieldKind][] = [
  [IS_PLAIN_OBJECT, 'object'],
  ['isArray', 'array'],
  [IS_TEXT, 'text'],
  ['isBoolean', 'boolean'],
  ['isInt', 'number'],
  ['isNumber', 'number'],
  ['isIn', 'enum'],
  ['isUuid', 'string'],
  ['matches', 'string'],
  ['isIso8601', 'string'],
  // Shared format rules: each bounds its string by what it accepts.
  [API_INSTANT, 'string'],
  [API_DATE, 'string'],
  [IS_PHONE, 'string'],
  [IS_ID_NUMBER, 'string'],
  ['isString', 'unbounded'],
];

/**
 * Every field of a DTO and of the DTOs nested in it, from class-validator's metadata storage,
 * so a field added later is walked without anyone listing it. Elements of an array of objects
 * appear under index 0.
 */
export function bodyFields(dto: Class, prefix = ''): BodyField[] {
  const rules = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byProperty = new Map<string, typeof rules>();
  for (const rule of rules) {
    byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
  }
  const fields: BodyField[] = [];
  for (const [property, own] of byProperty) {
    const path = `${prefix}${property}`;
    const named = (name: string, each = false) =>
      own.find((r) => r.name === name && Boolean(r.each) === each);
    const nested = own.find((r) => r.type === 'nestedValidation');
    // A nested DTO is an object field by contract, whether or not it says so.
    const kind =
      KIND_BY_RULE.find(([name]) => named(name))?.[1] ??
      (nested && !nested.each ? 'object' : 'unbounded');
    const optional = own.some((r) => r.type === 'conditionalValidation');
    const nullable = Reflect.getMetadata(NULL_CLEARS, dto.prototype, property) === true;
    // A bare @IsOptional lets null through unchecked: the walk sends null and sees it refused.
    const text = named(IS_TEXT);
    const typeRules = new Set(KIND_BY_RULE.map(([name]) => name));
    const otherMessages = own
      .filter((r) => r.type === 'customValidation' && !typeRules.has(r.name ?? ''))
      .flatMap((r) => (typeof r.message === 'string' ? [r.message] : []));
    fields.push({
      path,
      kind,
      optional,
      nullable,
      otherMessages,
      ...(text ? { limit: text.constraints[0] as TextLimit } : {}),
    });
    if (nested) {
      const type = defaultMetadataStorage.findTypeMetadata(dto, property)?.typeFunction() as Class;
      fields.push(...bodyFields(type, kind === 'array' ? `${path}.0.` : `${path}.`));
    }
  }
  return fields;
}

/** A copy of `body` with the value at `path` replaced (created when missing). */
export function withValue(body: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
  return copy;
}

/** `"\ud840\udc00"`: a 4-byte character as an ASCII-only JSON encoder (Python's json.dumps) sends it. */
const ESCAPED_CHARACTER_BYTES = 12;
/** Any string a format rule accepts (UUID, time, phone, 身份证号, openid ≤ 64…), quotes included. */
const FORMATTED_STRING_BYTES = 130;
const NUMBER_BYTES = 24;

/**
 * An upper bound, in bytes, of the largest body a DTO accepts, sent as ASCII-escaped JSON: every
 * text at its maximum in 4-byte characters, every array at its `@ArrayMaxSize`, every choice at
 * its longest. Infinity when an array has no maximum.
 */
export function largestBodyBytes(dto: Class): number {
  const rules = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const properties = [...new Set(rules.map((rule) => rule.propertyName))];
  const valueBytes = (property: string, each: boolean): number => {
    const own = rules.filter((r) => r.propertyName === property && Boolean(r.each) === each);
    const named = (name: string) => own.find((r) => r.name === name);
    const text = named(IS_TEXT);
    if (text) return 2 + (text.constraints[0] as TextLimit).max * ESCAPED_CHARACTER_BYTES;
    const choice = named('isIn');
    if (choice) return 2 + Math.max(...(choice.constraints[0] as string[]).map((c) => c.length));
    if (own.some((r) => r.type === 'nestedValidation')) {
      const type = defaultMetadataStorage.findTypeMetadata(dto, property)?.typeFunction() as Class;
      return largestBodyBytes(type);
    }
    if (named('isBoolean')) return 5;
    if (named('isInt') || named('isNumber')) return NUMBER_BYTES;
    return FORMATTED_STRING_BYTES;
  };
  let bytes = 2;
  for (const property of properties) {
    const array = rules.find((r) => r.propertyName === property && r.name === 'isArray');
    const items = rules.find((r) => r.propertyName === property && r.name === 'arrayMaxSize');
    const value = array
      ? 2 +
        ((items?.constraints[0] as number | undefined) ?? Infinity) *
          (valueBytes(property, true) + 1)
      : valueBytes(property, false);
    bytes += property.length + 4 + value;
  }
  return bytes;
}

/** JSON as an ASCII-only encoder writes it: every character beyond ASCII as `\uXXXX`. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Every DTO class the routes read (bodies, queries) and the DTOs nested in them. */
export function routeDtos(app: INestApplication): Class[] {
  const found = new Set<Class>();
  const visit = (dto: Class) => {
    if (found.has(dto)) return;
    found.add(dto);
    for (const rule of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
      if (rule.type !== 'nestedValidation') continue;
      visit(
        defaultMetadataStorage.findTypeMetadata(dto, rule.propertyName)?.typeFunction() as Class,
      );
    }
  };
  for (const route of bodyRoutes(app)) {
    if (route.dto) visit(route.dto);
    if (route.queryDto) visit(route.queryDto);
  }
  return [...found];
}
