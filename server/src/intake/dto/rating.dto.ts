import { IsInt, Max, Min } from 'class-validator';
import { TEXT_LIMITS } from '@shouhu/shared';
import { IsText, missingOr, MayBeAbsent } from '../../common/input-rules';

export class RatingDto {
  @IsInt({ message: missingOr('请打1到5分', '评分应为1到5的整数') })
  @Min(1, { message: '请打1到5分' })
  @Max(5, { message: '请打1到5分' })
  score: number;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.ratingComment)
  comment?: string;
}
