import type { SmsKind } from '@shouhu/shared';

const HOUR_MS = 3600_000;

/**
 * How long after it was queued a text message is still worth sending; after that the sender marks
 * it `expired` instead (a provider outage, no provider yet, a long rate limit). A late text is
 * worse than none: a P1 alert weeks late sends someone to a case closed long ago, and a caller's
 * 受理 after their 办结 says the opposite of the truth.
 */
export const SMS_TIME_TO_LIVE: Record<SmsKind, { ms: number; why: string }> = {
  duty_order: {
    ms: 2 * HOUR_MS,
    why: 'a P1 order is to be signed within 30 minutes; after 2 hours its 督办 texts and the app carry it',
  },
  duty_escalation: {
    ms: 2 * HOUR_MS,
    why: 'a 督办 is "now"; the next stage, the red list, is texted on its own',
  },
  caller_accepted: {
    ms: 24 * HOUR_MS,
    why: '受理 is news for a day; once the report closes the 办结 replaces it',
  },
  caller_closed: {
    ms: 3 * 24 * HOUR_MS,
    why: 'the outcome stays true, but a text days later reads as a new event; 回访 calls the caller',
  },
};

/** The latest queue time of a message of this kind that may still be sent at `now`. */
export function queuedAfter(kind: SmsKind, now: Date): Date {
  return new Date(now.getTime() - SMS_TIME_TO_LIVE[kind].ms);
}

/** Whether a message queued at `createdAt` may still be sent at `at`. */
export function stillWorthSending(kind: SmsKind, createdAt: Date, at: Date): boolean {
  return createdAt.getTime() > queuedAfter(kind, at).getTime();
}
