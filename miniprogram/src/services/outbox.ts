import Taro from '@tarojs/taro';
import { FORM_CHANNELS, type Channel, type CreateReportRequest } from '@shouhu/shared';
import { REPORT_STEPS, type ReportForm } from '../pages/report/report-form';
import { ApiError, failureLines, refusalOf, type Refusal } from './api-error';
import { rememberDivisionPath } from './divisions';
import { loadDraft, saveDraft, takeLegacyPending } from './drafts';
import { keepReceipt, submitReport } from './reports';

/**
 * Finished reports waiting to be sent, kept on the phone apart from drafts (the form still being
 * typed). Each keeps the exact request and the Idempotency-Key made for it when the reporter
 * pressed 提交, so however often it is sent — at launch, when the network comes back, every 10 s,
 * on 立即发送 from any page — the server files it once. One report is sent at a time, oldest first.
 */
export interface QueuedReport {
  idempotencyKey: string;
  request: CreateReportRequest;
  /** The form as submitted, given back as a draft if the server refuses the report. */
  form: ReportForm;
  queuedAt: string;
}

/** A queued report the server filed: its receipt is kept (`keptReceipt`), shown until opened. */
export interface SentReport {
  idempotencyKey: string;
  id: string;
  trackingCode: string;
  call110: boolean;
  hotline: boolean;
  sentAt: string;
}

/** A queued report the server refused (not a network fault): back in its channel's draft to fix. */
export interface RefusedReport {
  idempotencyKey: string;
  channel: Channel;
  /** What the notices read: the message, then each field's reason. */
  lines: string[];
  /**
   * The refusal by field, for the form to draw at its fields; absent from refusals kept by an
   * older app.
   */
  refusal?: Refusal;
  /** The refused form became its channel's draft (none was being written): its fields may be drawn. */
  restored?: boolean;
}

export interface OutboxState {
  queued: QueuedReport[];
  sent: SentReport[];
  refused: RefusedReport[];
  sending: boolean;
  /** The last attempt found no network or a server that could not answer. */
  offline: boolean;
}

const QUEUE_KEY = 'shouhu.outbox';
const SENT_KEY = 'shouhu.outbox.sent';
const REFUSED_KEY = 'shouhu.outbox.refused';
const CHANGED = 'shouhu.outbox.changed';
const RETRY_MS = 10_000;
const KEPT_SENT = 20;

const read = <T>(key: string): T[] => {
  const value = Taro.getStorageSync<T[]>(key);
  return Array.isArray(value) ? value : [];
};

let sending: Promise<void> | null = null;
let offline = false;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let started = false;

export function outboxState(): OutboxState {
  return {
    queued: read<QueuedReport>(QUEUE_KEY),
    sent: read<SentReport>(SENT_KEY),
    refused: read<RefusedReport>(REFUSED_KEY),
    sending: sending !== null,
    offline,
  };
}

function changed(): void {
  Taro.eventCenter.trigger(CHANGED, outboxState());
}

/** Calls `listener` with the new state after every change; returns the unsubscribe. */
export function onOutboxChange(listener: (state: OutboxState) => void): () => void {
  Taro.eventCenter.on(CHANGED, listener);
  return () => Taro.eventCenter.off(CHANGED, listener);
}

/** Puts a finished report in the queue once (a second press of 提交 adds nothing) and sends. */
export function queueReport(report: Omit<QueuedReport, 'queuedAt'>): Promise<void> {
  const queued = read<QueuedReport>(QUEUE_KEY);
  if (!queued.some((q) => q.idempotencyKey === report.idempotencyKey)) {
    Taro.setStorageSync(QUEUE_KEY, [...queued, { ...report, queuedAt: new Date().toISOString() }]);
    changed();
  }
  return sendQueued();
}

/** Sends every queued report, one at a time; concurrent callers share the same run. */
export function sendQueued(): Promise<void> {
  if (sending) return sending;
  clearRetry();
  sending = drain().finally(() => {
    sending = null;
    if (read(QUEUE_KEY).length > 0) retryTimer = setTimeout(() => void sendQueued(), RETRY_MS);
    changed();
  });
  changed();
  return sending;
}

