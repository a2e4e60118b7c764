import {
  ValidationPipe,
  type ArgumentMetadata,
  type PipeTransform,
  type ValidationError,
} from '@nestjs/common';
import { ApiException } from './api-exception';
import { IS_PLAIN_OBJECT, IS_TEXT } from './input-rules';

const UNKNOWN_FIELD = 'whitelistValidation';
/**
 * class-validator's own rule for a value `@ValidateNested` cannot walk (`[5]` where objects are
 * listed); its message is English and names no field of ours.
 */
const NOT_NESTED = 'nestedValidation';

/**
 * Rules that check a value's type. When one failed, its message is the one shown: the value's
 * other rules (`arrayUnique`, `max`…) judged something that is not what they expect, and say so
 * misleadingly (`"12"` is not "under 18", it is not a number).
 */
const TYPE_RULES = [
  'isDefined',
  IS_PLAIN_OBJECT,
  'isArray',
  'isInt',
  'isNumber',
  'isBoolean',
  'isString',
  IS_TEXT,
  'isIn',
];

function firstMessage(constraints: Record<string, string>): string | undefined {
  if (UNKNOWN_FIELD in constraints) return '不允许的字段';
  if (NOT_NESTED in constraints) return '应为对象 {…}';
  const type = TYPE_RULES.find((name) => name in constraints);
  return type ? constraints[type] : Object.values(constraints)[0];
}

function collect(errors: ValidationError[], path: string, into: Record<string, string>): void {
  for (const error of errors) {
    const field = path ? `${path}.${error.property}` : error.property;
    const message = firstMessage(error.constraints ?? {});
    if (message !== undefined) into[field] = message;
    // A value of the wrong type has no fields to judge: `child: [5]` is "not an object", not
    // also "child.0 is not an object".
    const wrongType = TYPE_RULES.some((name) => name in (error.constraints ?? {}));
    if (error.children?.length && !wrongType) collect(error.children, field, into);
  }
}

export function flattenValidationErrors(errors: ValidationError[]): Record<string, string> {
  const fields: Record<string, string> = {};
  collect(errors, '', fields);
  return fields;
}

/**
 * A body for a DTO must be a JSON object: without this, no body, `[]` or `"x"` reach
 * class-validator, whose answer is English ("an unknown value was passed to the validate function").
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const object = typeof value === 'object' && value !== null && !Array.isArray(value);
    if (metadata.type === 'body' && this.toValidate(metadata) && !object) {
      throw ApiException.validation({ body: '请求内容应为 JSON 对象 {…}' });
    }
    return super.transform(value, metadata);
  }
}

/** Unknown fields are refused, never dropped: a typo in a client must not lose what a reporter wrote. */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ApiException.validation(flattenValidationErrors(errors)),
  });
}

/**
 * For a route that takes no fields: `{}` or no body. Anything else is refused like an unknown
 * field of a DTO (class-validator cannot express a class without fields).
 */
export class EmptyBodyPipe implements PipeTransform<unknown, Record<string, never>> {
  transform(body: unknown): Record<string, never> {
    if (body === undefined || body === null) return {};
    if (typeof body !== 'object' || Array.isArray(body)) {
      throw ApiException.validation({ body: '请求内容应为 {}' });
    }
    const fields = Object.keys(body);
    if (fields.length > 0) {
      throw ApiException.validation(Object.fromEntries(fields.map((f) => [f, '不允许的字段'])));
    }
    return {};
  }
}
