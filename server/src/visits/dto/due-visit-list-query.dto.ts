import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { VISIT_LIST_WITHIN_MAX_DAYS } from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsPageNumber, IsPageSize, MayBeAbsent } from '../../common/input-rules';

export const DUE_VISIT_PAGE_SIZE_MAX = 50;

export class DueVisitListQueryDto {
  @FieldDescription(
    '`true`：只列已经可以走访（计划开始时间已到）的；`false` 或不填：也列还没开始的（如复学后的巩固回访）',
  )
  @MayBeAbsent()
  @IsIn(['true', 'false'], { message: 'due 只能是 true 或 false' })
  due?: 'true' | 'false';

  @FieldDescription(
    `只列从现在起这么多天内到期的（天，0–${VISIT_LIST_WITHIN_MAX_DAYS}，已超时的也在内；0：只列已超时的）；不填：不限`,
  )
  @MayBeAbsent()
  @Type(() => Number)
  @IsInt({ message: 'within 应为整数（天数）' })
  @Min(0, { message: 'within 不能小于0' })
  @Max(VISIT_LIST_WITHIN_MAX_DAYS, { message: `within 最多${VISIT_LIST_WITHIN_MAX_DAYS}天` })
  within?: number;

  @IsPageNumber()
  page: number = 1;

  @IsPageSize(DUE_VISIT_PAGE_SIZE_MAX)
  pageSize: number = 20;
}