async function drain(): Promise<void> {
  for (;;) {
    const [next] = read<QueuedReport>(QUEUE_KEY);
    if (!next) return;
    try {
      const created = await submitReport(next.request, next.idempotencyKey);
      offline = false;
      keepReceipt(created);
      rememberDivisionPath(next.form.division);
      remove(next.idempotencyKey);
      const sent: SentReport = {
        idempotencyKey: next.idempotencyKey,
        id: created.id,
        trackingCode: created.trackingCode,
        call110: created.advice.call110,
        hotline: next.request.channel === 'hotline',
        sentAt: new Date().toISOString(),
      };
      Taro.setStorageSync(SENT_KEY, [sent, ...read<SentReport>(SENT_KEY)].slice(0, KEPT_SENT));
    } catch (error) {
      if (error instanceof ApiError && error.retryable) {
        offline = true;
        return;
      }
      remove(next.idempotencyKey);
      refuse(next, error);
    }
    changed();
  }
}

function remove(idempotencyKey: string): void {
  Taro.setStorageSync(
    QUEUE_KEY,
    read<QueuedReport>(QUEUE_KEY).filter((q) => q.idempotencyKey !== idempotencyKey),
  );
}

/** The form comes back as its channel's draft, on the last step, unless a newer draft is there. */
function refuse(report: QueuedReport, error: unknown): void {
  const channel = report.request.channel;
  const restored = !loadDraft(channel);
  if (restored) saveDraft(channel, { form: report.form, step: REPORT_STEPS.length - 1 });
  const fallback = '提交失败，请修改后重新提交；内容已保留';
  const refused: RefusedReport = {
    idempotencyKey: report.idempotencyKey,
    channel,
    lines: failureLines(error, fallback),
    refusal: refusalOf(error, fallback),
    restored,
  };
  Taro.setStorageSync(REFUSED_KEY, [...read<RefusedReport>(REFUSED_KEY), refused]);
}

/** The reporter opened the receipt or the refused draft: stop showing the notice. */
export function dismissSent(idempotencyKey: string): void {
  Taro.setStorageSync(
    SENT_KEY,
    read<SentReport>(SENT_KEY).filter((s) => s.idempotencyKey !== idempotencyKey),
  );
  changed();
}

export function dismissRefused(idempotencyKey: string): void {
  Taro.setStorageSync(
    REFUSED_KEY,
    read<RefusedReport>(REFUSED_KEY).filter((r) => r.idempotencyKey !== idempotencyKey),
  );
  changed();
}

/** Where a sent report's receipt opens. */
export const receiptUrl = (sent: SentReport) =>
  `/pages/receipt/index?id=${sent.id}&code=${sent.trackingCode}&call110=${sent.call110 ? 1 : 0}&hotline=${sent.hotline ? 1 : 0}`;

function clearRetry(): void {
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
}

/**
 * A report the form kept as `pending` in its draft before the outbox existed is a finished report:
 * it moves to the queue under its own key.
 */
function adoptPendingDrafts(): void {
  for (const channel of FORM_CHANNELS) {
    const pending = takeLegacyPending(channel);
    const queued = read<QueuedReport>(QUEUE_KEY);
    if (!pending || queued.some((q) => q.idempotencyKey === pending.idempotencyKey)) continue;
    Taro.setStorageSync(QUEUE_KEY, [...queued, { ...pending, queuedAt: new Date().toISOString() }]);
  }
}

/**
 * At app launch: sends what is waiting now, again whenever the network comes back, and every 10 s
 * while anything waits (`sendQueued` schedules it). The app calls it again when it comes to the
 * foreground; only the first call subscribes to the network.
 */
export function startOutbox(): void {
  if (!started) {
    started = true;
    adoptPendingDrafts();
    Taro.onNetworkStatusChange?.(({ isConnected }) => {
      if (isConnected) void sendQueued();
    });
  }
  if (read(QUEUE_KEY).length > 0) void sendQueued();
}
