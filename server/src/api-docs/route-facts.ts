import { ParseUUIDPipe, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import { ACCESS, type AccessRule } from '../access/access.decorator';
import { multipartFileOf } from '../common/body-media-type';
import { EmptyBodyPipe } from '../common/validation.pipe';
import type { RateLimitKind } from '../config/app-config';
import { readOptionalIdempotencyKey } from '../idempotency/optional-idempotency-key';
import { RATE_LIMIT_KIND } from '../rate-limits/rate-limit-kind';
import { answerOf, type Answer } from './answers.decorator';
import type { DtoClass } from './dto-schemas';
import { refusalsOf, type Refusal } from './refuses.decorator';

/** The header `IdempotencyService.assertKey` checks on every route that reads it. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * How a route reads `Idempotency-Key`: `required` (a request without one is refused, 400),
 * `optional` (taken when sent, `OptionalIdempotencyKey`), or not at all.
 */
export type IdempotencyKeyUse = 'required' | 'optional' | null;

/** What a route reads as its body: nothing, `{}` or nothing (`EmptyBodyPipe`), one file, or a DTO. */
export type BodyFact = 'none' | 'empty' | 'multipart' | DtoClass;

/** The one file a multipart route reads: in the words of its refusals, and its kinds and limits. */
export interface FileFact {
  file: string;
  detail: string;
}

/** What a route's decorators declare, read from the metadata they leave. */
export interface RouteFacts {
  /** `OrdersController_sign`, as Nest's OpenAPI document names the operation. */
  operationId: string;
  access: AccessRule[];
  rateLimit: RateLimitKind | undefined;
  body: BodyFact;
  /** For a multipart body: what its file is. */
  file: FileFact | undefined;
  query: DtoClass | undefined;
  /** Path parameters that `ParseUUIDPipe` reads: anything else answers 404. */
  uuidParameters: string[];
  idempotencyKey: IdempotencyKeyUse;
  answer: Answer | undefined;
  refusals: Refusal[];
}

interface RouteArg {
  index: number;
  data?: unknown;
  pipes?: unknown[];
  /** A custom parameter decorator's function (`createParamDecorator`). */
  factory?: unknown;
}

function argOf(args: Record<string, RouteArg>, type: RouteParamtypes): RouteArg[] {
  return Object.entries(args)
    .filter(([key]) => key.startsWith(`${type}:`))
    .map(([, arg]) => arg);
}

function idempotencyKeyOf(args: Record<string, RouteArg>): IdempotencyKeyUse {
  const required = argOf(args, RouteParamtypes.HEADERS).some(
    (arg) =>
      typeof arg.data === 'string' &&
      arg.data.toLowerCase() === IDEMPOTENCY_KEY_HEADER.toLowerCase(),
  );
  if (required) return 'required';
  const optional = Object.values(args).some((arg) => arg.factory === readOptionalIdempotencyKey);
  return optional ? 'optional' : null;
}

function bodyOf(handler: object, args: Record<string, RouteArg>, types: unknown[]): BodyFact {
  if (multipartFileOf(handler)) return 'multipart';
  const [body] = argOf(args, RouteParamtypes.BODY);
  if (!body) return 'none';
  const empty = (body.pipes ?? []).some(
    (pipe) => pipe === EmptyBodyPipe || pipe instanceof EmptyBodyPipe,
  );
  const type = types[body.index];
  return empty || typeof type !== 'function' || type === Object ? 'empty' : (type as DtoClass);
}

/** Every route handler of the app's controllers, with what its decorators declare. */
export function routeFacts(app: INestApplication): RouteFacts[] {
  const facts: RouteFacts[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name as keyof object] as object;
        if (name === 'constructor' || !Reflect.hasMetadata(METHOD_METADATA, handler)) continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          RouteArg
        >;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) ??
          []) as unknown[];
        const [query] = argOf(args, RouteParamtypes.QUERY).filter((arg) => arg.data === undefined);
        facts.push({
          operationId: `${controller.name}_${name}`,
          access: (Reflect.getMetadata(ACCESS, handler) as AccessRule[] | undefined) ?? [],
          rateLimit: Reflect.getMetadata(RATE_LIMIT_KIND, handler) as RateLimitKind | undefined,
          body: bodyOf(handler, args, types),
          file: multipartFileOf(handler),
          query: query ? (types[query.index] as DtoClass) : undefined,
          uuidParameters: argOf(args, RouteParamtypes.PARAM)
            .filter((arg) => (arg.pipes ?? []).some((pipe) => pipe instanceof ParseUUIDPipe))
            .map((arg) => String(arg.data)),
          idempotencyKey: idempotencyKeyOf(args),
          answer: answerOf(handler),
          refusals: refusalsOf(handler),
        });
      }
    }
  }
  return facts;
}
