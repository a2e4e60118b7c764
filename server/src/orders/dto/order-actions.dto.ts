import { IsBoolean, IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
import {
  ALLOWED_CLOCK_SKEW_MS,
  DEFAULT_SLA_POLICY,
  DEPARTMENT_LABELS,
  ORDER_QUEUES,
  OUTCOME_LABELS,
  OUTCOMES_BY_DEPARTMENT,
  ORDER_STATUSES,
  PRIORITIES,
  TEXT_LIMITS,
  type OrderQueue,
  type OrderStatus,
  type Priority,
  type ReceivingDepartment,
} from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsApiInstant } from '../../common/date-fields';
import {
  IsLatitudeDegrees,
  IsLongitudeDegrees,
  IsPageNumber,
  IsPageSize,
  IsText,
  MayBeAbsent,
} from '../../common/input-rules';

const MAX_EXTENSION_DAYS = DEFAULT_SLA_POLICY.maxExtensionWorkingDays;

/** The police's 立案审查 ladder, as the resolve deadline it sets at each step. */
const CASE_REVIEW_STEPS = DEFAULT_SLA_POLICY.p1ResolveExtensionsHours
  .map((hours) => `${hours / 24} 天`)
  .join('、');

/** What `workingDays` must be, as `extensionRequestProblem` decides it (400 otherwise). */
export const EXTENSION_DAYS_RULE = `公安的 P1 工单按立案审查逐级延期（依次延至 ${CASE_REVIEW_STEPS}），不填 workingDays；其他工单必须填写，1–${MAX_EXTENSION_DAYS} 个工作日`;

/** Which outcomes each department may give (`OUTCOMES_BY_DEPARTMENT`; 400 otherwise). */
export const OUTCOME_RULE = `须是工单所属部门的办理结果：\n${Object.entries(OUTCOMES_BY_DEPARTMENT)
  .map(
    ([department, outcomes]) =>
      `- \`${department}\` ${DEPARTMENT_LABELS[department as ReceivingDepartment]}：${outcomes.join('、')}`,
  )
  .join('\n')}`;

export class ContactDto {
  @MayBeAbsent()
  @FieldDescription(
    `接触孩子的时间，默认现在：不早于派单，不晚于现在（手机时钟快 ${ALLOWED_CLOCK_SKEW_MS / 60_000} 分钟以内不算，记为现在）`,
  )
  @IsApiInstant('接触时间')
  at?: string;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.contactNote)
  note?: string;

  @MayBeAbsent()
  @IsLatitudeDegrees()
  latitude?: number;

  @MayBeAbsent()
  @IsLongitudeDegrees()
  longitude?: number;
}

export class NoteDto {
  @IsText(TEXT_LIMITS.noteText)
  text: string;

  @FieldDescription(
    'true：报告人在“我的报告”中能看到这条记录，并算作一次对报告人的反馈；false：只有办理人员和协调员看得到',
  )
  @IsBoolean({ message: '请说明这条记录是否对报告人可见' })
  reporterVisible: boolean;
}

export class ReasonDto {
  @IsText(TEXT_LIMITS.reason)
  reason: string;
}

export class MoveDto extends ReasonDto {
  @IsUUID('all', { message: '请选择单位' })
  unitId: string;
}

export class PriorityDto extends ReasonDto {
  @IsIn(PRIORITIES, { message: '优先级只能是 P1、P2 或 P3' })
  priority: Priority;
}

/** Whether `workingDays` belongs in the request is the shared `extensionOffer`'s to say. */
export class ExtensionDto extends ReasonDto {
  @FieldDescription(EXTENSION_DAYS_RULE)
  @MayBeAbsent()
  @IsInt({ message: '延期天数应为整数' })
  @Min(1, { message: '延期至少1个工作日' })
  @Max(MAX_EXTENSION_DAYS, { message: `延期最多${MAX_EXTENSION_DAYS}个工作日` })
  workingDays?: number;
}

export class ExtensionDecisionDto {
  @FieldDescription('true：同意延期，办结期限按申请延长；false：不同意，期限不变')
  @IsBoolean({ message: '请选择同意或不同意' })
  approve: boolean;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.decisionNote)
  note?: string;
}

export class ResolveDto {
  @FieldDescription(OUTCOME_RULE)
  @IsIn(Object.keys(OUTCOME_LABELS), { message: '请选择办理结果' })
  outcome: string;

  @IsText(TEXT_LIMITS.reporterSummary)
  reporterSummary: string;

  @IsText(TEXT_LIMITS.resolveDetail)
  detail: string;
}

export class OrderListQueryDto {
  @MayBeAbsent()
  @IsIn(ORDER_STATUSES, { message: '状态不正确' })
  status?: OrderStatus;

  @FieldDescription('`true`：只列期限已到或已过的工单；`false` 或不填：不按期限筛选')
  @MayBeAbsent()
  @IsIn(['true', 'false'], { message: 'overdue 只能是 true 或 false' })
  overdue?: 'true' | 'false';

  @MayBeAbsent()
  @IsIn(ORDER_QUEUES, { message: '队列不正确' })
  queue?: OrderQueue;

  /** One unit's orders within the caller's scope (the board's bar of a unit opens them). */
  @MayBeAbsent()
  @IsUUID('all', { message: '单位不正确' })
  unitId?: string;

  @IsPageNumber()
  page: number = 1;

  @IsPageSize(100)
  pageSize: number = 20;
}
