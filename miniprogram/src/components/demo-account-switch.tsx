import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { DEMO_LOGINS, type DemoOpenid } from '@shouhu/shared';
import { failureText } from '../services/api-error';
import { chosenDemoAccount, switchToDemoAccount } from '../services/demo-accounts';

/**
 * 开发者：切换演示账号 — in the H5 app only, which always signs in with the development login;
 * a WeChat build never shows it. Switching reloads the home page so its 工作台 shows the new roles.
 */
export function DemoAccountSwitch() {
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState(() => chosenDemoAccount());
  const [problem, setProblem] = useState<string | null>(null);

  if (process.env.TARO_ENV !== 'h5') return null;

  async function choose(openid: DemoOpenid) {
    setProblem(null);
    try {
      await switchToDemoAccount(openid);
      setChosen(openid);
      void Taro.reLaunch({ url: '/pages/index/index' });
    } catch (e) {
      setProblem(failureText(e, '切换没有成功，请确认服务器开启了开发登录（AUTH_DEV_LOGIN）'));
    }
  }

  const current = DEMO_LOGINS.find((login) => login.openid === chosen);
  return (
    <View className="section demo-switch">
      <Text className="link demo-switch-toggle" onClick={() => setOpen(!open)}>
        开发者：切换演示账号{current ? `（当前：${current.label}）` : ''}
      </Text>
      {open &&
        DEMO_LOGINS.map((login) => (
          <View
            key={login.openid}
            className={`big-button big-button-secondary demo-switch-${login.openid}`}
            onClick={() => void choose(login.openid)}
          >
            <Text>{login.label}</Text>
            <Text className="big-button-note">{login.openid}</Text>
          </View>
        ))}
      {problem && <Text className="error-line">{problem}</Text>}
    </View>
  );
}
