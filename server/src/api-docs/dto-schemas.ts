import type { ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from 'class-validator';
import { CHILD_AGE_YEARS, PHONE_MAX_LENGTH, SANE_YEARS, type TextLimit } from '@shouhu/shared';
import { API_DATE, API_INSTANT } from '../common/date-fields';
import {
  IS_CHILD_AGE,
  IS_ID_NUMBER,
  IS_PHONE,
  type PhoneKind,
} from '../common/identity-validators';
import { IS_PLAIN_OBJECT, IS_TEXT, NULL_CLEARS } from '../common/input-rules';
import { codeLabelsOf, codeList } from './code-labels';
import { fieldDescriptionOf } from './field-description.decorator';

export type DtoClass = new () => object;

type ValidationMetadata = ReturnType<
  ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
>[number];

const YEARS = `${SANE_YEARS.min}–${SANE_YEARS.max} 年`;

/**
 * What each class-validator rule of the DTOs says about a value, in JSON Schema. The rules are
 * the validation itself, so the documented body is the one the server checks. A rule missing here
 * is not documented: `dto-schemas.spec.ts` walks every DTO of every route for such a rule.
 */
const RULE_SCHEMAS: Record<string, (constraints: unknown[]) => SchemaObject> = {
  [IS_TEXT]: ([limit]) => {
    const { label, min, max } = limit as TextLimit;
    return {
      type: 'string',
      minLength: min,
      maxLength: max,
      description: `${label}：${min}–${max} 个字符（按 Unicode 码位计；至少 ${min} 个可见字符；不得含控制字符）`,
    };
  },
  [API_INSTANT]: () => ({
    type: 'string',
    format: 'date-time',
    description: `ISO 8601 时间，必须带时区（Z 或 +08:00），${YEARS}`,
  }),
  [API_DATE]: () => ({
    type: 'string',
    format: 'date',
    description: `日期 YYYY-MM-DD，须真实存在，${YEARS}`,
  }),
  [IS_PHONE]: ([kind]) => ({
    type: 'string',
    maxLength: PHONE_MAX_LENGTH,
    description:
      (kind as PhoneKind) === 'mobile'
        ? '中国大陆手机号（用于接收短信）；可带 +86、空格、横线'
        : '中国大陆手机号或带区号的固定电话；可带 +86、空格、横线、括号',
  }),
  [IS_CHILD_AGE]: () => ({
    type: 'integer',
    minimum: CHILD_AGE_YEARS.min,
    maximum: CHILD_AGE_YEARS.max,
    description: `孩子的周岁年龄，${CHILD_AGE_YEARS.min}–${CHILD_AGE_YEARS.max}`,
  }),
  [IS_ID_NUMBER]: () => ({
    type: 'string',
    description: '18 位居民身份证号（GB 11643-1999），校验位可为 X',
  }),
  [IS_PLAIN_OBJECT]: () => ({ type: 'object' }),
  isIn: ([values]) => ({ enum: [...(values as unknown[])] }),
  isBoolean: () => ({ type: 'boolean' }),
  isInt: () => ({ type: 'integer' }),
  isNumber: () => ({ type: 'number' }),
  min: ([minimum]) => ({ minimum: minimum as number }),
  max: ([maximum]) => ({ maximum: maximum as number }),
  isLatitude: () => ({ minimum: -90, maximum: 90 }),
  isLongitude: () => ({ minimum: -180, maximum: 180 }),
  isUuid: () => ({ type: 'string', format: 'uuid' }),
  matches: ([pattern]) => ({ type: 'string', pattern: (pattern as RegExp).source }),
  isString: () => ({ type: 'string' }),
  isArray: () => ({ type: 'array' }),
  arrayMinSize: ([size]) => ({ minItems: size as number }),
  arrayMaxSize: ([size]) => ({ maxItems: size as number }),
  arrayUnique: () => ({ uniqueItems: true }),
};

/** Rules that only say whether a value must be there: `required` says it. */
const PRESENCE_RULES = new Set(['isDefined', 'conditionalValidation']);

function rulesOf(dto: DtoClass): ValidationMetadata[] {
  return getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
}

/** The names of the rules on `dto`'s fields (nested DTOs not included) that no schema describes. */
export function undescribedRules(dto: DtoClass): string[] {
  return rulesOf(dto)
    .filter(
      (rule) => rule.type === 'customValidation' && !Object.hasOwn(RULE_SCHEMAS, rule.name ?? ''),
    )
    .map((rule) => `${dto.name}.${rule.propertyName}: ${rule.name ?? 'unnamed'}`);
}

/** The DTO class a nested field holds (`@Type(() => ReportLocationDto)`). */
export function nestedDto(dto: DtoClass, property: string): DtoClass | undefined {
  return defaultMetadataStorage.findTypeMetadata(dto, property)?.typeFunction() as
    DtoClass | undefined;
}

/** The texts that describe a field, as one, in the order given. */
function joined(...texts: (string | undefined)[]): string | undefined {
  const present = texts.filter(Boolean);
  return present.length > 0 ? present.join('\n\n') : undefined;
}

function schemaOfRules(rules: ValidationMetadata[]): SchemaObject {
  const schema: SchemaObject = {};
  for (const rule of rules) {
    const describe = RULE_SCHEMAS[rule.name ?? ''];
    if (describe && !PRESENCE_RULES.has(rule.type))
      Object.assign(schema, describe(rule.constraints));
  }
  if (schema.enum && !schema.type) {
    schema.type = schema.enum.every((value) => typeof value === 'string') ? 'string' : 'number';
  }
  const labels = schema.enum && codeLabelsOf(schema.enum);
  if (schema.enum && labels) {
    schema.description = joined(schema.description, codeList(schema.enum, labels));
  }
  return schema;
}

/**
 * The JSON Schema of one DTO, read from its class-validator rules, with a reference for each
 * nested DTO (`#/components/schemas/<class name>`); `visit` is called with every nested DTO so the
 * caller can describe it too. Fields that `null` clears (`@NullClears`) also take `null`; a field
 * with a default (`page = 1`) says it. A field's description is its `@FieldDescription`, then what
 * its rules say, then the labels of its codes (`CODE_LABELS`).
 */
export function dtoSchema(dto: DtoClass, visit: (nested: DtoClass) => void): SchemaObject {
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const rule of rulesOf(dto)) {
    byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
  }
  const defaults = new dto() as Record<string, unknown>;
  const properties: Record<string, SchemaObject | ReferenceObject> = {};
  const required: string[] = [];
  for (const [property, rules] of byProperty) {
    const nested = rules.find((rule) => rule.type === 'nestedValidation');
    const nestedType = nested ? nestedDto(dto, property) : undefined;
    if (nestedType) visit(nestedType);
    const reference = nestedType && { $ref: `#/components/schemas/${nestedType.name}` };
    const items = rules.filter((rule) => rule.each);
    const own = schemaOfRules(rules.filter((rule) => !rule.each));
    let schema: SchemaObject | ReferenceObject = own;
    if (own.type === 'array') {
      own.items = nested?.each && reference ? reference : schemaOfRules(items);
    } else if (reference) {
      schema = reference;
    }
    if (Reflect.getMetadata(NULL_CLEARS, dto.prototype, property) === true) {
      schema = { anyOf: [schema, { type: 'null' }] };
    }
    if (defaults[property] !== undefined) schema = { ...schema, default: defaults[property] };
    const note = fieldDescriptionOf(dto, property);
    if (note) {
      schema = { ...schema, description: joined(note, (schema as SchemaObject).description) };
    }
    properties[property] = schema;
    if (!rules.some((rule) => rule.type === 'conditionalValidation')) required.push(property);
  }
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    // api.md: unknown body fields are rejected (400), never silently dropped.
    additionalProperties: false,
  };
}

/** A query DTO (`@Query() query: OrderListQueryDto`) as the query parameters it reads. */
export function queryParameters(dto: DtoClass): ParameterObject[] {
  const schema = dtoSchema(dto, () => undefined);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }));
}
