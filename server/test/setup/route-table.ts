import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { ACCESS, type AccessRule } from '../../src/access/access.decorator';
import type { RateLimitKind } from '../../src/config/app-config';
import { RATE_LIMIT_KIND } from '../../src/rate-limits/rate-limit-kind';

export interface Route {
  /** `GET /reports/:id`, relative to /api/v1. */
  key: string;
  handler: string;
  access: AccessRule[] | undefined;
  /** The limits `@RateLimited` puts on the route, if any. */
  rateLimit: RateLimitKind | undefined;
}

function join(...parts: (string | string[] | undefined)[]): string {
  const segments = parts
    .flatMap((p) => (Array.isArray(p) ? p[0] : p) ?? '')
    .join('/')
    .split('/')
    .filter(Boolean);
  return `/${segments.join('/')}`;
}

/** Every route the running application serves, read from Nest's own registry. */
export function routeTable(app: INestApplication): Route[] {
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const method = prototype[name];
        if (name === 'constructor' || typeof method !== 'function') continue;
        const requestMethod = Reflect.getMetadata(METHOD_METADATA, method) as
          RequestMethod | undefined;
        if (requestMethod === undefined) continue;
        const path = Reflect.getMetadata(PATH_METADATA, method) as string | undefined;
        routes.push({
          key: `${RequestMethod[requestMethod]} ${join(prefix, path)}`,
          handler: `${controller.name}.${name}`,
          access: Reflect.getMetadata(ACCESS, method) as AccessRule[] | undefined,
          rateLimit: Reflect.getMetadata(RATE_LIMIT_KIND, method) as RateLimitKind | undefined,
        });
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}
