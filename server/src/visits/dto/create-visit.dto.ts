import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  ValidateNested,
} from 'class-validator';
import {
  TEXT_LIMITS,
  VISIT_CHECK_LABELS,
  VISIT_CHECK_RESULTS,
  VISIT_PEOPLE,
  type CreateVisitRequest,
  type SituationCode,
  type VisitCheck,
  type VisitCheckName,
  type VisitCheckResult,
  type VisitPerson,
  type VisitReportRequest,
} from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsApiInstant } from '../../common/date-fields';
import {
  IsLatitudeDegrees,
  IsLongitudeDegrees,
  IsPlainObject,
  IsText,
  MayBeAbsent,
  missingOr,
} from '../../common/input-rules';
import { IMMEDIATE_DANGER_DESCRIPTION, IsSituations } from '../../intake/dto/create-report.dto';

export class VisitCheckDto implements VisitCheck {
  @IsIn(VISIT_CHECK_RESULTS, { message: '检查结果只能是 normal（正常）或 concern（需关注）' })
  result: VisitCheckResult;

  @FieldDescription('result 为 concern（需关注）时必填：简单写明发现的情况')
  @MayBeAbsent()
  @IsText(TEXT_LIMITS.visitFinding)
  finding?: string;
}

/** One of the four checks: an object `{result, finding?}`, required. */
function IsCheck(name: VisitCheckName): PropertyDecorator {
  const label = VISIT_CHECK_LABELS[name];
  return applyDecorators(
    IsDefined({ message: `请填写${label}` }),
    IsPlainObject({ message: `${label}应为对象 {result, finding?}` }),
    ValidateNested(),
    Type(() => VisitCheckDto),
  );
}

/** 家庭情况、监护情况、就学情况、身心状况 (泗县: "核实困境儿童家庭情况、监护情况、就学情况"). */
export class VisitChecksDto implements Record<VisitCheckName, VisitCheck> {
  @IsCheck('family')
  family: VisitCheckDto;

  @IsCheck('guardianship')
  guardianship: VisitCheckDto;

  @IsCheck('schooling')
  schooling: VisitCheckDto;

  @IsCheck('wellbeing')
  wellbeing: VisitCheckDto;
}

/** A report filed from the visit (channel `visit`): the place and the child are the file's. */
export class VisitReportDto implements VisitReportRequest {
  @IsSituations()
  situations: SituationCode[];

  @FieldDescription(IMMEDIATE_DANGER_DESCRIPTION)
  @IsBoolean({ message: '请说明孩子现在是否有危险' })
  immediateDanger: boolean;

  @IsText(TEXT_LIMITS.reportDescription)
  description: string;

  @FieldDescription('孩子所在的详细地址；区划就是档案的村（乡镇）')
  @MayBeAbsent()
  @IsText(TEXT_LIMITS.locationAddress)
  address?: string;
}

export class CreateVisitDto implements CreateVisitRequest {
  @FieldDescription('走访的时间：不晚于现在，不早于建档时间')
  @IsApiInstant('走访时间')
  at: string;

  @FieldDescription('走访地点的纬度；与 longitude 同时填写或都不填')
  @MayBeAbsent()
  @IsLatitudeDegrees()
  latitude?: number;

  @FieldDescription('走访地点的经度；与 latitude 同时填写或都不填')
  @MayBeAbsent()
  @IsLongitudeDegrees()
  longitude?: number;

  @IsArray({ message: missingOr('请选择这次见到了谁', '见到的人应为列表，如 ["child"]') })
  @ArrayMinSize(1, { message: '请选择这次见到了谁' })
  @ArrayMaxSize(VISIT_PEOPLE.length, { message: '见到的人选择过多' })
  @ArrayUnique({ message: '见到的人重复了' })
  @IsIn(VISIT_PEOPLE, { each: true, message: '见到的人不在可选范围内' })
  met: VisitPerson[];

  @IsDefined({ message: '请填写四项情况：家庭、监护、就学、身心' })
  @IsPlainObject({ message: '四项情况应为对象 {family, guardianship, schooling, wellbeing}' })
  @ValidateNested()
  @Type(() => VisitChecksDto)
  checks: VisitChecksDto;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.visitFindings)
  findings?: string;

  @FieldDescription(
    '走访中发现孩子需要帮助时一并提交的报告（渠道 visit，走访发现）：像其他报告一样分派工单，记入这份档案',
  )
  @MayBeAbsent()
  @IsPlainObject({ message: '报告应为对象 {situations, immediateDanger, description, address?}' })
  @ValidateNested()
  @Type(() => VisitReportDto)
  report?: VisitReportDto;
}
