/**
 * The scale of a reporter's rating and of a hotline caller's satisfaction at the 回访 (api.md:
 * `score:1..5`), with the words the app shows beside each score.
 */
export const SCORE_LABELS = {
  1: '很不满意',
  2: '不满意',
  3: '一般',
  4: '满意',
  5: '很满意',
} as const;

export type Score = keyof typeof SCORE_LABELS;

export const SCORE_RANGE = { min: 1, max: 5 } as const;

/** Every score, lowest first. */
export const SCORES: readonly Score[] = [1, 2, 3, 4, 5];

/** A score at or below this puts the report on the coordinator's review list (低评分待复核). */
export const LOW_SCORE_MAX = 2;

/** Days after a report is closed during which its reporter may rate the outcome (domain.md, the reporter's side). */
export const RATING_WINDOW_DAYS = 30;

/** Why a rating is refused, and what the reporter can do instead; the code is the error's `code`. */
export const RATING_REFUSALS = {
  REPORT_NOT_CLOSED: {
    problem: '这份报告还没有办结',
    whatToDo: '办结以后再来评价',
  },
  ALREADY_RATED: {
    problem: '这份报告已经评价过了',
    whatToDo: '如还有意见，可拨打12345反映',
  },
  HOTLINE_USE_CALLBACK: {
    problem: '热线报告的满意度由来电人在回访时给出',
    whatToDo: '请在“热线回访”里记录来电人的满意度',
  },
  RATING_WINDOW_CLOSED: {
    problem: `已超过办结后${RATING_WINDOW_DAYS}天的评价期限`,
    whatToDo: '如还有意见，可拨打12345反映',
  },
} as const satisfies Record<string, { problem: string; whatToDo: string }>;

export type RatingRefusalCode = keyof typeof RATING_REFUSALS;

export const RATING_REFUSAL_CODES = Object.keys(RATING_REFUSALS) as RatingRefusalCode[];

export function ratingRefusalMessage(code: RatingRefusalCode): string {
  return `${RATING_REFUSALS[code].problem}，${RATING_REFUSALS[code].whatToDo}`;
}
