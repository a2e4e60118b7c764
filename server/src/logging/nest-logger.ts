import type { LoggerService } from '@nestjs/common';
import type { Level } from 'pino';
import type { Logger } from './logger';

/**
 * Nest's own lines (a module initialised, a route mapped, a framework warning) on the server's
 * logger, with Nest's context as `component`. Nest's `log` is start-up chatter, a hundred lines
 * at each boot: `debug`. Nothing of ours logs through Nest.
 */
export class NestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...context: unknown[]): void {
    this.write('debug', message, context);
  }

  error(message: unknown, ...context: unknown[]): void {
    this.write('error', message, context);
  }

  warn(message: unknown, ...context: unknown[]): void {
    this.write('warn', message, context);
  }

  debug(message: unknown, ...context: unknown[]): void {
    this.write('debug', message, context);
  }

  verbose(message: unknown, ...context: unknown[]): void {
    this.write('trace', message, context);
  }

  fatal(message: unknown, ...context: unknown[]): void {
    this.write('fatal', message, context);
  }

  /** Nest passes the context last, after an error's stack when it has one. */
  private write(level: Level, message: unknown, context: unknown[]): void {
    const component = context.at(-1);
    const stack = context.length > 1 ? context.at(-2) : undefined;
    const fields = {
      ...(typeof component === 'string' ? { component } : {}),
      ...(typeof stack === 'string' ? { stack } : {}),
    };
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else
      this.logger[level](fields, typeof message === 'string' ? message : JSON.stringify(message));
  }
}
