import { HttpStatus, type INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type ReferenceObject,
  type RequestBodyObject,
  type ResponseObject,
  type SchemaObject,
} from '@nestjs/swagger';
import { ROLE_LABELS, type ErrorCode, type Role } from '@shouhu/shared';
import type { AccessRule } from '../access/access.decorator';
import type { AppConfig } from '../config/app-config';
import { IDEMPOTENCY_KEY_PATTERN } from '../idempotency/idempotency.service';
import { SAFE_REQUEST_ID } from '../logging/request-id';
import type { AnswerSchemas } from './answer-schemas.generator';
import generatedSchemas from './answer-schemas.json';
import { CODE_LABELS, ERROR_CODE_MEANINGS, codeList } from './code-labels';
import { dtoSchema, queryParameters, type DtoClass } from './dto-schemas';
import { rateLimitNote } from './rate-limit-notes';
import type { Refusal } from './refuses.decorator';
import { IDEMPOTENCY_KEY_HEADER, routeFacts, type RouteFacts } from './route-facts';

/**
 * What the OpenAPI page documents, and what it does not (README, The edge of the server). Swagger
 * UI reads descriptions as Markdown with HTML, so none holds an angle bracket.
 */
const API_DOCS_DESCRIPTION = [
  '未成年人强制报告与受理办理平台的 HTTP 接口：本服务器实际提供的每个路由（/api/v1 下）、',
  '请求体字段及其校验、成功时的应答、需要的登录与角色、可能的错误码。',
  '错误一律为 {code, message, errors?, requestId}：code 是稳定的错误码，客户端按它判断；message 为中文，给人看；',
  'errors 按字段说明原因（400）；requestId 是这次请求的编号，与应答头 X-Request-Id 相同，反馈问题时请附上。',
  '限流与系统繁忙答 429/503 并带 Retry-After。',
  '登录：POST /auth/wechat 取得 token，其余接口在请求头 Authorization 中带上 Bearer、一个空格和这个 token。',
  '接口约定见 docs/api.md，业务术语见 docs/domain.md。本页只有接口说明，不含任何数据；生产环境默认关闭（API_DOCS）。',
].join('');

const REQUEST_ID_HEADER = 'X-Request-Id';

const REQUEST_ID_SCHEMA = { type: 'string', pattern: SAFE_REQUEST_ID.source };

const BEARER = 'bearer';

const generated = generatedSchemas as unknown as AnswerSchemas;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const RETRY_AFTER = {
  'Retry-After': {
    description: '多少秒后再试',
    schema: { type: 'integer', minimum: 1 },
  },
};

/** On every answer, success or error (`app.factory.ts` sets it on each). */
const REQUEST_ID_ANSWER = {
  [REQUEST_ID_HEADER]: {
    description:
      '这次请求的编号：请求带来的合格编号，否则服务器生成的；错误应答体的 requestId 与它相同',
    schema: REQUEST_ID_SCHEMA,
  },
};

/** `logging/request-id.ts`: an id the client chose is kept only when it is safe to log. */
function requestIdParameter(): ParameterObject {
  return {
    name: REQUEST_ID_HEADER,
    in: 'header',
    required: false,
    description:
      '可选：客户端自己的请求编号（8–64 个字母、数字、- 或 _），服务器记入日志并在应答中原样返回；' +
      '不带或不合格时服务器生成一个',
    schema: REQUEST_ID_SCHEMA,
  };
}

/** What each error status means on any route; the codes come from the route's facts. */
const ERROR_DESCRIPTIONS: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]:
    '请求有误（VALIDATION_FAILED）：errors 按字段说明原因，如 {"child.idNumber": "身份证号不正确…"}',
  [HttpStatus.UNAUTHORIZED]:
    '没有登录、登录已失效（UNAUTHENTICATED），或账号已停用（ACCOUNT_DISABLED）',
  [HttpStatus.FORBIDDEN]: '已登录，但没有这个操作的权限',
  [HttpStatus.NOT_FOUND]: '没有这条记录，或它不在调用者的范围内（不区分两者）',
  [HttpStatus.REQUEST_TIMEOUT]: '请求体没有及时发完（BODY_TIMEOUT_SECONDS），连接随后关闭',
  [HttpStatus.CONFLICT]: '与记录的当前状态冲突：code 说明原因，message 说明怎么办',
  [HttpStatus.PAYLOAD_TOO_LARGE]: '请求体超过大小上限（BODY_LIMIT_BYTES；上传为 UPLOAD_MAX_BYTES）',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]:
    '请求体的 Content-Type 不对：JSON 接口只收 application/json，上传只收 multipart/form-data',
  [HttpStatus.TOO_MANY_REQUESTS]: '操作太频繁，Retry-After 秒后再试',
  [HttpStatus.INTERNAL_SERVER_ERROR]: '服务器出错（INTERNAL），不含任何内部细节',
  [HttpStatus.SERVICE_UNAVAILABLE]:
    '数据库不可用或系统繁忙，Retry-After 秒后再试；请求没有保存任何内容',
};

