import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { API_PREFIX } from '@shouhu/shared';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken, TokenService } from './access/token.service';
import { buildApiDocument } from './api-docs/api-document';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation.pipe';
import { ApiException } from './common/api-exception';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './common/json-depth';
import { refuseOtherMediaTypes } from './common/body-media-type';
import { watchBodyDeadline } from './common/body-deadline';
import { clientErrorHandler, watchRequestStarts } from './common/client-error';
import { errorAnswer } from './common/error-response';
import { applyEdgeHeaders, applyRouterErrorHeaders } from './common/edge-headers';
import { securityHeaderOptions } from './common/security-headers';
import { loneSurrogatePaths } from './common/lone-surrogates';
import { CLOCK, type Clock } from './common/clock';
import type { AppConfig } from './config/app-config';
import { fastifyTrustProxy } from './config/trust-proxy';
import { h5StaticOptions } from './h5/h5-static';
import { gateIntake, intakeLimits } from './common/intake-gate';
import { inlineScriptHashes } from './h5/inline-script-hashes';
import type { Logger } from './logging/logger';
import { routeMp4boxLog } from './logging/mp4box-log';
import { NestLogger } from './logging/nest-logger';
import { REQUEST_ID_HEADER, requestIdOf } from './logging/request-id';
import { RequestLog, logRequest, noteCaller, requestLine } from './logging/request-log';

export interface CreateAppOptions {
  /** The server's one logger (`createLogger`); tests give one that writes where they read. */
  logger: Logger;
  /** Tests pass their own clock to check deadlines and expiry at chosen instants. */
  clock?: Clock;
}

/** Builds the whole server; main.ts listens, tests call this with their own config. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions,
): Promise<NestFastifyApplication> {
  const { logger } = options;
  routeMp4boxLog(logger);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new RequestLog(logger),
    genReqId: requestIdOf,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // The router refuses a malformed URL or an over-long segment before Nest's filter can see it.
    // No hook runs for these answers, so they get their headers here.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const { status, body } = errorAnswer(error, request);
      void reply.status(status).header(REQUEST_ID_HEADER, request.id);
      applyRouterErrorHeaders(reply);
      applyEdgeHeaders(request, reply);
      void reply.send(body);
      // Nor is Fastify's request log told of them.
      logRequest(logger, requestLine(request, status, reply.elapsedTime));
    },
    clientErrorHandler: clientErrorHandler(logger),
    // Node would answer a missing Host itself, bare; the hook below answers it in our shape.
    http: { requireHostHeader: false },
  });

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, logger, options.clock),
    adapter,
    {
      logger: new NestLogger(logger),
      // Nest's parsers would add application/x-www-form-urlencoded; api.md's bodies are JSON only.
      bodyParser: false,
    },
  );
  app.setGlobalPrefix(API_PREFIX.slice(1));
  app.useGlobalPipes(createValidationPipe());
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.uploads.maxBytes, files: 1, fields: 0 },
  });
  app.enableShutdownHooks();
  // Phones count deadlines down on the server's clock: theirs may be wrong, and drills move ours.
  const clock = app.get<Clock>(CLOCK);
  const fastify = app.getHttpAdapter().getInstance();
  // helmet itself, built once: @fastify/helmet built it anew for every request (about 2 % of the
  // server's CPU under intake load).
  const securityHeaders = helmet(
    securityHeaderOptions(config.h5Directory ? inlineScriptHashes(config.h5Directory) : []),
  );
  // helmet 8 throws a failure rather than passing it on, so its callback only ever says "go on".
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, () => done()),
  );
  watchRequestStarts(fastify.server);
  gateIntake(fastify, intakeLimits(config.database, config.intakeMaxAtWork));
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-server-time', clock.now().toISOString());
    reply.header(REQUEST_ID_HEADER, request.id);
    applyEdgeHeaders(request, reply);
  });
  const tokens = app.get(TokenService);
  fastify.addHook('onRequest', async (request, reply) => {
    // Whose request this is, for its log line, before anything below may refuse it.
    const caller = tokens.verify(bearerToken(request.headers.authorization));
    if (caller) noteCaller(request, caller.userId);
    if (request.raw.httpVersion === '1.1' && !request.headers.host) {
      throw ApiException.validation({ host: '缺少 Host 请求头' }, '请求格式不正确');
    }
    refuseOtherMediaTypes(request);
    watchBodyDeadline(request, reply, config.bodyTimeoutSeconds, logger);
  });
  // No body is no body, whatever the Content-Type says: routes without fields take `{}` or nothing.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, text, done) => {
    const json = text.toString();
    if (json === '') done(null, undefined);
    else parseJson(request, json, done);
  });
  // Before the guard and the pipe: their transformer and validator recurse once per level.
  fastify.addHook('preValidation', async (request) => {
    if (nestedDeeperThan(request.body, MAX_JSON_DEPTH)) {
      throw ApiException.validation({ body: `内容的嵌套不能超过${MAX_JSON_DEPTH}层` });
    }
    // Only JSON can carry half a surrogate pair: a URL's %-escapes are UTF-8, and Fastify keeps an
    // undecodable query value as typed and refuses such a path (400).
    const broken = loneSurrogatePaths(request.body);
    if (broken.length > 0) {
      throw ApiException.validation(
        Object.fromEntries(
          broken.map((path) => [path || 'body', '含有无法识别的字符，请删除后重新输入']),
        ),
      );
    }
  });

  if (config.apiDocs) {
    SwaggerModule.setup('api/docs', app, buildApiDocument(app, config));
  }

  if (config.h5Directory) {
    await app.register(fastifyStatic, h5StaticOptions(config.h5Directory));
  }
  return app;
}
