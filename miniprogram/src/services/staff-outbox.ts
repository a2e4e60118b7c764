import Taro from '@tarojs/taro';
import { ApiError, failureLines } from './api-error';
import { authorizedRequest, currentUser } from './session';

/**
 * What staff did with no signal (签收, 已接触儿童, a note, 办结, a visit record), kept on the phone
 * until the server has it. Each request keeps the Idempotency-Key made when the worker pressed the
 * button, so however often it is sent — at launch, when the network comes back, every 10 s while
 * anything waits, on 立即发送 — the server applies it once. One request is sent at a time, oldest
 * first: a 签收 reaches the server before the 办结 that follows it.
 */
export interface StaffRequest {
  idempotencyKey: string;
  method: 'POST' | 'PATCH';
  path: string;
  body: unknown;
  /** What it is, as the worker calls it: 签收工单, 走访记录. Never the child or the situation. */
  label: string;
  /** The page it belongs to (`/staff/order/index?id=…`), opened from a refused notice. */
  page: string;
  /**
   * An act that happens once (`<orderId>:sign`): while one waits, another with the same value is
   * not queued, however often the button is pressed or the page opened again.
   */
  once?: string;
  /**
   * A form to give back if the server refuses: written under `key` (its draft) unless a newer draft
   * is there, so the worker fixes it instead of typing it again.
   */
  restore?: { key: string; value: unknown };
  /** Said in a short toast when the server takes it, on whatever page is on screen (走访记录已发送). */
  sentToast?: string;
}

export interface QueuedStaffRequest extends StaffRequest {
  queuedAt: string;
  /** Who pressed the button: sent only under that account. */
  userId: string | null;
}

/** A request the server refused (not a network fault), with its words, until the worker saw it. */
export interface RefusedStaffRequest {
  idempotencyKey: string;
  label: string;
  page: string;
  lines: string[];
}

export interface StaffOutboxState {
  queued: QueuedStaffRequest[];
  refused: RefusedStaffRequest[];
  sending: boolean;
  /** The last attempt found no network or a server that could not answer. */
  offline: boolean;
}

/** A request the server took, with its answer. */
export interface SentStaffRequest {
  request: QueuedStaffRequest;
  answer: Record<string, unknown>;
}

const QUEUE_KEY = 'shouhu.staffOutbox';
const REFUSED_KEY = 'shouhu.staffOutbox.refused';
const CHANGED = 'shouhu.staffOutbox.changed';
const SENT = 'shouhu.staffOutbox.sent';
const RETRY_MS = 10_000;

const read = <T>(key: string): T[] => {
  const value = Taro.getStorageSync<T[]>(key);
  return Array.isArray(value) ? value : [];
};

const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

let sending: Promise<void> | null = null;
let offline = false;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let started = false;

export function staffOutboxState(): StaffOutboxState {
  return {
    queued: read<QueuedStaffRequest>(QUEUE_KEY),
    refused: read<RefusedStaffRequest>(REFUSED_KEY),
    sending: sending !== null,
    offline,
  };
}

function changed(): void {
  Taro.eventCenter.trigger(CHANGED, staffOutboxState());
}

/** Calls `listener` with the new state after every change; returns the unsubscribe. */
export function onStaffOutboxChange(listener: (state: StaffOutboxState) => void): () => void {
  Taro.eventCenter.on(CHANGED, listener);
  return () => Taro.eventCenter.off(CHANGED, listener);
}

/** Calls `listener` each time the server took a waiting request; returns the unsubscribe. */
export function onStaffRequestSent(listener: (sent: SentStaffRequest) => void): () => void {
  Taro.eventCenter.on(SENT, listener);
  return () => Taro.eventCenter.off(SENT, listener);
}

/**
 * Keeps a request on the phone and starts sending. Returns false, adding nothing, when it waits
 * already: the same key (a second press), or the same `once` act.
 */
