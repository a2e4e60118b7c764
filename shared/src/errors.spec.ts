import { CALLBACK_REFUSAL_CODES, CALLBACK_REFUSALS, callbackRefusalMessage } from './callbacks';
import { ERROR_CODES } from './errors';
import { REFUSAL_CODES, REFUSALS, refusalMessage } from './order-states';
import { RATING_REFUSAL_CODES, RATING_REFUSALS, ratingRefusalMessage } from './ratings';

const CHINESE = /[\u4e00-\u9fff]/;
/** A word of Latin letters: English or a code, never what a person reads here ("P1" is a label). */
const LATIN_WORD = /[A-Za-z]{2,}/;

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

  it.each(refusals)('$code says the problem, then what to do, in Chinese', (refusal) => {
    for (const part of [refusal.problem, refusal.whatToDo]) {
      expect(part).toMatch(CHINESE);
      expect(part).not.toMatch(LATIN_WORD);
    }
    expect(refusal.message.startsWith(refusal.problem)).toBe(true);
    expect(refusal.message.endsWith(refusal.whatToDo)).toBe(true);
    expect(refusal.message).not.toMatch(LATIN_WORD);
  });

  it.each(refusals)('$code is a stable error code of the contract', ({ code }) => {
    expect(ERROR_CODES).toContain(code);
  });

  it('codes are unique across the contract', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
