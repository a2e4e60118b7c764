import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsPageNumber } from '../common/input-rules';

export class AuditQueryDto {
  @IsPageNumber()
  page: number = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '每页条数应为整数' })
  @Min(1, { message: '每页至少1条' })
  @Max(200, { message: '每页最多200条' })
  pageSize: number = 50;
}
