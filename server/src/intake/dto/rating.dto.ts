import { IsInt, Max, Min } from 'class-validator';
import { SCORE_RANGE, TEXT_LIMITS } from '@shouhu/shared';
import { IsText, missingOr, MayBeAbsent } from '../../common/input-rules';

const { min, max } = SCORE_RANGE;

export class RatingDto {
  @IsInt({ message: missingOr(`请打${min}到${max}分`, `评分应为${min}到${max}的整数`) })
  @Min(min, { message: `请打${min}到${max}分` })
  @Max(max, { message: `请打${min}到${max}分` })
  score: number;

  @MayBeAbsent()
  @IsText(TEXT_LIMITS.ratingComment)
  comment?: string;
}
