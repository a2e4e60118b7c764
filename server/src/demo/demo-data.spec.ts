import { DEMO_LOGINS } from '@shouhu/shared';
import { DEMO_ACCOUNTS } from './demo-data';

describe('DEMO_ACCOUNTS', () => {
  it('seeds every account the H5 app’s 切换演示账号 offers, and no other', () => {
    expect(DEMO_ACCOUNTS.map((a) => a.openid).sort()).toEqual(
      DEMO_LOGINS.map((login) => login.openid).sort(),
    );
  });
});
