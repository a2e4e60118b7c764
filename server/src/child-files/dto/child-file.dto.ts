import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  CHILD_CATEGORIES,
  CHILD_FILE_STATUSES,
  CLOSE_REASONS,
  GENDERS,
  HELP_KINDS,
  TEXT_LIMITS,
  type ChildCategory,
  type ChildFileChild,
  type ChildFilePerson,
  type ChildFileStatus,
  type CloseReason,
  type CreateChildFileRequest,
  type Gender,
  type HelpInPlace,
  type HelpKind,
  type UpdateChildFileRequest,
} from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsApiDate } from '../../common/date-fields';
import { IsChildAge, IsIdNumber, IsPhone } from '../../common/identity-validators';
import {
  IsPlainObject,
  IsText,
  MayBeAbsent,
  NullClears,
  missingOr,
} from '../../common/input-rules';

/** A file's place: a township (9 digits) or a village (12 digits); a county is too coarse to keep. */
const FILE_DIVISION_PATTERN = /^(\d{9}|\d{12})$/;
const FILE_DIVISION_MESSAGE = '孩子所在地应为9位（乡镇）或12位（村）区划代码';

const PRIORITY_DESCRIPTION =
  'true：重点关注，每个寒暑假开始时安排一次假期走访（假期开始后才列入的，从下一个假期起）；不填：false';
const PRIORITY_MESSAGE = '重点关注只能是 true 或 false';

/** The most help items a file lists (the kinds, a few of them more than once). */
const MAX_HELP_ITEMS = 20;

/** The child's identity as `PATCH` changes it; the school is a field of its own there. */
export class ChildFileIdentityDto implements Omit<ChildFileChild, 'school'> {
  @MayBeAbsent()
  @IsText(TEXT_LIMITS.childName)
  name?: string;

  @MayBeAbsent()
  @IsIn(GENDERS, { message: '性别只能是 female、male 或 unknown' })
  gender?: Gender;

  @MayBeAbsent()
  @IsApiDate('出生日期')
  birthDate?: string;

  @FieldDescription('只在不知道出生日期时填写')
  @MayBeAbsent()
  @IsInt({ message: '年龄应为整数' })
  @IsChildAge()
  ageYears?: number;

  @MayBeAbsent()
  @IsIdNumber({ message: '身份证号不正确，请核对18位号码（最后一位可以是X）' })
  idNumber?: string;
}

export class ChildFileChildDto extends ChildFileIdentityDto implements ChildFileChild {
  @MayBeAbsent()
  @IsText(TEXT_LIMITS.childSchool)
  school?: string;
}

export class GuardianDto implements ChildFilePerson {
  @MayBeAbsent()
  @IsText(TEXT_LIMITS.guardianName)
  name?: string;

  @MayBeAbsent()
  @IsPhone({ message: '监护人电话应为手机号或带区号的固定电话' })
  phone?: string;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.familyRelation)
  relation?: string;
}

export class CarerDto implements ChildFilePerson {
  @MayBeAbsent()
  @IsText(TEXT_LIMITS.carerName)
  name?: string;

  @MayBeAbsent()
  @IsPhone({ message: '委托照护人电话应为手机号或带区号的固定电话' })
  phone?: string;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.familyRelation)
  relation?: string;
}

export class HelpInPlaceDto implements HelpInPlace {
  @IsIn(HELP_KINDS, { message: '请选择帮扶措施的种类' })
  kind: HelpKind;

  @FieldDescription('帮扶开始的日期（北京时间），不晚于今天')
  @IsApiDate('帮扶开始日期')
  since: string;

  @IsText(TEXT_LIMITS.helpProvider)
  provider: string;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.helpNote)
  note?: string;
}

const categoriesRules = [
  IsArray({ message: missingOr('请选择儿童类别', '儿童类别应为列表，如 ["left_behind"]') }),
  ArrayMaxSize(CHILD_CATEGORIES.length, { message: '儿童类别选择过多' }),
  ArrayUnique({ message: '儿童类别不能重复' }),
  IsIn(CHILD_CATEGORIES, { each: true, message: '包含无效的儿童类别' }),
];

