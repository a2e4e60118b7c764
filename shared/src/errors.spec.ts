import { CALLBACK_REFUSAL_CODES, CALLBACK_REFUSALS, callbackRefusalMessage } from './callbacks';
import { ERROR_CODES } from './errors';
import { REFUSAL_CODES, REFUSALS, refusalMessage } from './order-states';
import { RATING_REFUSAL_CODES, RATING_REFUSALS, ratingRefusalMessage } from './ratings';

const CHINESE = /[\u4e00-\u9fff]/;

describe('refusals', () => {
  const refusals = [
    ...REFUSAL_CODES.map((code) => ({ code, ...REFUSALS[code], message: refusalMessage(code) })),
    ...RATING_REFUSAL_CODES.map((code) => ({
      code,
      ...RATING_REFUSALS[code],
      message: ratingRefusalMessage(code),
    })),
    ...CALLBACK_REFUSAL_CODES.map((code) => ({
      code,
      ...CALLBACK_REFUSALS[code],
      message: callbackRefusalMessage(code),
    })),
  ];

  it.each(refusals)('$code says the problem and what to do, in Chinese', (refusal) => {
    expect(refusal.problem).toMatch(CHINESE);
    expect(refusal.whatToDo).toMatch(CHINESE);
    expect(refusal.message).toContain(refusal.problem);
    expect(refusal.message).toContain(refusal.whatToDo);
    expect(refusal.message).not.toContain(refusal.code);
  });

  it.each(refusals)('$code is a stable error code of the contract', ({ code }) => {
    expect(ERROR_CODES).toContain(code);
  });

  it('codes are unique across the contract', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
