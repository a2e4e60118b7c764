import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { MayBeAbsent } from '../../common/input-rules';

export const DUE_VISIT_PAGE_SIZE_MAX = 50;

export class DueVisitListQueryDto {
  @FieldDescription(
    '`true`：只列已经可以走访（计划开始时间已到）的；`false` 或不填：也列还没开始的（如复学后的巩固回访）',
  )
  @MayBeAbsent()
  @IsIn(['true', 'false'], { message: 'due 只能是 true 或 false' })
  due?: 'true' | 'false';

  @MayBeAbsent()
  @Type(() => Number)
  @IsInt({ message: '页码应为整数' })
  @Min(1, { message: '页码从1开始' })
  page: number = 1;

  @MayBeAbsent()
  @Type(() => Number)
  @IsInt({ message: '每页条数应为整数' })
  @Min(1, { message: '每页至少1条' })
  @Max(DUE_VISIT_PAGE_SIZE_MAX, { message: `每页最多${DUE_VISIT_PAGE_SIZE_MAX}条` })
  pageSize: number = 20;
}
