import {
  CALLBACK_REFUSALS,
  CHILD_CATEGORY_LABELS,
  CHILD_FILE_CAPACITY_LABELS,
  CHILD_FILE_ORIGIN_LABELS,
  CHILD_FILE_STATUS_LABELS,
  CLOSE_REASON_LABELS,
  HELP_KIND_LABELS,
  CHANNEL_LABELS,
  CLOCK_LABELS,
  CLOCK_RESULT_LABELS,
  CLOCK_STAGE_LABELS,
  DEPARTMENT_LABELS,
  DROPOUT_POLICE_VIA_LABELS,
  DROPOUT_STATE_LABELS,
  GENDER_LABELS,
  HANDOFF_REFUSALS,
  INBOX_KIND_LABELS,
  ORDER_QUEUE_LABELS,
  ORDER_ROLE_LABELS,
  ORDER_STATUS_LABELS,
  ORG_TYPE_LABELS,
  OUTCOME_LABELS,
  PRIORITY_LABELS,
  RATING_REFUSALS,
  REFUSALS,
  REPORT_STATUS_LABELS,
  SCHOOL_HOLIDAY_KIND_LABELS,
  STATS_CLOCK_LABELS,
  STATS_GRAIN_LABELS,
  ROLE_LABELS,
  SITUATIONS,
  SUBSCRIBE_KIND_LABELS,
  VISIT_CHECK_RESULT_LABELS,
  VISIT_PERSON_LABELS,
  VISIT_REASON_LABELS,
  type CallbackRefusalCode,
  type ErrorCode,
  type HandoffRefusalCode,
  type RatingRefusalCode,
  type RefusalCode,
} from '@shouhu/shared';

type Labels = Readonly<Record<string, string>>;

const problems = (refusals: Record<string, { problem: string }>): Labels =>
  Object.fromEntries(Object.entries(refusals).map(([code, { problem }]) => [code, problem]));

type GeneralErrorCode = Exclude<
  ErrorCode,
  RefusalCode | RatingRefusalCode | CallbackRefusalCode | HandoffRefusalCode
>;

/** What each general error code means, where the server answers it. */
const GENERAL_ERROR_MEANINGS: Record<GeneralErrorCode, string> = {
  VALIDATION_FAILED: '请求有误：errors 按字段说明原因',
  IDEMPOTENCY_CONFLICT: '同一个 Idempotency-Key 用于内容不同的提交，或第一次提交还在处理中',
  UNAUTHENTICATED: '没有登录，或登录已失效',
  ACCOUNT_DISABLED: '账号已停用',
  WECHAT_CODE_INVALID: '微信登录凭证无效或已使用过',
  WECHAT_RISKY_USER: '微信判定这个账号存在风险，暂时不能登录',
  INVITE_INVALID: '邀请码无效、已过期或已被使用',
  FORBIDDEN: '已登录，但没有这个操作的权限',
  NOT_FOUND: '没有这条记录，或它不在调用者的范围内（不区分两者）',
  CONFLICT: '与记录的当前状态冲突',
  CHILD_FILE_EXISTS: '这个孩子已有档案（能查看时 errors.fileId 是它的编号），不能重复建档',
  CHILD_FILE_CLOSED: '档案已销号，只能恢复在册',
  SCHOOL_HOLIDAY_EXISTS: '这个县已录入同一天开始的假期，或同一年的同一种假期',
  SCHOOL_HOLIDAY_STARTED: '假期已经开始（假期走访已安排），不能删除',
  INSTITUTION_EXISTS: '本县名录已有同名的机构（名称按统一写法比较，在一个县内唯一，已停用的也算）',
  INSTITUTION_RETIRED: '这个机构已停用，不能再邀请报告人；恢复后才能邀请',
  DROPOUT_TRANSITION:
    '控辍保学状态不能这样改：按劝返中、已复学、巩固、销号、去向不明的流程，巩固由复学后的回访确认',
  PAYLOAD_TOO_LARGE: '请求体或请求头太大',
  RATE_LIMITED: '操作太频繁，Retry-After 秒后再试',
  UPLOAD_QUOTA_EXCEEDED: '还没随报告提交的上传，或 24 小时内的上传，已达上限',
  UPLOAD_TOO_SLOW: '上传太慢或中途停顿太久，连接随后关闭',
  SERVICE_UNAVAILABLE: '数据库不可用、系统繁忙或微信登录暂时不可用，Retry-After 秒后再试',
  INTERNAL: '服务器出错（应答不含任何内部细节）',
};

