import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class RatingDto {
  @IsInt({ message: '请打1到5分' })
  @Min(1, { message: '请打1到5分' })
  @Max(5, { message: '请打1到5分' })
  score: number;

  @IsOptional()
  @IsString()
  @Length(1, 500, { message: '评价最多500字' })
  comment?: string;
}
