import { IsIn, Matches } from 'class-validator';
import {
  DIVISION_CODE_PATTERN,
  INSTITUTION_MESSAGES,
  ORG_TYPES,
  TEXT_LIMITS,
  type OrgType,
} from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsPageNumber, IsPageSize, IsText, MayBeAbsent } from '../../common/input-rules';

export const INSTITUTION_PAGE_SIZE_MAX = 100;

/**
 * `GET /institutions`: a page of the caller's county register, by name: the institutions on it,
 * or with `retired=true` those taken off it.
 */
export class InstitutionListQueryDto {
  @FieldDescription('只列这一类机构')
  @MayBeAbsent()
  @IsIn(ORG_TYPES, { message: INSTITUTION_MESSAGES.typeUnknown })
  type?: OrgType;

  @FieldDescription('只列这个区划（县6位、乡镇9位、村12位）之内的机构；本县以外的区划得到空列表')
  @MayBeAbsent()
  @Matches(DIVISION_CODE_PATTERN, { message: INSTITUTION_MESSAGES.divisionFormat })
  division?: string;

  @FieldDescription('名称中含有这段文字的机构')
  @MayBeAbsent()
  @IsText(TEXT_LIMITS.institutionName)
  q?: string;

  @FieldDescription('`true`：只列已停用的机构；`false` 或不填：名录上（未停用）的机构')
  @MayBeAbsent()
  @IsIn(['true', 'false'], { message: 'retired 只能是 true 或 false' })
  retired?: 'true' | 'false';

  @IsPageNumber()
  page: number = 1;

  @IsPageSize(INSTITUTION_PAGE_SIZE_MAX)
  pageSize: number = 20;
}
