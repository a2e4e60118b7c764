import { IsString, Length } from 'class-validator';

export class WechatLoginDto {
  @IsString({ message: '缺少登录凭证' })
  @Length(1, 128, { message: '登录凭证格式不正确' })
  code: string;
}