export function queueStaffRequest(request: StaffRequest): boolean {
  const queued = read<QueuedStaffRequest>(QUEUE_KEY);
  const waiting = queued.some(
    (q) =>
      q.idempotencyKey === request.idempotencyKey ||
      (request.once !== undefined && q.once === request.once),
  );
  if (!waiting) {
    const entry: QueuedStaffRequest = {
      ...request,
      queuedAt: new Date().toISOString(),
      userId: currentUser()?.id ?? null,
    };
    Taro.setStorageSync(QUEUE_KEY, [...queued, entry]);
    changed();
  }
  void sendStaffQueued();
  return !waiting;
}

/** Sends every waiting request, one at a time; concurrent callers share the same run. */
export function sendStaffQueued(): Promise<void> {
  if (sending) return sending;
  clearRetry();
  sending = drain().finally(() => {
    sending = null;
    if (read(QUEUE_KEY).length > 0) retryTimer = setTimeout(() => void sendStaffQueued(), RETRY_MS);
    changed();
  });
  changed();
  return sending;
}

async function drain(): Promise<void> {
  for (;;) {
    const [next] = read<QueuedStaffRequest>(QUEUE_KEY);
    if (!next) return;
    if (next.userId !== (currentUser()?.id ?? null)) {
      // Another account is logged in now: sending would act in its name.
      remove(next.idempotencyKey);
      refuse(next, ['这项是用另一个账号保存的，没有发送。请用原来的账号登录后重新操作。']);
      changed();
      continue;
    }
    try {
      const answer = await authorizedRequest(
        {
          method: next.method,
          path: next.path,
          data: next.body,
          headers: { 'Idempotency-Key': next.idempotencyKey },
        },
        isJsonObject,
      );
      offline = false;
      remove(next.idempotencyKey);
      Taro.eventCenter.trigger(SENT, { request: next, answer } satisfies SentStaffRequest);
      if (next.sentToast) {
        void Taro.showToast({ title: next.sentToast, icon: 'success' }).catch(() => undefined);
      }
    } catch (error) {
      if (error instanceof ApiError && error.retryable) {
        offline = true;
        return;
      }
      remove(next.idempotencyKey);
      refuse(next, failureLines(error, `${next.label}没有发送成功，请打开后重新操作`));
    }
    changed();
  }
}

function remove(idempotencyKey: string): void {
  Taro.setStorageSync(
    QUEUE_KEY,
    read<QueuedStaffRequest>(QUEUE_KEY).filter((q) => q.idempotencyKey !== idempotencyKey),
  );
}

function refuse(request: QueuedStaffRequest, lines: string[]): void {
  if (request.restore && !Taro.getStorageSync(request.restore.key)) {
    Taro.setStorageSync(request.restore.key, request.restore.value);
  }
  const refused: RefusedStaffRequest = {
    idempotencyKey: request.idempotencyKey,
    label: request.label,
    page: request.page,
    lines,
  };
  Taro.setStorageSync(REFUSED_KEY, [...read<RefusedStaffRequest>(REFUSED_KEY), refused]);
}

/** The worker read the refusal: stop showing it. */
export function dismissStaffRefused(idempotencyKey: string): void {
  Taro.setStorageSync(
    REFUSED_KEY,
    read<RefusedStaffRequest>(REFUSED_KEY).filter((r) => r.idempotencyKey !== idempotencyKey),
  );
  changed();
}

function clearRetry(): void {
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
}

/**
 * At app launch and each time it comes to the foreground: sends what waits now, again whenever
 * the network comes back, and every 10 s while anything waits (`sendStaffQueued` schedules it).
 * Only the first call subscribes to the network.
 */
export function startStaffOutbox(): void {
  if (!started) {
    started = true;
    Taro.onNetworkStatusChange?.(({ isConnected }) => {
      if (isConnected) void sendStaffQueued();
    });
  }
  if (read(QUEUE_KEY).length > 0) void sendStaffQueued();
}
