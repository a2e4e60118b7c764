import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import {
  TRACKING_CODE_DESCRIPTION,
  TRACKING_CODE_LENGTH,
  TRACKING_CODE_MAX_TYPED_LENGTH,
  isTrackingCode,
  normalizeTrackingCode,
} from '@shouhu/shared';
import { BackHome } from '../../components/back-home';
import { ApiError, failureText } from '../../services/api-error';
import { trackReport } from '../../services/reports';

const UNKNOWN_CODE = '没有找到这个查询码的报告。请核对后重新输入，或返回首页。';

export default function TrackPage() {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [unknown, setUnknown] = useState(false);
  const [looking, setLooking] = useState(false);

  /** Asks first, so an unknown code keeps the person here: the box to type again, a way home. */
  const look = async () => {
    setUnknown(false);
    if (!isTrackingCode(code)) {
      setProblem(`这不是一个查询码。查询码是回执上的${TRACKING_CODE_DESCRIPTION}，请核对后再输入`);
      return;
    }
    const normalized = normalizeTrackingCode(code);
    setLooking(true);
    try {
      await trackReport(normalized);
      setProblem(null);
      void Taro.navigateTo({ url: `/pages/progress/index?code=${normalized}` });
    } catch (error) {
      const notFound = error instanceof ApiError && error.status === 404;
      setUnknown(notFound);
      setProblem(notFound ? UNKNOWN_CODE : failureText(error, '查询失败，请检查网络后再试'));
    } finally {
      setLooking(false);
    }
  };

  return (
    <View className="page">
      <View className="section">
        <Text className="section-title">输入查询码</Text>
        <Text className="hint">提交报告后得到的{TRACKING_CODE_LENGTH}位查询码，不区分大小写。</Text>
        <Input
          className="input track-code"
          value={code}
          maxlength={TRACKING_CODE_MAX_TYPED_LENGTH}
          placeholder="例如 ACDE-FGHJ-KM"
          onInput={(e) => setCode(e.detail.value)}
        />
      </View>
      {problem && (
        <View className="error-box">
          <Text className="error-line track-problem">{problem}</Text>
        </View>
      )}
      <View
        className={`big-button big-button-primary track-submit ${looking ? 'big-button-disabled' : ''}`}
        onClick={() => !looking && void look()}
      >
        <Text>{looking ? '正在查询…' : '查询'}</Text>
      </View>
      {unknown && <BackHome />}
    </View>
  );
}
