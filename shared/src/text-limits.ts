/**
 * Every free-text field the API accepts, with its bounds: the server's DTOs validate with these
 * and the app's inputs and counters read them, so the two never disagree.
 *
 * Lengths are in characters as MariaDB counts them in a utf8mb4 `varchar(n)`: Unicode code points.
 * An emoji or a rare 汉字 outside the BMP (𠮷) is one character, although JavaScript's `.length`
 * counts it as two; a variation selector (the U+FE0F of ❤️) is a character of its own. `min` is
 * checked after trimming, so a text of spaces (also the full-width U+3000) is empty.
 */
export interface TextLimit {
  /** What people call the field, for messages: 请填写{label}, {label}最多{max}字. */
  label: string;
  /** Fewest characters once trimmed; 1 for a text that may be omitted but not sent blank. */
  min: number;
  max: number;
}

export const TEXT_LIMITS = {
  reportDescription: { label: '情况描述', min: 10, max: 5000 },
  locationAddress: { label: '详细地址', min: 1, max: 200 },
  childName: { label: '孩子姓名', min: 1, max: 50 },
  childSchool: { label: '学校名称', min: 1, max: 100 },
  guardianName: { label: '监护人姓名', min: 1, max: 50 },
  reporterName: { label: '报告人姓名', min: 1, max: 50 },
  reporterRelation: { label: '与孩子的关系', min: 1, max: 50 },
  ratingComment: { label: '评价', min: 1, max: 500 },
  callbackComment: { label: '回访记录', min: 1, max: 500 },
  contactNote: { label: '情况说明', min: 1, max: 2000 },
  noteText: { label: '处理记录', min: 2, max: 2000 },
  reason: { label: '原因', min: 2, max: 500 },
  decisionNote: { label: '审批意见', min: 1, max: 500 },
  reporterSummary: { label: '给报告人的结果说明', min: 5, max: 500 },
  resolveDetail: { label: '内部办理情况', min: 2, max: 5000 },
  unitName: { label: '单位名称', min: 2, max: 100 },
  orgName: { label: '机构名称', min: 2, max: 100 },
  calendarDayName: { label: '节日名称', min: 1, max: 50 },
  inviteCode: { label: '邀请码', min: 1, max: 32 },
  wechatLoginCode: { label: '登录凭证', min: 1, max: 128 },
} as const satisfies Record<string, TextLimit>;

export type TextField = keyof typeof TEXT_LIMITS;

/** Characters as the server and the database count them (code points), not UTF-16 units. */
export function textLength(text: string): number {
  return Array.from(text).length;
}

/**
 * Why a text breaks its limit, in Chinese, or null when it fits. Blank (only spaces, tabs, line
 * breaks or full-width spaces) counts as empty.
 */
export function textProblem(text: string, limit: TextLimit): string | null {
  const trimmed = text.trim();
  if (trimmed.length === 0 || textLength(trimmed) < limit.min) {
    return limit.min > 1 ? `请填写${limit.label}（至少${limit.min}字）` : `请填写${limit.label}`;
  }
  if (textLength(text) > limit.max) return `${limit.label}最多${limit.max}字`;
  return null;
}
