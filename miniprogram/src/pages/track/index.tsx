import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { isTrackingCode, normalizeTrackingCode } from '@shouhu/shared';

export default function TrackPage() {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const look = () => {
    if (!isTrackingCode(code)) {
      setProblem('查询码是10位字母和数字，请核对后再输入');
      return;
    }
    setProblem(null);
    void Taro.navigateTo({ url: `/pages/progress/index?code=${normalizeTrackingCode(code)}` });
  };

  return (
    <View className="page">
      <View className="section">
        <Text className="section-title">输入查询码</Text>
        <Text className="hint">提交报告后得到的10位查询码，不区分大小写。</Text>
        <Input
          className="input track-code"
          value={code}
          maxlength={14}
          placeholder="例如 ACDE-FGHJ-KM"
          onInput={(e) => setCode(e.detail.value)}
        />
      </View>
      {problem && (
        <View className="error-box">
          <Text className="error-line">{problem}</Text>
        </View>
      )}
      <View className="big-button big-button-primary track-submit" onClick={look}>
        <Text>查询</Text>
      </View>
    </View>
  );
}
