import { ValidationPipe, type PipeTransform, type ValidationError } from '@nestjs/common';
import { ApiException } from './api-exception';

const UNKNOWN_FIELD = 'whitelistValidation';

function collect(errors: ValidationError[], path: string, into: Record<string, string>): void {
  for (const error of errors) {
    const field = path ? `${path}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    const messages = Object.entries(constraints).map(([name, message]) =>
      name === UNKNOWN_FIELD ? '不允许的字段' : message,
    );
    if (messages.length > 0) into[field] = messages[0];
    if (error.children?.length) collect(error.children, field, into);
  }
}

export function flattenValidationErrors(errors: ValidationError[]): Record<string, string> {
  const fields: Record<string, string> = {};
  collect(errors, '', fields);
  return fields;
}

/** Unknown fields are refused, never dropped: a typo in a client must not lose what a reporter wrote. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
