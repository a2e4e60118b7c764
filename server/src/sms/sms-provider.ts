import type { SendOutcome } from '../notifications/wechat-messages.client';

/** One text message to one mobile, by an approved template and its variables in order. */
export interface SmsRequest {
  /** A mainland mobile, normalised (11 digits). */
  phone: string;
  templateId: string;
  params: string[];
  /** Our message id, which the provider echoes in its delivery receipts. */
  reference: string;
}

/**
 * `refused`: the provider will never deliver it (no such number, the owner opted out);
 * `limited`: a rate limit (per phone or for the whole account) answered, so try later.
 */
export type SmsOutcome =
  (SendOutcome & { serial?: string }) | { result: 'limited'; error: string; serial?: undefined };

/**
 * The SMS provider behind the outbox. Tencent Cloud SMS is the one built; another (Aliyun, a
 * carrier gateway) is one more implementation of this.
 */
export interface SmsProvider {
  send(request: SmsRequest): Promise<SmsOutcome>;
}

export const SMS_PROVIDER = Symbol('SmsProvider');
