import { IsIn, IsUUID } from 'class-validator';
import {
  CLOCKS,
  CLOCK_RESULTS,
  STATS_GRAINS,
  type ClockName,
  type ClockOrdersQuery,
  type ClockResult,
  type StatsGrain,
  type StatsQuery,
} from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsPageNumber, IsPageSize, MayBeAbsent } from '../../common/input-rules';
import { StatsPeriodQueryDto } from './stats-period-query.dto';

export const CLOCK_ORDERS_PAGE_SIZE_MAX = 50;

/** `GET /stats/overview`: the period and place, and the trend's step. */
export class StatsQueryDto extends StatsPeriodQueryDto implements StatsQuery {
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

  @IsPageSize(CLOCK_ORDERS_PAGE_SIZE_MAX)
  pageSize: number = 20;
}
