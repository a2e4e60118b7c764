import { Type } from 'class-transformer';
import { IsIn, IsInt, IsUUID, Matches, Max, Min } from 'class-validator';
import {
  CLOCKS,
  CLOCK_RESULTS,
  DIVISION_CODE_PATTERN,
  STATS_GRAINS,
  STATS_MAX_SPAN_DAYS,
  type ClockName,
  type ClockOrdersQuery,
  type ClockResult,
  type StatsGrain,
  type StatsQuery,
} from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsApiDate } from '../../common/date-fields';
import { IsPageNumber, MayBeAbsent } from '../../common/input-rules';

export const CLOCK_ORDERS_PAGE_SIZE_MAX = 50;

/** `GET /stats/overview`: the period (Beijing dates, both included) and the place. */
export class StatsQueryDto implements StatsQuery {
  @FieldDescription(
    `统计区间的第一天（北京时间，YYYY-MM-DD，含当天）；区间最长${STATS_MAX_SPAN_DAYS}天，结束日期不能早于它`,
  )
  @IsApiDate('开始日期')
  from: string;

  @FieldDescription('统计区间的最后一天（北京时间，YYYY-MM-DD，含当天）')
  @IsApiDate('结束日期')
  to: string;

  @FieldDescription(
    '只统计这个区划（县6位、乡镇9位、村12位）之内的；不填：本人负责的全部区划。超出本人范围得到 403',
  )
  @MayBeAbsent()
  @Matches(DIVISION_CODE_PATTERN, { message: '区划代码应为6位（县）、9位（乡镇）或12位（村）数字' })
  division?: string;

  @FieldDescription(
    '趋势的步长：day（日）、week（ISO 周，周一起）、month（月）；不填：区间超过62天按月，否则按日',
  )
  @MayBeAbsent()
  @IsIn(STATS_GRAINS, { message: '趋势步长只能是 day、week 或 month' })
  by?: StatsGrain;
}

/** `GET /stats/clock-orders`: the orders behind one unit's one clock bar. */
export class ClockOrdersQueryDto extends StatsQueryDto implements ClockOrdersQuery {
  @FieldDescription('柱子所属的单位')
  @IsUUID('all', { message: '请选择单位' })
  unitId: string;

  @FieldDescription(
    '工单时限：sign（签收）、contact（首次核查）、feedback（反馈报告人）、resolve（办结）',
  )
  @IsIn(CLOCKS, { message: '请选择工单时限' })
  clock: ClockName;

  @FieldDescription(
    '哪一部分：on_time（按时）、late（超时或到期未办）、overdue（曾督办）、escalated（曾列入红色清单）、interrupted（因退单或改派、转办中止）',
  )
  @IsIn(CLOCK_RESULTS, { message: '请选择要看的结果' })
  result: ClockResult;

  @IsPageNumber()
  page: number = 1;

  @MayBeAbsent()
  @Type(() => Number)
  @IsInt({ message: '每页条数应为整数' })
  @Min(1, { message: '每页至少1条' })
  @Max(CLOCK_ORDERS_PAGE_SIZE_MAX, { message: `每页最多${CLOCK_ORDERS_PAGE_SIZE_MAX}条` })
  pageSize: number = 20;
}