const RETRY_STATUSES = new Set<number>([
  HttpStatus.TOO_MANY_REQUESTS,
  HttpStatus.SERVICE_UNAVAILABLE,
]);

function accessText(facts: RouteFacts): string {
  const { access } = facts;
  if (access.includes('public')) return '不需要登录';
  if (access.includes('authenticated')) {
    return facts.refusals.some((refusal) => refusal.status === HttpStatus.FORBIDDEN)
      ? '需要登录；是否允许还取决于请求的内容（见下方 403）'
      : '需要登录（任何角色）';
  }
  const roles = access.map((rule: AccessRule) => `${rule}（${ROLE_LABELS[rule as Role]}）`);
  return `需要登录，角色：${roles.join('、')}`;
}

/** The rules behind a route's refusals, by status, as a Markdown list. */
function refusalRules(refusals: readonly Refusal[], status?: HttpStatus): string {
  return refusals
    .filter(
      (refusal) => refusal.reasons.length > 0 && (status ?? refusal.status) === refusal.status,
    )
    .map(
      (refusal) =>
        `${refusal.status} ${refusal.codes.join('、')}：\n` +
        refusal.reasons.map((reason) => `- ${reason}`).join('\n'),
    )
    .join('\n\n');
}

/** The codes a route may answer, by status: what its declarations tell, then its `@Refuses`. */
function errorCodes(facts: RouteFacts, hasPathParameters: boolean): Map<HttpStatus, ErrorCode[]> {
  const takesBody = facts.body !== 'none';
  const takesJson = facts.body === 'empty' || typeof facts.body === 'function';
  const loggedIn = !facts.access.includes('public');
  const byRole = loggedIn && !facts.access.includes('authenticated');
  const statuses: [HttpStatus, ErrorCode[], boolean][] = [
    [HttpStatus.BAD_REQUEST, ['VALIDATION_FAILED'], true],
    [HttpStatus.UNAUTHORIZED, ['UNAUTHENTICATED', 'ACCOUNT_DISABLED'], loggedIn],
    [HttpStatus.FORBIDDEN, ['FORBIDDEN'], byRole],
    [HttpStatus.NOT_FOUND, ['NOT_FOUND'], hasPathParameters],
    [HttpStatus.REQUEST_TIMEOUT, ['VALIDATION_FAILED'], takesJson],
    [HttpStatus.CONFLICT, ['IDEMPOTENCY_CONFLICT'], facts.idempotencyKey !== null],
    [HttpStatus.PAYLOAD_TOO_LARGE, ['PAYLOAD_TOO_LARGE'], takesBody],
    [HttpStatus.UNSUPPORTED_MEDIA_TYPE, ['VALIDATION_FAILED'], takesBody],
    [HttpStatus.TOO_MANY_REQUESTS, ['RATE_LIMITED'], facts.rateLimit !== undefined],
    [HttpStatus.INTERNAL_SERVER_ERROR, ['INTERNAL'], true],
    [HttpStatus.SERVICE_UNAVAILABLE, ['SERVICE_UNAVAILABLE'], true],
  ];
  const codes = new Map<HttpStatus, ErrorCode[]>();
  const add = (status: HttpStatus, more: readonly ErrorCode[]) =>
    codes.set(status, [...new Set([...(codes.get(status) ?? []), ...more])]);
  for (const [status, more, applies] of statuses) if (applies) add(status, more);
  for (const refusal of facts.refusals) add(refusal.status, refusal.codes);
  return new Map([...codes].sort(([a], [b]) => a - b));
}

/**
 * The error body (`ApiErrorBody`, with the `requestId` every error answer carries) with `code`
 * narrowed to what this status of this route answers, each code with its meaning.
 */
