import { Writable } from 'node:stream';
import { createFile, Log } from 'mp4box';
import { createLogger } from './logger';
import { routeMp4boxLog } from './mp4box-log';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('trace', destination), lines };
}

describe(routeMp4boxLog.name, () => {
  const consoleWrites = (['log', 'debug', 'info', 'warn', 'error'] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation(() => undefined),
  );

  afterAll(() => consoleWrites.forEach((spy) => spy.mockRestore()));

  it('writes mp4box’s errors and warnings at debug and its detail at trace, none on the console', () => {
    const { logger, lines } = capture();
    routeMp4boxLog(logger);

    Log.error('BoxParser', "Invalid box type: 'ELF'");
    Log.warn('ISOFile', 'Not enough data');
    Log.info('ISOFile', 'Found moov');
    Log.debug('BoxParser', 'Found box ftyp');

    expect(lines).toEqual([
      expect.objectContaining({ level: 'debug', component: 'mp4box', module: 'BoxParser' }),
      expect.objectContaining({ level: 'debug', component: 'mp4box', module: 'ISOFile' }),
      expect.objectContaining({ level: 'trace', msg: 'Found moov' }),
      expect.objectContaining({ level: 'trace', msg: 'Found box ftyp' }),
    ]);
    expect(lines[0].msg).toBe("Invalid box type: 'ELF'");
    expect(consoleWrites.flatMap((spy) => spy.mock.calls)).toEqual([]);
  });

  it('still hands an error about a file to that file’s onError, which the video check relies on', () => {
    const { logger, lines } = capture();
    routeMp4boxLog(logger);
    const file = createFile(false);
    const errors: string[] = [];
    file.onError = (module, message) => errors.push(`${module}: ${message}`);

    Log.error('ISOFile', 'Invalid data found while parsing box', file);

    expect(errors).toEqual(['ISOFile: Invalid data found while parsing box']);
    expect(lines).toEqual([]);
  });
});
