import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { createLogger, errorFields } from './logger';

function capture() {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { destination, text: () => text };
}

describe(createLogger.name, () => {
  it('writes a JSON line with the level by name and the time in ISO 8601', () => {
    const { destination, text } = capture();

    createLogger('info', destination).info({ job: 'sla-sweep' }, 'job');

    expect(JSON.parse(text())).toEqual(
      expect.objectContaining({
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        job: 'sla-sweep',
        msg: 'job',
      }),
    );
  });

  it.each([
    ['warn', 'info', false],
    ['info', 'info', true],
    ['debug', 'debug', true],
    ['silent', 'fatal', false],
  ] as const)('at %s, writes a line at %s: %s', (level, lineLevel, written) => {
    const { destination, text } = capture();

    createLogger(level, destination)[lineLevel]('a line');

    expect(text() !== '').toBe(written);
  });

  it('logs an error without the parameters of a failed query', () => {
    const { destination, text } = capture();
    const failed = new QueryFailedError(
      'INSERT INTO reports (reporter_phone) VALUES (?)',
      ['13912345678'],
      Object.assign(new Error('Data too long'), { code: 'ER_DATA_TOO_LONG' }),
    );

    createLogger('info', destination).error({ err: failed }, 'request');

    expect(text()).not.toContain('13912345678');
    expect(JSON.parse(text()).err).toEqual(errorFields(failed));
  });
});

describe(errorFields.name, () => {
  it('keeps the type, code, message and stack of an error, and nothing else', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
      parameters: ['张三'],
    });

    expect(errorFields(error)).toEqual({
      type: 'Error',
      code: 'ECONNREFUSED',
      message: 'connect ECONNREFUSED',
      stack: error.stack,
    });
  });

  it.each([
    [
      'an openid in a duplicate entry',
      "Duplicate entry 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M' for key 'users.IDX_openid'",
      "Duplicate entry '…' for key 'users.IDX_openid'",
    ],
    [
      'a tracking code with a quote in a duplicate entry',
      "Duplicate entry 'AB'CD-EFGH' for key 'reports.IDX_tracking_code'",
      "Duplicate entry '…' for key 'reports.IDX_tracking_code'",
    ],
    [
      'a name in an incorrect string value',
      "Incorrect string value: '\\xE5\\xBC\\xA0\\xE4\\xB8\\x89' for column `shouhu`.`reports`.`child_name` at row 1",
      "Incorrect string value: '…' for column `shouhu`.`reports`.`child_name` at row 1",
    ],
    [
      'a phone in a truncated value',
      "Truncated incorrect DOUBLE value: '13912345678'",
      "Truncated incorrect DOUBLE value: '…'",
    ],
  ])('blanks %s in the message and the stack', (_what, message, kept) => {
    const error = Object.assign(new Error(message), { code: 'ER_DUP_ENTRY' });

    const fields = errorFields(error);

    expect(fields.message).toBe(kept);
    expect(fields.stack?.split('\n')[0]).toBe(`Error: ${kept}`);
    expect(fields.stack?.split('\n').length).toBe(error.stack?.split('\n').length);
  });

  it('names what was thrown when it is not an error, an object by its fields’ names only', () => {
    expect(errorFields('gone')).toEqual({ type: 'string', message: 'gone' });
    expect(errorFields({ reason: 'gone', phone: '13912345678' })).toEqual({
      type: 'Object',
      message: '(no message; fields reason, phone)',
    });
  });
});
