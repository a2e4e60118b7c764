import { IsString, Length } from 'class-validator';

export class RedeemInviteDto {
  @IsString({ message: '请输入邀请码' })
  @Length(1, 32, { message: '邀请码格式不正确' })
  code: string;
}