/** What each error code means: the general ones, and the refusals by their shared problem. */
export const ERROR_CODE_MEANINGS: Record<ErrorCode, string> = {
  ...GENERAL_ERROR_MEANINGS,
  ...(problems(REFUSALS) as Record<RefusalCode, string>),
  ...(problems(RATING_REFUSALS) as Record<RatingRefusalCode, string>),
  ...(problems(CALLBACK_REFUSALS) as Record<CallbackRefusalCode, string>),
  ...(problems(HANDOFF_REFUSALS) as Record<HandoffRefusalCode, string>),
};

/**
 * The Chinese label of each value of the code lists the API carries, from `shared/`, by the name
 * of the code list's schema (`SituationCode`). A request field whose allowed values all have
 * labels in one of these is described with them too (`codeLabelsOf`).
 */
export const CODE_LABELS: Readonly<Record<string, Labels>> = {
  SituationCode: Object.fromEntries(SITUATIONS.map((s) => [s.code, s.legalLabel])),
  Channel: CHANNEL_LABELS,
  Gender: GENDER_LABELS,
  Priority: PRIORITY_LABELS,
  OrderStatus: ORDER_STATUS_LABELS,
  OrderQueue: ORDER_QUEUE_LABELS,
  OrderRole: ORDER_ROLE_LABELS,
  ReportStatus: REPORT_STATUS_LABELS,
  ClockName: CLOCK_LABELS,
  Outcome: OUTCOME_LABELS,
  Department: DEPARTMENT_LABELS,
  ReceivingDepartment: DEPARTMENT_LABELS,
  Role: ROLE_LABELS,
  InviteRole: ROLE_LABELS,
  OrgType: ORG_TYPE_LABELS,
  SubscribeKind: SUBSCRIBE_KIND_LABELS,
  InboxKind: INBOX_KIND_LABELS,
  ChildCategory: CHILD_CATEGORY_LABELS,
  ChildFileStatus: CHILD_FILE_STATUS_LABELS,
  ChildFileOrigin: CHILD_FILE_ORIGIN_LABELS,
  ChildFileCapacity: CHILD_FILE_CAPACITY_LABELS,
  HelpKind: HELP_KIND_LABELS,
  CloseReason: CLOSE_REASON_LABELS,
  SchoolHolidayKind: SCHOOL_HOLIDAY_KIND_LABELS,
  ClockStage: CLOCK_STAGE_LABELS,
  VisitReason: VISIT_REASON_LABELS,
  VisitPerson: VISIT_PERSON_LABELS,
  VisitCheckResult: VISIT_CHECK_RESULT_LABELS,
  DropoutState: DROPOUT_STATE_LABELS,
  DropoutPoliceVia: DROPOUT_POLICE_VIA_LABELS,
  StatsClock: STATS_CLOCK_LABELS,
  StatsGrain: STATS_GRAIN_LABELS,
  ClockResult: CLOCK_RESULT_LABELS,
  RefusalCode: problems(REFUSALS),
  RatingRefusalCode: problems(RATING_REFUSALS),
  CallbackRefusalCode: problems(CALLBACK_REFUSALS),
  HandoffRefusalCode: problems(HANDOFF_REFUSALS),
  ChildFileRefusalCode: {
    CHILD_FILE_EXISTS: GENERAL_ERROR_MEANINGS.CHILD_FILE_EXISTS,
    CHILD_FILE_CLOSED: GENERAL_ERROR_MEANINGS.CHILD_FILE_CLOSED,
  },
  SchoolHolidayRefusalCode: {
    SCHOOL_HOLIDAY_EXISTS: GENERAL_ERROR_MEANINGS.SCHOOL_HOLIDAY_EXISTS,
    SCHOOL_HOLIDAY_STARTED: GENERAL_ERROR_MEANINGS.SCHOOL_HOLIDAY_STARTED,
  },
  DropoutRefusalCode: { DROPOUT_TRANSITION: GENERAL_ERROR_MEANINGS.DROPOUT_TRANSITION },
  InstitutionRefusalCode: {
    INSTITUTION_EXISTS: GENERAL_ERROR_MEANINGS.INSTITUTION_EXISTS,
    INSTITUTION_RETIRED: GENERAL_ERROR_MEANINGS.INSTITUTION_RETIRED,
  },
  ErrorCode: ERROR_CODE_MEANINGS,
};

/** The first of `CODE_LABELS` that labels every one of `values`, or undefined. */
export function codeLabelsOf(values: readonly unknown[]): Labels | undefined {
  return Object.values(CODE_LABELS).find((labels) =>
    values.every((value) => typeof value === 'string' && Object.hasOwn(labels, value)),
  );
}

/** `values` with their labels, one a line, as Markdown: "- `dropout`：…". */
export function codeList(values: readonly unknown[], labels: Labels): string {
  return values.map((value) => `- \`${String(value)}\`：${labels[String(value)]}`).join('\n');
}
