import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { PRIVACY_AGREE_BUTTON_ID, registerPrivacyPrompt } from '../services/privacy';

/**
 * Shown the first time the page needs location, the camera, the album or the clipboard. Pages that
 * use any of them render it once; nothing shows until something asks.
 */
export function PrivacyPrompt() {
  const [answer, setAnswer] = useState<((agreed: boolean) => void) | null>(null);

  useEffect(() => registerPrivacyPrompt((reply) => setAnswer(() => reply)), []);

  if (!answer) return null;
  const reply = (agreed: boolean) => {
    setAnswer(null);
    answer(agreed);
  };

  return (
    <View className="privacy-overlay">
      <View className="privacy-panel">
        <Text className="section-title">使用前请阅读《隐私说明》</Text>
        <Text className="hint">
          为了让您上传照片、标记位置或复制查询码，需要使用手机的相册、相机、位置或剪贴板。我们只用它们来办理您提交的报告，只让负责办理的部门看到。
        </Text>
        <Text
          className="link privacy-read"
          onClick={() => void Taro.navigateTo({ url: '/pages/privacy/index' })}
        >
          阅读《隐私说明》
        </Text>
        <View className="choice-row">
          <Button className="plain-button privacy-decline" onClick={() => reply(false)}>
            不同意
          </Button>
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className="primary-button privacy-agree"
            openType="agreePrivacyAuthorization"
            onClick={() => reply(true)}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  );
}
