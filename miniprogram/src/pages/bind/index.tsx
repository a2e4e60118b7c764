import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { inputMaxLength, ROLE_LABELS, TEXT_LIMITS, type AuthUser } from '@shouhu/shared';
import { redeemInvitation } from '../../services/accounts';
import { failureText } from '../../services/api-error';
import { currentUser } from '../../services/session';

function boundTo(user: AuthUser | null): string | null {
  if (!user) return null;
  const org = user.orgName ?? user.unitName;
  const role = user.roles.find((r) => r !== 'reporter');
  if (!org && !role) return null;
  return [org, role ? ROLE_LABELS[role] : ''].filter(Boolean).join(' · ');
}

/** 绑定单位: staff who must report, hotline operators and handlers join with a code they were given. */
export default function BindPage() {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [bound, setBound] = useState(() => boundTo(currentUser()));

  async function redeem() {
    if (busy) return;
    if (code.trim() === '') {
      setProblem('请输入单位给您的邀请码');
      return;
    }
    setBusy(true);
    setProblem('');
    try {
      setBound(boundTo(await redeemInvitation(code)));
      setCode('');
    } catch (error) {
      setProblem(failureText(error, '绑定失败，请稍后重试'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="page">
      {bound && (
        <View className="section bind-current">
          <Text className="section-title">已绑定</Text>
          <Text className="hint bind-org">{bound}</Text>
          <View
            className="big-button big-button-primary bind-report"
            onClick={() => void Taro.redirectTo({ url: '/pages/report/index?channel=mandatory' })}
          >
            <Text>以单位名义报告</Text>
          </View>
        </View>
      )}
      <View className="section">
        <Text className="section-title">{bound ? '绑定其他邀请码' : '输入邀请码'}</Text>
        <Text className="hint">
          学校、医院、村（居）委会等单位的工作人员，以及热线接线员、各部门办理人员，请向本县联席办或本单位管理员索取邀请码。一个邀请码只能用一次。
        </Text>
        <Input
          className="input bind-code"
          value={code}
          maxlength={inputMaxLength(TEXT_LIMITS.inviteCode)}
          placeholder="如：ACDE-FGHJ-KMNP"
          onInput={(e) => setCode(e.detail.value)}
        />
        {problem !== '' && <Text className="error-line bind-problem">{problem}</Text>}
      </View>
      <View
        className={`big-button big-button-primary bind-submit ${busy ? 'big-button-disabled' : ''}`}
        onClick={() => void redeem()}
      >
        <Text>{busy ? '正在绑定…' : '绑定'}</Text>
      </View>
    </View>
  );
}
