import { IsIn } from 'class-validator';
import { FieldDescription } from '../../api-docs/field-description.decorator';
import { IsPageNumber, MayBeAbsent } from '../../common/input-rules';

/** `GET /notifications?unread=&page=`: 20 messages a page (`INBOX_PAGE_SIZE`), newest first. */
export class InboxQueryDto {
  @FieldDescription('`true`：只列未读的消息；`false` 或不填：全部')
  @MayBeAbsent()
  @IsIn(['true', 'false'], { message: 'unread 只能是 true 或 false' })
  unread?: 'true' | 'false';

  @IsPageNumber()
  page: number = 1;
}