function errorResponse(status: HttpStatus, codes: ErrorCode[], facts: RouteFacts): ResponseObject {
  const body = generated.schemas.ApiErrorBody;
  const code: SchemaObject = {
    type: 'string',
    enum: codes,
    description: codeList(codes, ERROR_CODE_MEANINGS),
  };
  const description = [
    ERROR_DESCRIPTIONS[status] ?? '请求被拒绝',
    refusalRules(facts.refusals, status),
  ];
  return {
    description: description.filter(Boolean).join('\n\n'),
    headers: { ...REQUEST_ID_ANSWER, ...(RETRY_STATUSES.has(status) ? RETRY_AFTER : {}) },
    content: {
      'application/json': {
        schema: {
          ...body,
          properties: { ...body.properties, code },
          required: [...new Set([...(body.required ?? []), 'requestId'])],
        },
      },
    },
  };
}

function successResponse(facts: RouteFacts): ResponseObject {
  const headers = {
    ...REQUEST_ID_ANSWER,
    'X-Server-Time': {
      description: '服务器时间（ISO 8601）：期限倒计时以它为准，不以手机时间为准',
      schema: { type: 'string', format: 'date-time' },
    },
    ...(facts.idempotencyKey !== null
      ? {
          'Idempotent-Replayed': {
            description:
              (facts.idempotencyKey === 'optional' ? '只在请求带了 Idempotency-Key 时出现。' : '') +
              'true：这是同一个 Idempotency-Key 的首次应答的重放，没有新建记录',
            schema: { type: 'string', enum: ['true', 'false'] },
          },
        }
      : {}),
  };
  if (facts.answer?.kind === 'media') {
    const bytes = { schema: { type: 'string', format: 'binary' } };
    return {
      description: '文件内容，按其真实类型（Content-Disposition: inline，不缓存）',
      headers,
      content: { 'image/*': bytes, 'video/*': bytes },
    };
  }
  if (facts.answer?.kind === 'file') {
    return {
      description: `${facts.answer.description}（Content-Disposition: attachment，不缓存）`,
      headers,
      content: { [facts.answer.mediaType]: { schema: { type: 'string', format: 'binary' } } },
    };
  }
  return {
    description: '成功',
    headers,
    content: facts.answer
      ? { 'application/json': { schema: generated.answers[facts.answer.name] } }
      : {},
  };
}

function requestBody(
  facts: RouteFacts,
  describe: (dto: DtoClass) => ReferenceObject,
): RequestBodyObject | undefined {
  if (facts.body === 'none') return undefined;
  if (facts.body === 'empty') {
    return {
      required: false,
      description: '这个操作不需要内容：不发送请求体，或发送 {}',
      content: {
        'application/json': {
          schema: { type: 'object', properties: {}, maxProperties: 0, additionalProperties: false },
        },
      },
    };
  }
  if (facts.body === 'multipart') {
    return {
      required: true,
      description: `一个文件（字段 file）：${facts.file?.detail ?? ''}`,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: { file: { type: 'string', format: 'binary' } },
            required: ['file'],
            additionalProperties: false,
          },
        },
      },
    };
  }
  return { required: true, content: { 'application/json': { schema: describe(facts.body) } } };
}

/**
 * The header where a route reads it: required (refused without it), or optional (the order
 * actions: a request without it runs as always, one with it is done once).
 */
function idempotencyKeyParameter(use: 'required' | 'optional'): ParameterObject {
  const optional =
    '可选：不带时照常执行；带上时，同一个值的重试不会再执行一次，只重放第一次成功的应答' +
    '（被拒绝的请求不保存，重试会再次被拒绝）。';
  return {
    name: IDEMPOTENCY_KEY_HEADER,
    in: 'header',
    required: use === 'required',
    description:
      (use === 'optional' ? optional : '') +
      '每次新的提交一个新值（建议 UUID）；超时或出错后重试时用同一个值，服务器只保存一次，并重放第一次的应答。' +
      '同一个值配不同的内容答 409 IDEMPOTENCY_CONFLICT',
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
  };
}

/** What the route's description says of the header. */
const IDEMPOTENCY_KEY_NOTES = {
  required: `必须带 ${IDEMPOTENCY_KEY_HEADER} 请求头，可安全重试`,
  optional: `可带 ${IDEMPOTENCY_KEY_HEADER} 请求头，带上后可安全重试（网络恢复后重发不会重复执行）`,
};

