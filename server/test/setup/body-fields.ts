import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from 'class-validator';
import type { TextLimit } from '@shouhu/shared';
import { API_DATE, API_INSTANT } from '../../src/common/date-fields';
import { IS_ID_NUMBER, IS_PHONE } from '../../src/common/identity-validators';
import { IS_PLAIN_OBJECT, IS_TEXT } from '../../src/common/input-rules';
import { EmptyBodyPipe } from '../../src/common/validation.pipe';
import { routeTable, type Route } from './route-table';

type Class = new (...args: never[]) => object;

export interface BodyRoute extends Route {
  method: string;
  /** The DTO class of `@Body()`, or null for a route that reads no JSON body. */
  dto: Class | null;
  /** `@Body(EmptyBodyPipe)`: takes `{}` or nothing. */
  emptyBody: boolean;
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
    return { ...route, method: route.key.split(' ')[0], dto, emptyBody };
  });
}

export type FieldKind =
  'text' | 'string' | 'enum' | 'number' | 'boolean' | 'object' | 'array' | 'unbounded';

export interface BodyField {
  /** `child.name`, `days.0.name`: the path in the body and in `errors`. */
  path: string;
  kind: FieldKind;
  optional: boolean;
  /** For `text` fields: the limit the DTO declares. */
  limit?: TextLimit;
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
    const text = named(IS_TEXT);
    fields.push({
      path,
      kind,
      optional,
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
