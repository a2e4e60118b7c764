import { Type } from 'class-transformer';
import { IsIn, IsInt, Min } from 'class-validator';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { MayBeAbsent } from '../../common/input-rules';

/** `GET /notifications?unread=&page=`: 20 messages a page (`INBOX_PAGE_SIZE`), newest first. */
export class InboxQueryDto {
  @FieldDescription('`true`：只列未读的消息；`false` 或不填：全部')
  @MayBeAbsent()
  @IsIn(['true', 'false'], { message: 'unread 只能是 true 或 false' })
  unread?: 'true' | 'false';

  @MayBeAbsent()
  @Type(() => Number)
  @IsInt({ message: '页码应为整数' })
  @Min(1, { message: '页码从1开始' })
  page: number = 1;
}
