import type { NotificationChanges } from './notifications.repository';
import type { SendOutcome } from './wechat-messages.client';

/** What one run of the sender did. */
export interface DeliveryTally {
  sent: number;
  refused: number;
  failed: number;
  retried: number;
  /** Sent, with no answer: may have arrived, never sent again. */
  unknown: number;
}

export const MAX_ATTEMPTS = 5;
/**
 * The wait after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure is final. The SMS
 * sender waits out a rate limit on the same steps.
 */
export const RETRY_BACKOFF_MINUTES = [1, 5, 30, 120];
/** The longest provider error kept on a message. */
export const ERROR_MAX_LENGTH = 500;

/** What to record after an attempt: done, refused for good, unknown, retried later, or given up. */
export function settle(
  attemptsBefore: number,
  outcome: SendOutcome,
  now: Date,
): { tally: keyof DeliveryTally; changes: NotificationChanges } {
  const attempts = attemptsBefore + 1;
  if (outcome.result === 'sent') {
    return { tally: 'sent', changes: { status: 'sent', attempts, sentAt: now } };
  }
  const lastError = outcome.error.slice(0, ERROR_MAX_LENGTH);
  if (outcome.result === 'refused') {
    return { tally: 'refused', changes: { status: 'refused', attempts, lastError } };
  }
  if (outcome.result === 'unknown') {
    return { tally: 'unknown', changes: { status: 'unknown', attempts, lastError } };
  }
  if (attempts >= MAX_ATTEMPTS) {
    return { tally: 'failed', changes: { status: 'failed', attempts, lastError } };
  }
  const wait = RETRY_BACKOFF_MINUTES[attempts - 1] * 60_000;
  return {
    tally: 'retried',
    changes: { attempts, lastError, nextAttemptAt: new Date(now.getTime() + wait) },
  };
}
