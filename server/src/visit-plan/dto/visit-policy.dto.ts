import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';
import { VISIT_POLICY_BOUNDS, type VisitPolicy } from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { missingOr } from '../../common/input-rules';

/**
 * A whole number of days within the field's `VISIT_POLICY_BOUNDS`, refused in words otherwise:
 * one message asks for a missing field, one names the type, one the range.
 */
function Days(field: keyof VisitPolicy, label: string): PropertyDecorator {
  const { min, max } = VISIT_POLICY_BOUNDS[field];
  const range = `${label}须在${min}到${max}天之间`;
  return applyDecorators(
    IsInt({
      message: missingOr(`请填写${label}（${min}到${max}天）`, `${label}应为整数（天数）`),
    }),
    Min(min, { message: range }),
    Max(max, { message: range }),
  );
}

/** `PUT /admin/visit-policy`: every number of the visit plan, in days. */
export class VisitPolicyDto implements VisitPolicy {
  @FieldDescription('季度走访：距上次走访（或建档）多少天内须再走访')
  @Days('quarterlyDays', '季度走访间隔')
  quarterlyDays: number;

  @FieldDescription('案后回访：报告办结后多少天内须回访')
  @Days('followUpDays', '案后回访期限')
  followUpDays: number;

  @FieldDescription('假期走访：假期开始后多少天内须走访重点关注儿童')
  @Days('holidayDays', '假期走访期限')
  holidayDays: number;

  @FieldDescription('复学巩固回访：复学后多少天起须回访，核实孩子仍在上学')
  @Days('dropoutCheckDays', '复学回访时间')
  dropoutCheckDays: number;

  @FieldDescription('复学巩固回访：回访时间到后多少天内须完成')
  @Days('dropoutCheckWindowDays', '复学回访期限')
  dropoutCheckWindowDays: number;
}
