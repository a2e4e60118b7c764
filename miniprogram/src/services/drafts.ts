import Taro from '@tarojs/taro';
import type { Channel, CreateReportRequest } from '@shouhu/shared';
import { completeForm, type ReportForm } from '../pages/report/report-form';

/**
 * A report being written, kept on the phone as it is typed. Once sent, `pending` holds the exact
 * request and its Idempotency-Key until the server confirms, so every retry is the same request
 * and the server files it once.
 */
export interface Draft {
  form: ReportForm;
  /** The step the reporter was on, so a reopened draft continues there. */
  step: number;
  pending: { idempotencyKey: string; request: CreateReportRequest } | null;
}

/**
 * A browser hands videos over as data URLs of many megabytes; storage keeps only short paths, and
 * a file without one is uploaded already or has to be picked again.
 */
const MAX_STORED_PATH = 2048;

const key = (channel: Channel) => `shouhu.draft.${channel}`;

/**
 * The saved draft, completed with fields added since it was saved. A file that was still uploading
 * when the app closed is shown as failed, to be retried or removed.
 */
export function loadDraft(channel: Channel): Draft | null {
  const saved = Taro.getStorageSync<Partial<Draft>>(key(channel));
  if (!saved || !saved.form) return null;
  const form = completeForm(saved.form);
  return {
    form: {
      ...form,
      evidence: form.evidence.map((e) => (e.uploadId ? e : { ...e, failed: true })),
    },
    step: saved.step ?? 0,
    pending: saved.pending ?? null,
  };
}

export function saveDraft(channel: Channel, draft: Draft): void {
  const evidence = draft.form.evidence.map((e) =>
    e.path.length > MAX_STORED_PATH ? { ...e, path: '' } : e,
  );
  Taro.setStorageSync(key(channel), { ...draft, form: { ...draft.form, evidence } });
}

export function clearDraft(channel: Channel): void {
  Taro.removeStorageSync(key(channel));
}
