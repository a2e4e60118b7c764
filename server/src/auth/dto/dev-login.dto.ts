import { Matches } from 'class-validator';

export class DevLoginDto {
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'openid 只能包含字母、数字、- 和 _，最多64位' })
  openid: string;
}
