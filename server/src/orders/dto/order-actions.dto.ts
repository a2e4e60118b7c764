import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsUUID,
  Max,
  Min,
} from 'class-validator';
import {
  DEFAULT_SLA_POLICY,
  ORDER_QUEUES,
  OUTCOME_LABELS,
  ORDER_STATUSES,
  PRIORITIES,
  TEXT_LIMITS,
  type OrderQueue,
  type OrderStatus,
  type Priority,
} from '@shouhu/shared';
import { IsApiInstant } from '../../common/date-fields';
import { IsText, MayBeAbsent } from '../../common/input-rules';

const MAX_EXTENSION_DAYS = DEFAULT_SLA_POLICY.maxExtensionWorkingDays;

export class ContactDto {
  @MayBeAbsent()
  @IsApiInstant('接触时间')
  at?: string;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.contactNote)
  note?: string;

  @MayBeAbsent()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '纬度应为数字' })
  @IsLatitude({ message: '纬度不正确' })
  latitude?: number;

  @MayBeAbsent()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '经度应为数字' })
  @IsLongitude({ message: '经度不正确' })
  longitude?: number;
}

export class NoteDto {
  @IsText(TEXT_LIMITS.noteText)
  text: string;

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
  @MayBeAbsent()
  @IsInt({ message: '延期天数应为整数' })
  @Min(1, { message: '延期至少1个工作日' })
  @Max(MAX_EXTENSION_DAYS, { message: `延期最多${MAX_EXTENSION_DAYS}个工作日` })
  workingDays?: number;
}

export class ExtensionDecisionDto {
  @IsBoolean({ message: '请选择同意或不同意' })
  approve: boolean;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.decisionNote)
  note?: string;
}

export class ResolveDto {
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

  @MayBeAbsent()
  @Type(() => Number)
  @IsInt({ message: '页码应为整数' })
  @Min(1, { message: '页码从1开始' })
  page: number = 1;

  @MayBeAbsent()
  @Type(() => Number)
  @IsInt({ message: '每页条数应为整数' })
  @Min(1, { message: '每页至少1条' })
  @Max(100, { message: '每页最多100条' })
  pageSize: number = 20;
}
