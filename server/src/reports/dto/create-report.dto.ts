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
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CHANNELS,
  DESCRIPTION_MAX_LENGTH,
  DESCRIPTION_MIN_LENGTH,
  DIVISION_CODE_PATTERN,
  GENDERS,
  SITUATION_CODES,
  type Channel,
  type CreateReportRequest,
  type Gender,
  type ReportChild,
  type ReportLocation,
  type ReportReporter,
  type SituationCode,
} from '@shouhu/shared';

/** Mobile or landline with area code; people type spaces, dashes and +86. */
const PHONE = /^(\+?86[\s-]?)?(1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}[\s-]?\d{7,8})$/;
const ID_NUMBER = /^\d{17}[\dXx]$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ReportLocationDto implements ReportLocation {
  @Matches(DIVISION_CODE_PATTERN, { message: '区划代码应为6位（县）、9位（乡镇）或12位（村）数字' })
  divisionCode: string;

  @IsOptional()
  @IsString({ message: '详细地址应为文字' })
  @MaxLength(200, { message: '详细地址最多200字' })
  address?: string;

  @IsOptional()
  @IsLatitude({ message: '纬度不正确' })
  latitude?: number;

  @IsOptional()
  @IsLongitude({ message: '经度不正确' })
  longitude?: number;
}

export class ReportChildDto implements ReportChild {
  @IsOptional()
  @IsString({ message: '姓名应为文字' })
  @MaxLength(50, { message: '姓名最多50字' })
  name?: string;

  @IsOptional()
  @IsIn(GENDERS, { message: '性别只能是 female、male 或 unknown' })
  gender?: Gender;

  @IsOptional()
  @IsInt({ message: '年龄应为整数' })
  @Min(0, { message: '年龄不能小于0' })
  @Max(17, { message: '未成年人年龄应小于18岁' })
  ageYears?: number;

  @IsOptional()
  @Matches(DATE, { message: '出生日期格式应为 YYYY-MM-DD' })
  birthDate?: string;

  @IsOptional()
  @IsString({ message: '学校应为文字' })
  @MaxLength(100, { message: '学校名称最多100字' })
  school?: string;

  @IsOptional()
  @Matches(ID_NUMBER, { message: '身份证号应为18位' })
  idNumber?: string;

  @IsOptional()
  @IsString({ message: '监护人姓名应为文字' })
  @MaxLength(50, { message: '监护人姓名最多50字' })
  guardianName?: string;

  @IsOptional()
  @Matches(PHONE, { message: '监护人电话应为手机号或带区号的固定电话' })
  guardianPhone?: string;

  @IsOptional()
  @IsBoolean({ message: '孩子是否去向不明应为 true 或 false' })
  whereaboutsUnknown?: boolean;
}

export class ReportReporterDto implements ReportReporter {
  @IsBoolean({ message: '请选择是否匿名' })
  anonymous: boolean;

  @IsOptional()
  @IsBoolean({ message: '是否保密应为 true 或 false' })
  confidential?: boolean;

  @IsOptional()
  @IsString({ message: '姓名应为文字' })
  @MaxLength(50, { message: '姓名最多50字' })
  name?: string;

  @IsOptional()
  @Matches(PHONE, { message: '电话应为手机号或带区号的固定电话' })
  phone?: string;

  @IsOptional()
  @IsString({ message: '与孩子的关系应为文字' })
  @MaxLength(50, { message: '与孩子的关系最多50字' })
  relation?: string;
}

export class CreateReportDto implements CreateReportRequest {
  @IsIn(CHANNELS, { message: '报告渠道只能是 mandatory、public 或 hotline' })
  channel: Channel;

  @IsArray({ message: '请至少选择一种情形' })
  @ArrayMinSize(1, { message: '请至少选择一种情形' })
  @ArrayMaxSize(SITUATION_CODES.length, { message: '情形选择过多' })
  @ArrayUnique({ message: '情形不能重复' })
  @IsIn(SITUATION_CODES, { each: true, message: '包含无效的情形代码' })
  situations: SituationCode[];

  @IsBoolean({ message: '请说明孩子现在是否有危险' })
  immediateDanger: boolean;

  @IsString({ message: '请填写情况描述' })
  @Length(DESCRIPTION_MIN_LENGTH, DESCRIPTION_MAX_LENGTH, {
    message: `情况描述应为${DESCRIPTION_MIN_LENGTH}到${DESCRIPTION_MAX_LENGTH}字`,
  })
  @Matches(/\S/, { message: '请填写情况描述' })
  description: string;

  @IsISO8601({ strict: true }, { message: '发现时间格式不正确' })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: '发现时间需要带时区' })
  discoveredAt: string;

  @IsDefined({ message: '请填写孩子所在地' })
  @ValidateNested()
  @Type(() => ReportLocationDto)
  location: ReportLocationDto;

  @IsDefined({ message: '孩子信息可以都不填，但需要提交 child 对象' })
  @ValidateNested()
  @Type(() => ReportChildDto)
  child: ReportChildDto;

  @IsDefined({ message: '请选择报告人身份（匿名/保密/实名）' })
  @ValidateNested()
  @Type(() => ReportReporterDto)
  reporter: ReportReporterDto;

  @IsOptional()
  @IsArray({ message: '附件应为列表' })
  @ArrayMaxSize(20, { message: '附件最多20个' })
  @IsUUID('all', { each: true, message: '附件编号不正确' })
  attachments?: string[];
}
