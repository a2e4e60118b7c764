import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { SUBSCRIBE_KINDS, type SubscribeKind, type SubscribeRequest } from '@shouhu/shared';

export class SubscribeDto implements SubscribeRequest {
  @IsArray({ message: '请选择要订阅的通知' })
  @ArrayMinSize(1, { message: '请至少选择一种通知' })
  @ArrayMaxSize(SUBSCRIBE_KINDS.length, { message: '通知种类过多' })
  @ArrayUnique({ message: '通知种类不能重复' })
  @IsIn(SUBSCRIBE_KINDS, { each: true, message: '通知种类只能是 accepted、progress 或 closed' })
  kinds: SubscribeKind[];
}
