import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsUUID,
  Matches,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import {
  DIVISION_CODE_PATTERN,
  FORM_CHANNELS,
  GENDERS,
  REPORTER_IDENTITY_TEXTS,
  SITUATION_CODES,
  TEXT_LIMITS,
  VISIT_CHANNEL_REFUSAL,
  type CreateReportRequest,
  type FormChannel,
  type Gender,
  type ReportChild,
  type ReportLocation,
  type ReportReporter,
  type SituationCode,
} from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsApiDate, IsApiInstant } from '../../common/date-fields';
import { IsChildAge, IsIdNumber, IsPhone } from '../../common/identity-validators';
import {
  IsLatitudeDegrees,
  IsLongitudeDegrees,
  IsPlainObject,
  IsText,
  missingOr,
  MayBeAbsent,
} from '../../common/input-rules';

export class ReportLocationDto implements ReportLocation {
  @Matches(DIVISION_CODE_PATTERN, { message: '区划代码应为6位（县）、9位（乡镇）或12位（村）数字' })
  divisionCode: string;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.locationAddress)
  address?: string;

  @MayBeAbsent()
  @IsLatitudeDegrees()
  latitude?: number;

  @MayBeAbsent()
  @IsLongitudeDegrees()
  longitude?: number;
}

export class ReportChildDto implements ReportChild {
  @MayBeAbsent()
  @IsText(TEXT_LIMITS.childName)
  name?: string;

  @MayBeAbsent()
  @IsIn(GENDERS, { message: '性别只能是 female、male 或 unknown' })
  gender?: Gender;

  @MayBeAbsent()
  @IsInt({ message: '年龄应为整数' })
  @IsChildAge()
  ageYears?: number;

  @MayBeAbsent()
  @IsApiDate('出生日期')
  birthDate?: string;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.childSchool)
  school?: string;

  @MayBeAbsent()
  @IsIdNumber({ message: '身份证号不正确，请核对18位号码（最后一位可以是X）' })
  idNumber?: string;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.guardianName)
  guardianName?: string;

  @MayBeAbsent()
  @IsPhone({ message: '监护人电话应为手机号或带区号的固定电话' })
  guardianPhone?: string;

  @FieldDescription(
    'true：孩子去向不明（只在情形含 dropout 时问）：报告同时派给公安协助查找，至少按加急（P2）处理',
  )
  @MayBeAbsent()
  @IsBoolean({ message: '孩子是否去向不明应为 true 或 false' })
  whereaboutsUnknown?: boolean;
}

export class ReportReporterDto implements ReportReporter {
  @FieldDescription(
    `true：${REPORTER_IDENTITY_TEXTS.anonymous.explanation}不能同时填写 name、phone。false：保密或实名，见 confidential`,
  )
  @IsBoolean({ message: '请选择是否匿名' })
  anonymous: boolean;

  @FieldDescription(
    `anonymous 为 false 时：true 为${REPORTER_IDENTITY_TEXTS.confidential.explanation}false 或不填为${REPORTER_IDENTITY_TEXTS.named.explanation}`,
  )
  @MayBeAbsent()
  @IsBoolean({ message: '是否保密应为 true 或 false' })
  confidential?: boolean;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.reporterName)
  name?: string;

  @MayBeAbsent()
  @IsPhone({ message: '电话应为手机号或带区号的固定电话' })
  phone?: string;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.reporterRelation)
  relation?: string;

  /** Hotline only, with a mobile `phone`: the caller agreed to SMS at 受理 and 办结. */
  @FieldDescription(
    'true：热线来电人同意在受理和办结时收到短信（查询码和办理结果，不含其他内容）；只用于热线登记，且需要手机号 phone',
  )
  @MayBeAbsent()
  @IsBoolean({ message: '是否同意接收短信应为 true 或 false' })
  smsConsent?: boolean;
}

export class CreateReportDto implements CreateReportRequest {
  @IsIn(FORM_CHANNELS, {
    message: (args: ValidationArguments) =>
      args.value === 'visit'
        ? VISIT_CHANNEL_REFUSAL
        : '报告渠道只能是 mandatory、public 或 hotline',
  })
  channel: FormChannel;

  @IsArray({ message: missingOr('请至少选择一种情形', '情形应为列表，如 ["dropout"]') })
  @ArrayMinSize(1, { message: '请至少选择一种情形' })
  @ArrayMaxSize(SITUATION_CODES.length, { message: '情形选择过多' })
  @ArrayUnique({ message: '情形不能重复' })
  @IsIn(SITUATION_CODES, { each: true, message: '包含无效的情形代码' })
  situations: SituationCode[];

  @FieldDescription(
    'true：孩子现在就有危险：报告由公安主办、按紧急（P1）处理，应用提示报告人立即拨打 110',
  )
  @IsBoolean({ message: '请说明孩子现在是否有危险' })
  immediateDanger: boolean;

  @IsText(TEXT_LIMITS.reportDescription)
  description: string;

  @IsApiInstant('发现时间')
  discoveredAt: string;

  @IsDefined({ message: '请填写孩子所在地' })
  @IsPlainObject({ message: '孩子所在地应为对象 {divisionCode, …}' })
  @ValidateNested()
  @Type(() => ReportLocationDto)
  location: ReportLocationDto;

  @IsDefined({ message: '孩子信息可以都不填，但需要提交 child 对象' })
  @IsPlainObject({ message: '孩子信息应为对象 {…}' })
  @ValidateNested()
  @Type(() => ReportChildDto)
  child: ReportChildDto;

  @IsDefined({ message: '请选择报告人身份（匿名/保密/实名）' })
  @IsPlainObject({ message: '报告人信息应为对象 {anonymous, …}' })
  @ValidateNested()
  @Type(() => ReportReporterDto)
  reporter: ReportReporterDto;

  @MayBeAbsent()
  @IsArray({ message: '附件应为列表' })
  @ArrayMaxSize(20, { message: '附件最多20个' })
  @IsUUID('all', { each: true, message: '附件编号不正确' })
  attachments?: string[];
}
