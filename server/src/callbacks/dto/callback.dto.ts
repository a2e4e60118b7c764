import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { TEXT_LIMITS, type CallbackRequest } from '@shouhu/shared';
import { IsText, MayBeAbsent } from '../../common/input-rules';

/** `POST /reports/:id/callback`: one 回访 call; a score (1–5) only when the caller was reached. */
export class CallbackDto implements CallbackRequest {
  @IsBoolean({ message: '请选择是否接通' })
  reached: boolean;

  @MayBeAbsent()
  @IsInt({ message: '满意度应为1到5的整数' })
  @Min(1, { message: '满意度请打1到5分' })
  @Max(5, { message: '满意度请打1到5分' })
  score?: number;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.callbackComment)
  comment?: string;
}
