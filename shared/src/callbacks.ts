import type { CallbackRequest } from './api';
import { SCORE_RANGE } from './ratings';

/**
 * 回访 (12345 practice: 案后回访): the hotline desk calls back the caller of a closed hotline report
 * and records whether they were reached and how satisfied they are, 1–5, like a rating. A score of
 * 1–2 puts the report on the coordinator's review list, as a reporter's low rating does.
 */

/** Why a call cannot be recorded; the code is the 409's `code`. */
export const CALLBACK_REFUSALS = {
  CALLBACK_REPORT_NOT_CLOSED: {
    problem: '这份报告还没有办结',
    whatToDo: '办结以后再回访',
  },
  ALREADY_CALLED_BACK: {
    problem: '这位来电人已经回访过了',
    whatToDo: '不必再次回访',
  },
} as const satisfies Record<string, { problem: string; whatToDo: string }>;

export type CallbackRefusalCode = keyof typeof CALLBACK_REFUSALS;

export const CALLBACK_REFUSAL_CODES = Object.keys(CALLBACK_REFUSALS) as CallbackRefusalCode[];

export function callbackRefusalMessage(code: CallbackRefusalCode): string {
  return `${CALLBACK_REFUSALS[code].problem}，${CALLBACK_REFUSALS[code].whatToDo}`;
}

/**
 * A reached caller gives a score; an unreached one cannot. Field → reason, empty when the call
 * is consistent.
 */
export function callbackErrors(call: CallbackRequest): Record<string, string> {
  if (call.reached && call.score === undefined) {
    return { score: `接通了请记录满意度（${SCORE_RANGE.min}到${SCORE_RANGE.max}分）` };
  }
  if (!call.reached && call.score !== undefined) return { score: '未接通不能记录满意度' };
  return {};
}

/** Whether a report may be called back now: closed, and its caller not yet reached. */
export function callbackRefusal(report: {
  closed: boolean;
  calledBack: boolean;
}): CallbackRefusalCode | null {
  if (!report.closed) return 'CALLBACK_REPORT_NOT_CLOSED';
  if (report.calledBack) return 'ALREADY_CALLED_BACK';
  return null;
}
