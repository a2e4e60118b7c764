/**
 * What every view says of a report whose personal details were removed at the end of its
 * retention period (README, Retention): in place of the details, and as the text of every
 * timeline entry, whose free text may have named someone.
 */
export const PURGED_NOTICE = '已按保存期限清除个人信息';
