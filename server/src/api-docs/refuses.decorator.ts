import type { HttpStatus } from '@nestjs/common';
import type { ErrorCode } from '@shouhu/shared';

export const REFUSALS_METADATA = 'shouhu:refusals';

export interface Refusal {
  status: HttpStatus;
  codes: readonly ErrorCode[];
  /** When the service refuses, in Chinese, one rule each (`unitId：须是…`); the docs list them. */
  reasons: readonly string[];
}

/**
 * Documents codes a route answers beyond those its declarations already tell (`@Access` tells
 * 401/403, `@RateLimited` 429, a path parameter 404, a body 400/413/415): the refusals of its
 * service (`@Refuses(HttpStatus.CONFLICT, ACTION_REFUSAL_CODES.sign)`), and the rules behind
 * refusals a client cannot read from the schema (`@Refuses(HttpStatus.BAD_REQUEST,
 * ['VALIDATION_FAILED'], ['outcome：须是…'])`). Several add up.
 */
export function Refuses(
  status: HttpStatus,
  codes: readonly ErrorCode[],
  reasons: readonly string[] = [],
): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    Reflect.defineMetadata(
      REFUSALS_METADATA,
      [...refusalsOf(handler), { status, codes, reasons }],
      handler,
    );
  };
}

export function refusalsOf(handler: object): Refusal[] {
  return (Reflect.getMetadata(REFUSALS_METADATA, handler) as Refusal[] | undefined) ?? [];
}
