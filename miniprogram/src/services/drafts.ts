import Taro from '@tarojs/taro';
import type { Channel, CreateReportRequest } from '@shouhu/shared';
import { completeForm, type ReportForm } from '../pages/report/report-form';

/**
 * A report being written, kept on the phone as it is typed. Once submitted it is no longer a
 * draft: the outbox (`outbox.ts`) keeps it until the server confirms.
 */
export interface Draft {
  form: ReportForm;
  /** The step the reporter was on, so a reopened draft continues there. */
  step: number;
}

/** What an older app kept in a draft it had sent without an answer: a finished report. */
export interface LegacyPending {
  form: ReportForm;
  idempotencyKey: string;
  request: CreateReportRequest;
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
  const saved = Taro.getStorageSync<Partial<Draft & { pending: unknown }>>(key(channel));
  if (!saved || !saved.form || saved.pending) return null;
  const form = completeForm(saved.form);
  return {
    form: {
      ...form,
      evidence: form.evidence.map((e) => (e.uploadId ? e : { ...e, failed: true })),
    },
    step: saved.step ?? 0,
  };
}

/** Takes a sent-but-unconfirmed report out of an older app's draft, for the outbox. */
export function takeLegacyPending(channel: Channel): LegacyPending | null {
  const saved = Taro.getStorageSync<
    Partial<{ form: ReportForm; pending: Omit<LegacyPending, 'form'> | null }>
  >(key(channel));
  if (!saved || !saved.form || !saved.pending) return null;
  Taro.removeStorageSync(key(channel));
  return { form: saved.form, ...saved.pending };
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
