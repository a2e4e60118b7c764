import { TEXT_LIMITS } from '@shouhu/shared';
import { IsText } from '../../common/input-rules';

export class RedeemInviteDto {
  @IsText(TEXT_LIMITS.inviteCode)
  code: string;
}
