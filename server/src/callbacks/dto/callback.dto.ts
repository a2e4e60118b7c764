import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { SCORE_RANGE, TEXT_LIMITS, type CallbackRequest } from '@shouhu/shared';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsText, MayBeAbsent } from '../../common/input-rules';

/** `POST /reports/:id/callback`: one 回访 call; a score (1–5) only when the caller was reached. */
export class CallbackDto implements CallbackRequest {
  @FieldDescription('true：接通了来电人，须同时填写满意度 score；false：没有接通，不填 score')
  @IsBoolean({ message: '请选择是否接通' })
  reached: boolean;

  @MayBeAbsent()
  @IsInt({ message: `满意度应为${SCORE_RANGE.min}到${SCORE_RANGE.max}的整数` })
  @Min(SCORE_RANGE.min, { message: `满意度请打${SCORE_RANGE.min}到${SCORE_RANGE.max}分` })
  @Max(SCORE_RANGE.max, { message: `满意度请打${SCORE_RANGE.min}到${SCORE_RANGE.max}分` })
  score?: number;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.callbackComment)
  comment?: string;
}
