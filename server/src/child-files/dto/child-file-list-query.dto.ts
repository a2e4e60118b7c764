import { IsIn, Matches } from 'class-validator';
import {
  CHILD_CATEGORIES,
  CHILD_FILE_STATUSES,
  DIVISION_CODE_PATTERN,
  DROPOUT_STATES,
  TEXT_LIMITS,
  type ChildCategory,
  type ChildFileStatus,
  type DropoutState,
} from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsPageNumber, IsPageSize, IsText, MayBeAbsent } from '../../common/input-rules';

export const CHILD_FILE_PAGE_SIZE_MAX = 50;

export class ChildFileListQueryDto {
  @FieldDescription(
    '只列这个区划（县6位、乡镇9位、村12位）之内的档案；超出本人范围的区划得到空列表',
  )
  @MayBeAbsent()
  @Matches(DIVISION_CODE_PATTERN, { message: '区划代码应为6位（县）、9位（乡镇）或12位（村）数字' })
  division?: string;

  @MayBeAbsent()
  @IsIn(CHILD_CATEGORIES, { message: '儿童类别不正确' })
  category?: ChildCategory;

  @FieldDescription('控辍保学：只列处于这个状态的孩子')
  @MayBeAbsent()
  @IsIn(DROPOUT_STATES, { message: '控辍保学状态不正确' })
  dropout?: DropoutState;

  @FieldDescription('不填：只列在册（active）的档案')
  @MayBeAbsent()
  @IsIn(CHILD_FILE_STATUSES, { message: '档案状态不正确' })
  status: ChildFileStatus = 'active';

  @FieldDescription('`true`：只列重点关注的档案；`false` 或不填：不按重点关注筛选')
  @MayBeAbsent()
  @IsIn(['true', 'false'], { message: 'priority 只能是 true 或 false' })
  priority?: 'true' | 'false';

  @FieldDescription(
    '孩子的完整姓名或身份证号（全角、空格、间隔号不影响）；只找完全相同的，不做模糊查找',
  )
  @MayBeAbsent()
  @IsText(TEXT_LIMITS.childFileSearch)
  q?: string;

  @IsPageNumber()
  page: number = 1;

  @IsPageSize(CHILD_FILE_PAGE_SIZE_MAX)
  pageSize: number = 20;
}
