import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { ACCESS, type AccessRule } from '../../src/access/access.decorator';
import { API_DATE, API_INSTANT } from '../../src/common/date-fields';

/** Nest's RouteParamtypes for `@Body()` and `@Query()` (its enum is not exported as a value). */
const BODY = 3;
const QUERY = 4;

/** Names class-validator gives the checks that accept some time or date in their own way. */
const OTHER_TIME_CHECKS = [
  'isIso8601',
  'isDateString',
  'isDate',
  'minDate',
  'maxDate',
  'isRFC3339',
];
/** A field that is named like a time or a date is one, whatever checks it. */
const TIME_NAME = /(^at$|At$|Date$|^date$|^now$|^year$|^from$|^to$)/;
/** Named like a time and not one: api.md's `placedAt` of a written handover is where the child was placed. */
const NOT_TIMES = ['placedAt'];

export interface DateInput {
  /** `POST /orders/:id/contact`. */
  route: string;
  method: string;
  path: string;
  access: AccessRule[];
  in: 'body' | 'query' | 'path';
  /** Dotted path; `[]` marks an element of an array (`days[].date`). */
  field: string;
  /**
   * `instant`: an ISO time with offset; `date`: `YYYY-MM-DD`; `year`: a path parameter named like
   * a date; `unchecked`: a time-like body or query field that skips the shared checks.
   */
  kind: 'instant' | 'date' | 'year' | 'unchecked';
}

type Class = new (...args: never[]) => object;

/** Nested DTO classes, as `@Type(() => X)` declares them to class-transformer. */
function nestedType(target: Class, property: string): Class | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
    defaultMetadataStorage: {
      findTypeMetadata(target: Class, property: string): { typeFunction(): Class } | undefined;
    };
  };
  return defaultMetadataStorage.findTypeMetadata(target, property)?.typeFunction();
}

function fieldsOf(dto: Class, prefix: string): { field: string; kind: DateInput['kind'] }[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byProperty = new Map<string, typeof metadata>();
  for (const m of metadata)
    byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  const found: { field: string; kind: DateInput['kind'] }[] = [];
  for (const [property, checks] of byProperty) {
    const names = checks.map((c) => c.name ?? '');
    const nested = checks.find((c) => c.type === ValidationTypes.NESTED_VALIDATION);
    const path = `${prefix}${property}`;
    if (nested) {
      const type = nestedType(dto, property);
      if (type) found.push(...fieldsOf(type, `${path}${nested.each ? '[]' : ''}.`));
      continue;
    }
    if (names.includes(API_INSTANT)) found.push({ field: path, kind: 'instant' });
    else if (names.includes(API_DATE)) found.push({ field: path, kind: 'date' });
    else if (
      (TIME_NAME.test(property) && !NOT_TIMES.includes(property)) ||
      names.some((n) => OTHER_TIME_CHECKS.includes(n))
    ) {
      found.push({ field: path, kind: 'unchecked' });
    }
  }
  return found;
}

/**
 * Every date or time field any route takes in its body or query, found from Nest's route table
 * and class-validator's metadata: a field added later is walked without anyone listing it, and a
 * time-like field that skips the shared checks shows up as `unchecked`.
 */
export function dateInputs(app: INestApplication): DateInput[] {
  const inputs: DateInput[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Class | null;
      if (!controller) continue;
      const prefix = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const own = (Reflect.getMetadata(PATH_METADATA, handler) as string | undefined) ?? '';
        const path = `/${[prefix, own].join('/').split('/').filter(Boolean).join('/')}`;
        const access = (Reflect.getMetadata(ACCESS, handler) as AccessRule[] | undefined) ?? [];
        const route = `${RequestMethod[method]} ${path}`;
        for (const [, param] of path.matchAll(/:(\w+)/g)) {
          if (TIME_NAME.test(param)) {
            inputs.push({
              route,
              method: RequestMethod[method],
              path,
              access,
              in: 'path',
              field: param,
              kind: 'year',
            });
          }
        }
        const types = Reflect.getMetadata('design:paramtypes', prototype, name) as Class[];
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          { index: number }
        >;
        for (const [key, arg] of Object.entries(args)) {
          const paramtype = Number(key.split(':')[0]);
          if (paramtype !== BODY && paramtype !== QUERY) continue;
          for (const { field, kind } of fieldsOf(types[arg.index], '')) {
            inputs.push({
              route,
              method: RequestMethod[method],
              path,
              access,
              in: paramtype === BODY ? 'body' : 'query',
              field,
              kind,
            });
          }
        }
      }
    }
  }
  return inputs.sort((a, b) => `${a.route} ${a.field}`.localeCompare(`${b.route} ${b.field}`));
}

/** `{child: {birthDate: value}}` for `child.birthDate`, `{days: [{date: value}]}` for `days[].date`. */
export function bodyWith(field: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = field.split('.');
  const inner = rest.length === 0 ? value : bodyWith(rest.join('.'), value);
  return head.endsWith('[]') ? { [head.slice(0, -2)]: [inner] } : { [head]: inner };
}

/** The key the validation pipe names the field by: `days.0.date` for `days[].date`. */
export function errorKey(field: string): string {
  return field.replace(/\[\]/g, '.0');
}
