/**
 * Every free-text field the API accepts, with its bounds: the server's DTOs validate with these
 * and the app's inputs and counters read them, so the two never disagree.
 *
 * Lengths are in characters as MariaDB counts them in a utf8mb4 `varchar(n)`: Unicode code points.
 * An emoji or a rare 汉字 outside the BMP (𠮷) is one character, although JavaScript's `.length`
 * counts it as two; a variation selector (the U+FE0F of ❤️) is a character of its own. `min` counts
 * visible characters only (see `visibleLength`), so a text of spaces or of invisible characters is
 * empty.
 */
export interface TextLimit {
  /** What people call the field, for messages: 请填写{label}, {label}最多{max}字. */
  label: string;
  /** Fewest characters once trimmed; 1 for a text that may be omitted but not sent blank. */
  min: number;
  max: number;
  /**
   * A name or a phone-book entry, shown on one line in lists, sheets and messages: a line break or
   * a tab in it (pasted, or from a sheet's cell) is refused rather than stored.
   */
  singleLine?: boolean;
}

export const TEXT_LIMITS = {
  reportDescription: { label: '情况描述', min: 10, max: 5000 },
  locationAddress: { label: '详细地址', min: 1, max: 200 },
  childName: { label: '孩子姓名', min: 1, max: 50 },
  childSchool: { label: '学校名称', min: 1, max: 100 },
  guardianName: { label: '监护人姓名', min: 1, max: 50 },
  carerName: { label: '委托照护人姓名', min: 1, max: 50 },
  familyRelation: { label: '与孩子的关系', min: 1, max: 20 },
  helpProvider: { label: '帮扶人或单位', min: 1, max: 50 },
  helpNote: { label: '帮扶说明', min: 1, max: 200 },
  closeNote: { label: '销号说明', min: 2, max: 200 },
  dropoutNote: { label: '情况说明', min: 1, max: 500 },
  reporterName: { label: '报告人姓名', min: 1, max: 50 },
  reporterRelation: { label: '与孩子的关系', min: 1, max: 50 },
  ratingComment: { label: '评价', min: 1, max: 500 },
  callbackComment: { label: '回访记录', min: 1, max: 500 },
  contactNote: { label: '情况说明', min: 1, max: 2000 },
  noteText: { label: '处理记录', min: 2, max: 2000 },
  reason: { label: '原因', min: 2, max: 500 },
  handoffReason: { label: '转接原因', min: 5, max: 500 },
  handedOverBy: { label: '交出人', min: 1, max: 50 },
  receivedBy: { label: '接收人', min: 1, max: 50 },
  placedAt: { label: '安置地点', min: 1, max: 100 },
  decisionNote: { label: '审批意见', min: 1, max: 500 },
  reporterSummary: { label: '给报告人的结果说明', min: 5, max: 500 },
  resolveDetail: { label: '内部办理情况', min: 2, max: 5000 },
  unitName: { label: '单位名称', min: 2, max: 100 },
  orgName: { label: '机构名称', min: 2, max: 100 },
  institutionName: { label: '机构名称', min: 1, max: 100, singleLine: true },
  institutionContactName: { label: '联系人', min: 1, max: 50, singleLine: true },
  calendarDayName: { label: '节日名称', min: 1, max: 50 },
  inviteCode: { label: '邀请码', min: 1, max: 32 },
  wechatLoginCode: { label: '登录凭证', min: 1, max: 128 },
  childFileSearch: { label: '姓名或身份证号', min: 1, max: 50 },
  visitFinding: { label: '发现的情况', min: 2, max: 200 },
  visitFindings: { label: '其他发现', min: 1, max: 1000 },
} as const satisfies Record<string, TextLimit>;

export type TextField = keyof typeof TEXT_LIMITS;

/** Characters as the server and the database count them (code points), not UTF-16 units. */
export function textLength(text: string): number {
  return Array.from(text).length;
}

/**
 * The text cut to at most `max` characters (code points, so an emoji or a rare 汉字 is never split),
 * its last one `…` when cut: a description in a list, a WeChat `thing`, an SMS variable.
 */
