import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LOGGER, type Logger } from './logger';

/** Hands every provider the server's one logger; each takes a child naming its job or component. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: LOGGER, useValue: logger }],
      exports: [LOGGER],
    };
  }
}