/** What describing one operation needs beyond its route's facts. */
interface OperationContext {
  config: AppConfig;
  /** The operations of each rate-limit kind, as `POST /api/v1/auth/dev`. */
  limited: Map<string, string[]>;
  describeDto: (dto: DtoClass) => ReferenceObject;
}

function limitNote(facts: RouteFacts, name: string, context: OperationContext): string {
  if (!facts.rateLimit) return '';
  const bodyFields =
    typeof facts.body === 'function'
      ? Object.keys(dtoSchema(facts.body, () => undefined).properties ?? {})
      : [];
  return rateLimitNote(
    {
      kind: facts.rateLimit,
      loggedIn: !facts.access.includes('public'),
      bodyFields,
      idempotencyKey: facts.idempotencyKey !== null,
      sharing: (context.limited.get(facts.rateLimit) ?? []).filter((other) => other !== name),
    },
    context.config.rateLimits[facts.rateLimit],
  );
}

function describeOperation(
  operation: OperationObject,
  name: string,
  facts: RouteFacts,
  context: OperationContext,
): void {
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  const hasPathParameters = parameters.some((parameter) => parameter.in === 'path');
  const notes = [
    accessText(facts),
    facts.idempotencyKey ? IDEMPOTENCY_KEY_NOTES[facts.idempotencyKey] : '',
  ]
    .filter(Boolean)
    .join('。');
  operation.description = [notes, limitNote(facts, name, context), refusalRules(facts.refusals)]
    .filter(Boolean)
    .join('\n\n');
  operation.security = facts.access.includes('public') ? [] : [{ [BEARER]: [] }];
  operation.parameters = [
    ...parameters.map((parameter) =>
      parameter.in === 'path' && facts.uuidParameters.includes(parameter.name)
        ? { ...parameter, schema: { type: 'string', format: 'uuid' } }
        : parameter,
    ),
    ...(facts.query ? queryParameters(facts.query) : []),
    ...(facts.idempotencyKey ? [idempotencyKeyParameter(facts.idempotencyKey)] : []),
    requestIdParameter(),
  ];
  const body = requestBody(facts, context.describeDto);
  if (body) operation.requestBody = body;
  else delete operation.requestBody;
  const [successStatus] = Object.keys(operation.responses);
  operation.responses = {
    [successStatus]: successResponse(facts),
    ...Object.fromEntries(
      [...errorCodes(facts, hasPathParameters)].map(([status, codes]) => [
        String(status),
        errorResponse(status, codes, facts),
      ]),
    ),
  };
}

/**
 * The OpenAPI 3.1 document of every route the app serves: Nest's paths and parameters, with the
 * request bodies read from the DTOs' rules, the answers generated from their TypeScript types,
 * and the login, limits (as `config` sets them), headers and error codes each route's
 * declarations tell; every code list with its labels from `shared/`.
 */
export function buildApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('守护 Shouhu API')
      .setDescription(API_DOCS_DESCRIPTION)
      .setVersion('1')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          description:
            '登录接口（POST /auth/wechat 等）返回的 token，放在请求头 Authorization 中，前面加 Bearer 和一个空格',
        },
        BEARER,
      )
      .build(),
  );
  // Nest's own components are the DTOs without their fields; each is described again below.
  const schemas: Record<string, SchemaObject> = { ...generated.schemas };
  for (const [name, labels] of Object.entries(CODE_LABELS)) {
    const schema = schemas[name];
    if (schema?.enum) {
      schemas[name] = { ...schema, description: codeList(schema.enum, labels) };
    }
  }
  const describeDto = (dto: DtoClass): ReferenceObject => {
    if (!schemas[dto.name]) {
      schemas[dto.name] = {};
      schemas[dto.name] = dtoSchema(dto, describeDto);
    }
    return { $ref: `#/components/schemas/${dto.name}` };
  };
  const facts = new Map(routeFacts(app).map((route) => [route.operationId, route]));
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = item[method];
      const route = operation?.operationId ? facts.get(operation.operationId) : undefined;
      return operation && route
        ? [{ name: `${method.toUpperCase()} ${path}`, operation, route }]
        : [];
    }),
  );
  const limited = new Map<string, string[]>();
  for (const { name, route } of operations) {
    if (route.rateLimit)
      limited.set(route.rateLimit, [...(limited.get(route.rateLimit) ?? []), name]);
  }
  for (const { name, operation, route } of operations) {
    describeOperation(operation, name, route, { config, limited, describeDto });
  }
  document.components = {
    ...document.components,
    schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
  };
  return document;
}
