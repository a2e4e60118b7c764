import Taro from '@tarojs/taro';
import type { Channel, CreateReportRequest } from '@shouhu/shared';
import type { ReportForm } from '../pages/report/report-form';

/**
 * A report being written, kept on the phone as it is typed. Once sent, `pending` holds the exact
 * request and its Idempotency-Key until the server confirms, so every retry is the same request
 * and the server files it once.
 */
export interface Draft {
  form: ReportForm;
  pending: { idempotencyKey: string; request: CreateReportRequest } | null;
}

const key = (channel: Channel) => `shouhu.draft.${channel}`;

export function loadDraft(channel: Channel): Draft | null {
  return Taro.getStorageSync<Draft>(key(channel)) || null;
}

export function saveDraft(channel: Channel, draft: Draft): void {
  Taro.setStorageSync(key(channel), draft);
}

export function clearDraft(channel: Channel): void {
  Taro.removeStorageSync(key(channel));
}
