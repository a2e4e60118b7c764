import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_PREFIX } from '@shouhu/shared';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation.pipe';
import { ApiException } from './common/api-exception';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './common/json-depth';
import { CLOCK, type Clock } from './common/clock';
import type { AppConfig } from './config/app-config';
import { h5StaticOptions } from './h5/h5-static';

export interface CreateAppOptions {
  logger?: LogLevel[] | false;
  /** Tests pass their own clock to check deadlines and expiry at chosen instants. */
  clock?: Clock;
}

/** Builds the whole server; main.ts listens, tests call this with their own config. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
  });

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.clock),
    adapter,
    {
      logger: options.logger ?? ['log', 'warn', 'error'],
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
  fastify.addHook('onSend', async (_request, reply) => {
    reply.header('x-server-time', clock.now().toISOString());
  });
  // Before the guard and the pipe: their transformer and validator recurse once per level.
  fastify.addHook('preValidation', async (request) => {
    if (nestedDeeperThan(request.body, MAX_JSON_DEPTH)) {
      throw ApiException.validation({ body: `内容的嵌套不能超过${MAX_JSON_DEPTH}层` });
    }
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('守护 Shouhu API')
      .setDescription('未成年人强制报告与受理办理平台的 HTTP 接口，见 docs/api.md')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);

  if (config.h5Directory) {
    await app.register(fastifyStatic, h5StaticOptions(config.h5Directory));
  }
  return app;
}
