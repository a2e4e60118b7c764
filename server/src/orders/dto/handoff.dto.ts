import { IsIn } from 'class-validator';
import {
  ALLOWED_CLOCK_SKEW_MS,
  RECEIVING_DEPARTMENTS,
  TEXT_LIMITS,
  type GuardianshipHandoverRequest,
  type HandoffRequest,
  type ReceivingDepartment,
} from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsApiInstant } from '../../common/date-fields';
import { IsText } from '../../common/input-rules';

export class HandoffDto implements HandoffRequest {
  @FieldDescription('请哪个部门协办：它收到一张协办工单，按报告的地点派到该部门的单位')
  @IsIn(RECEIVING_DEPARTMENTS, { message: '请选择要转接的部门' })
  department: ReceivingDepartment;

  @IsText(TEXT_LIMITS.handoffReason)
  reason: string;
}

export class HandoverDto implements GuardianshipHandoverRequest {
  @FieldDescription(
    `交接孩子的时间：不晚于现在（手机时钟快 ${ALLOWED_CLOCK_SKEW_MS / 60_000} 分钟以内不算，记为现在），不早于报告里发现情况的时间`,
  )
  @IsApiInstant('交接时间')
  at: string;

  @IsText(TEXT_LIMITS.handedOverBy)
  handedOverBy: string;

  @IsText(TEXT_LIMITS.receivedBy)
  receivedBy: string;

  @IsText(TEXT_LIMITS.placedAt)
  placedAt: string;
}
