import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { NestLogger } from './nest-logger';

function sut() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { nest: new NestLogger(createLogger('trace', destination)), lines };
}

describe(NestLogger.name, () => {
  it('writes Nest’s start-up chatter at debug, with its context as the component', () => {
    const { nest, lines } = sut();

    nest.log('Mapped {/api/v1/health, GET} route', 'RouterExplorer');

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'debug',
        component: 'RouterExplorer',
        msg: 'Mapped {/api/v1/health, GET} route',
      }),
    ]);
  });

  it('keeps Nest’s warnings and errors at their level, an error’s stack with it', () => {
    const { nest, lines } = sut();

    nest.warn('a route reads one parameter', 'FastifyAdapter');
    nest.error('could not start', 'Error: could not start\n    at main', 'NestApplication');
    nest.verbose('detail', 'InstanceLoader');

    expect(lines).toEqual([
      expect.objectContaining({ level: 'warn', component: 'FastifyAdapter' }),
      expect.objectContaining({
        level: 'error',
        component: 'NestApplication',
        stack: 'Error: could not start\n    at main',
        msg: 'could not start',
      }),
      expect.objectContaining({ level: 'trace', component: 'InstanceLoader', msg: 'detail' }),
    ]);
  });
});
