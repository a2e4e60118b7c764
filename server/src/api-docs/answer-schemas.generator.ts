import { join } from 'node:path';
import type { SchemaObject } from '@nestjs/swagger';
import { createGenerator, type Definition } from 'ts-json-schema-generator';
import type { AnswerName } from './answer-types';

/** What `answer-schemas.json` holds; the document builder reads it (`api-document.ts`). */
export interface AnswerSchemas {
  /** The schema of each answer body of `ApiAnswers`, by its name. */
  answers: Record<AnswerName, SchemaObject>;
  /** The schema of the error body. */
  error: SchemaObject;
  /** The named shapes both refer to (`#/components/schemas/<name>`). */
  schemas: Record<string, SchemaObject>;
}

export const ANSWER_SCHEMAS_FILE = 'src/api-docs/answer-schemas.json';

const GENERATED_PREFIX = '#/definitions/';
const DOCUMENT_PREFIX = '#/components/schemas/';

/** `Page<OrderSummary>` → `Page_OrderSummary`: OpenAPI names components with `[A-Za-z0-9._-]` only. */
function componentName(typeName: string): string {
  return typeName.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/_+$/, '');
}

/**
 * Points every `$ref` at the document's components, under their component names, and drops
 * `additionalProperties: false`: answers may gain fields, and a client must not fail on one it
 * does not know yet. (The generator's own `additionalProperties: true` would also make `keyof`
 * types such as `Outcome` plain strings.)
 */
function relink(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relink);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, inner]) => !(key === 'additionalProperties' && inner === false))
      .map(([key, inner]) =>
        key === '$ref' && typeof inner === 'string' && inner.startsWith(GENERATED_PREFIX)
          ? [
              key,
              DOCUMENT_PREFIX +
                componentName(decodeURIComponent(inner.slice(GENERATED_PREFIX.length))),
            ]
          : [key, relink(inner)],
      ),
  );
}

/**
 * The JSON Schemas (2020-12, as OpenAPI 3.1 takes them) of every answer of `ApiAnswers` and of
 * the error body, generated from the TypeScript types themselves, as the text of
 * `answer-schemas.json`. `serverRoot` is the server workspace (`server/`).
 */
export function generateAnswerSchemas(serverRoot: string): string {
  const generator = createGenerator({
    path: join(serverRoot, 'src/api-docs/answer-types.ts'),
    tsconfig: join(serverRoot, 'tsconfig.json'),
    // The typecheck checks these files; the generator only reads their types.
    skipTypeCheck: true,
  });
  const answers = generator.createSchema('ApiAnswers');
  const error = generator.createSchema('ApiError');
  const definitions = { ...answers.definitions, ...error.definitions } as Record<
    string,
    Definition
  >;
  const root = definitions.ApiAnswers;
  delete definitions.ApiAnswers;
  const errorBody = definitions.ApiError;
  delete definitions.ApiError;
  const schemas: AnswerSchemas = {
    answers: relink(root?.properties ?? {}) as AnswerSchemas['answers'],
    error: relink(errorBody) as SchemaObject,
    schemas: Object.fromEntries(
      Object.entries(definitions)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, schema]) => [componentName(name), relink(schema) as SchemaObject]),
    ),
  };
  return `${JSON.stringify(schemas, null, 2)}\n`;
}
