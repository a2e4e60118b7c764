import { settle } from './delivery';
import type { SendOutcome } from './wechat-messages.client';

const NOW = new Date('2026-11-16T01:00:00Z');
const minutesLater = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const error: SendOutcome = { result: 'error', error: '/cgi-bin/message/subscribe/send: HTTP 500' };

describe(settle.name, () => {
  it('marks a delivered message sent', () => {
    expect(settle(2, { result: 'sent' }, NOW)).toEqual({
      tally: 'sent',
      changes: { status: 'sent', attempts: 3, sentAt: NOW },
    });
  });

  it('never retries a message the user refused', () => {
    expect(
      settle(0, { result: 'refused', error: 'subscribe/send: 43101 user refuse' }, NOW),
    ).toEqual({
      tally: 'refused',
      changes: { status: 'refused', attempts: 1, lastError: 'subscribe/send: 43101 user refuse' },
    });
  });

  it.each([0, 3])(
    'after %i earlier failures, records a send without an answer as unknown and never plans another',
    (before) => {
      const lost: SendOutcome = { result: 'unknown', error: 'subscribe/send: no answer' };

      expect(settle(before, lost, NOW)).toEqual({
        tally: 'unknown',
        changes: { status: 'unknown', attempts: before + 1, lastError: lost.error },
      });
    },
  );

  it.each([
    [0, 1],
    [1, 5],
    [2, 30],
    [3, 120],
  ])('after %i earlier failures, tries again %i minutes later', (before, minutes) => {
    expect(settle(before, error, NOW)).toEqual({
      tally: 'retried',
      changes: {
        attempts: before + 1,
        lastError: error.error,
        nextAttemptAt: minutesLater(minutes),
      },
    });
  });

  it('gives up after the fifth failure and keeps the error', () => {
    expect(settle(4, error, NOW)).toEqual({
      tally: 'failed',
      changes: { status: 'failed', attempts: 5, lastError: error.error },
    });
  });

  it('keeps an error short enough for its column', () => {
    const { changes } = settle(0, { result: 'error', error: 'x'.repeat(2000) }, NOW);

    expect(changes.lastError).toHaveLength(500);
  });
});
