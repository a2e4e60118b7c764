import { TEXT_LIMITS } from '@shouhu/shared';
import { IsText } from '../../common/input-rules';

export class WechatLoginDto {
  @IsText(TEXT_LIMITS.wechatLoginCode)
  code: string;
}
