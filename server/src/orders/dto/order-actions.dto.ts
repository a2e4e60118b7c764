import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import {
  DEFAULT_SLA_POLICY,
  ORDER_QUEUES,
  ORDER_STATUSES,
  PRIORITIES,
  type OrderQueue,
  type OrderStatus,
  type Priority,
} from '@shouhu/shared';

const MAX_EXTENSION_DAYS = DEFAULT_SLA_POLICY.maxExtensionWorkingDays;

const reason = (what: string) => ({ message: `请填写${what}（2到500字）` });

export class ContactDto {
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '接触时间格式不正确' })
  at?: string;

  @IsOptional()
  @IsString()
  @Length(1, 2000, { message: '情况说明最多2000字' })
  note?: string;

  @IsOptional()
  @IsLatitude({ message: '纬度不正确' })
  latitude?: number;

  @IsOptional()
  @IsLongitude({ message: '经度不正确' })
  longitude?: number;
}

export class NoteDto {
  @IsString({ message: '请填写处理记录' })
  @Length(2, 2000, { message: '处理记录应为2到2000字' })
  text: string;

  @IsBoolean({ message: '请说明这条记录是否对报告人可见' })
  reporterVisible: boolean;
}

export class ReasonDto {
  @IsString(reason('原因'))
  @Length(2, 500, reason('原因'))
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
  @IsOptional()
  @IsInt({ message: '延期天数应为整数' })
  @Min(1, { message: '延期至少1个工作日' })
  @Max(MAX_EXTENSION_DAYS, { message: `延期最多${MAX_EXTENSION_DAYS}个工作日` })
  workingDays?: number;
}

export class ExtensionDecisionDto {
  @IsBoolean({ message: '请选择同意或不同意' })
  approve: boolean;

  @IsOptional()
  @IsString()
  @Length(1, 500, { message: '审批意见最多500字' })
  note?: string;
}

export class ResolveDto {
  @IsString({ message: '请选择办理结果' })
  outcome: string;

  @IsString({ message: '请填写给报告人的结果说明' })
  @Length(5, 500, { message: '给报告人的结果说明应为5到500字' })
  reporterSummary: string;

  @IsString({ message: '请填写内部办理情况' })
  @Length(2, 5000, { message: '内部办理情况应为2到5000字' })
  detail: string;
}

export class OrderListQueryDto {
  @IsOptional()
  @IsIn(ORDER_STATUSES, { message: '状态不正确' })
  status?: OrderStatus;

  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue 只能是 true 或 false' })
  overdue?: 'true' | 'false';

  @IsOptional()
  @IsIn(ORDER_QUEUES, { message: '队列不正确' })
  queue?: OrderQueue;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '页码应为整数' })
  @Min(1)
  page: number = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '每页条数应为整数' })
  @Min(1)
  @Max(100)
  pageSize: number = 20;
}
