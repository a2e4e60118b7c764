import { Matches } from 'class-validator';
import { DIVISION_CODE_PATTERN, STATS_MAX_SPAN_DAYS } from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsApiDate } from '../../common/date-fields';
import { MayBeAbsent } from '../../common/input-rules';

/** `GET /stats/ledger.xlsx?from=&to=&division=` (shared `StatsQuery` without `by`). */
export class LedgerQueryDto {
  @FieldDescription('统计区间的第一天（北京时间，含当天）')
  @IsApiDate('开始日期')
  from: string;

  @FieldDescription(
    `统计区间的最后一天（北京时间，含当天）；不早于开始日期，区间最长${STATS_MAX_SPAN_DAYS}天`,
  )
  @IsApiDate('结束日期')
  to: string;

  @FieldDescription('只导出这个区划（县6位、乡镇9位、村12位）；须在本人范围之内，否则 403')
  @MayBeAbsent()
  @Matches(DIVISION_CODE_PATTERN, { message: '区划代码应为6位（县）、9位（乡镇）或12位（村）数字' })
  division?: string;
}