const helpRules = [
  IsArray({ message: '帮扶措施应为列表' }),
  ArrayMaxSize(MAX_HELP_ITEMS, { message: `帮扶措施最多${MAX_HELP_ITEMS}项` }),
  IsPlainObject({ each: true, message: '每项帮扶措施应为对象 {kind, since, provider, note?}' }),
  ValidateNested({ each: true }),
  Type(() => HelpInPlaceDto),
];

export class CreateChildFileDto implements CreateChildFileRequest {
  @FieldDescription('孩子所在的村（12位）或乡镇（9位），须在本单位负责的区划内')
  @Matches(FILE_DIVISION_PATTERN, { message: FILE_DIVISION_MESSAGE })
  divisionCode: string;

  @IsDefined({ message: '孩子信息可以都不填，但需要提交 child 对象' })
  @IsPlainObject({ message: '孩子信息应为对象 {…}' })
  @ValidateNested()
  @Type(() => ChildFileChildDto)
  child: ChildFileChildDto;

  @FieldDescription('困境儿童类别和农村留守儿童；可以为空列表（暂未认定）')
  @applyDecorators(...categoriesRules)
  categories: ChildCategory[];

  @MayBeAbsent()
  @IsPlainObject({ message: '监护人应为对象 {name?, phone?, relation?}' })
  @ValidateNested()
  @Type(() => GuardianDto)
  guardian?: GuardianDto;

  @MayBeAbsent()
  @IsPlainObject({ message: '委托照护人应为对象 {name?, phone?, relation?}' })
  @ValidateNested()
  @Type(() => CarerDto)
  carer?: CarerDto;

  @MayBeAbsent()
  @applyDecorators(...helpRules)
  help?: HelpInPlaceDto[];

  @FieldDescription(PRIORITY_DESCRIPTION)
  @MayBeAbsent()
  @IsBoolean({ message: PRIORITY_MESSAGE })
  priority?: boolean;
}

export class UpdateChildFileDto implements UpdateChildFileRequest {
  @FieldDescription(
    '只改填写的项；改动姓名、出生日期、身份证号会让之后关于这个孩子的报告也能找到本档案',
  )
  @MayBeAbsent()
  @IsPlainObject({ message: '孩子信息应为对象 {…}' })
  @ValidateNested()
  @Type(() => ChildFileIdentityDto)
  child?: ChildFileIdentityDto;

  @FieldDescription('null：清除学校')
  @NullClears()
  @IsText(TEXT_LIMITS.childSchool)
  school?: string | null;

  @MayBeAbsent()
  @applyDecorators(...categoriesRules)
  categories?: ChildCategory[];

  @FieldDescription('null：清除监护人')
  @NullClears()
  @IsPlainObject({ message: '监护人应为对象 {name?, phone?, relation?}' })
  @ValidateNested()
  @Type(() => GuardianDto)
  guardian?: GuardianDto | null;

  @FieldDescription('null：清除委托照护人')
  @NullClears()
  @IsPlainObject({ message: '委托照护人应为对象 {name?, phone?, relation?}' })
  @ValidateNested()
  @Type(() => CarerDto)
  carer?: CarerDto | null;

  @FieldDescription('整体替换帮扶措施列表；空列表为清除')
  @MayBeAbsent()
  @applyDecorators(...helpRules)
  help?: HelpInPlaceDto[];

  @FieldDescription('closed：销号（须填 closeReason）；active：恢复在册')
  @MayBeAbsent()
  @IsIn(CHILD_FILE_STATUSES, { message: '档案状态只能是在册或已销号' })
  status?: ChildFileStatus;

  @MayBeAbsent()
  @IsIn(CLOSE_REASONS, { message: '请选择销号原因' })
  closeReason?: CloseReason;

  @FieldDescription('closeReason 为 other 时必填')
  @MayBeAbsent()
  @IsText(TEXT_LIMITS.closeNote)
  closeNote?: string;

  @FieldDescription(
    '迁往本县的另一个村（12位）或乡镇（9位）：档案交给那里的村（居）委会；迁出本县请销号',
  )
  @MayBeAbsent()
  @Matches(FILE_DIVISION_PATTERN, { message: FILE_DIVISION_MESSAGE })
  divisionCode?: string;

  @FieldDescription(`${PRIORITY_DESCRIPTION}；改动记入档案的时间线`)
  @MayBeAbsent()
  @IsBoolean({ message: PRIORITY_MESSAGE })
  priority?: boolean;
}
