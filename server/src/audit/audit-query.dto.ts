import { IsPageNumber, IsPageSize } from '../common/input-rules';

export class AuditQueryDto {
  @IsPageNumber()
  page: number = 1;

  @IsPageSize(200)
  pageSize: number = 50;
}