export function shortened(text: string, max: number): string {
  const characters = Array.from(text);
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}

/**
 * The `maxlength` of the input box for a limit. Input boxes count UTF-16 units, in which an emoji
 * or a rare 汉字 (𠀀) takes two, so a box set to `limit.max` stops short of the limit; twice the
 * limit never does. The counter and the check (`textProblem`) hold the real limit.
 */
export function inputMaxLength(limit: TextLimit): number {
  return limit.max * 2;
}

/**
 * What shows nothing on a screen: White_Space (also the full-width U+3000), format characters
 * (\p{Cf}: U+200B zero-width space, ZWJ, ZWNJ, U+2060, U+FEFF, direction marks…) and the blank
 * fillers of Hangul (U+115F, U+1160, U+3164, U+FFA0) and braille (U+2800), which phones' keyboards
 * offer and which people paste to get past a "required" check.
 */
const INVISIBLE = /[\p{White_Space}\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/**
 * C0 and C1 control characters except the tab and the line breaks people type (NUL, ESC, U+0085…),
 * and the direction embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make
 * 张\u202E三 show as 张三 while it is another string to every comparison and search.
 */
const CONTROL = /(?![\t\n\r])\p{Cc}|[\u202A-\u202E\u2066-\u2069]/u;

/** What breaks a line or jumps a column: the tab and every line or paragraph break. */
const LINE_BREAK_OR_TAB = /[\t\n\r\v\f\u0085\u2028\u2029]/u;

/**
 * Half of a UTF-16 surrogate pair without its other half (`"\ud800"`): no character at all. MariaDB
 * and any UTF-8 encoder replace it with U+FFFD, so it would be stored changed.
 */
const LONE_SURROGATE = /\p{Cs}/u;

/** Characters that show something: `textLength` without White_Space, format characters and fillers. */
export function visibleLength(text: string): number {
  return textLength(text.replace(INVISIBLE, ''));
}

/** Whether a string holds half a surrogate pair, which no encoding can store unchanged. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/**
 * Why a one-line text (a name, a phone number, a code) is refused, in Chinese, or null: control
 * characters and direction overrides, as for any text (`textProblem`), and also the tab and line
 * breaks, which a name never holds and a sheet's cell or a paste brings in unseen.
 */
export function singleLineProblem(text: string, label: string): string | null {
  if (CONTROL.test(text)) return `${label}含有不可见的控制字符，请删除后重新输入`;
  if (LINE_BREAK_OR_TAB.test(text)) return `${label}要写在一行内，请删去换行和制表符（Tab）`;
  return null;
}

/**
 * Why a text breaks its limit, in Chinese, or null when it fits. Refused anywhere in the text: half
 * a surrogate pair, control characters other than tab and line breaks, and direction overrides;
 * with `singleLine`, the tab and line breaks too (`singleLineProblem`). `min` counts visible
 * characters, so a text of spaces, zero-width or filler characters is empty; `max` counts every
 * character, as the database stores them. A text of more than twice `max` UTF-16 units is beyond
 * `max` characters whatever it holds (a character takes at most two units), and is refused before
 * any check walks its characters: a cell or a body field of megabytes costs nothing.
 */
export function textProblem(text: string, limit: TextLimit): string | null {
  if (text.length > inputMaxLength(limit)) return tooLong(limit);
  if (hasLoneSurrogate(text)) return `${limit.label}含有无法识别的字符，请删除后重新输入`;
  const lines = limit.singleLine ? singleLineProblem(text, limit.label) : null;
  if (lines) return lines;
  if (CONTROL.test(text)) return `${limit.label}含有不可见的控制字符，请删除后重新输入`;
  if (visibleLength(text) < limit.min) {
    return limit.min > 1 ? `请填写${limit.label}（至少${limit.min}字）` : `请填写${limit.label}`;
  }
  if (textLength(text) > limit.max) return tooLong(limit);
  return null;
}

function tooLong(limit: TextLimit): string {
  return `${limit.label}最多${limit.max}字`;
}
