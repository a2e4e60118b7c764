import { Matches } from 'class-validator';
import { DIVISION_CODE_PATTERN, STATS_MAX_SPAN_DAYS, type StatsQuery } from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsApiDate } from '../../common/date-fields';
import { MayBeAbsent } from '../../common/input-rules';

/**
 * The period (Beijing dates, both included) and place every `GET /stats/...` route takes: the
 * figures, their drill-down and the 台账.
 */
export class StatsPeriodQueryDto implements StatsQuery {
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
}
