import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatTrackingCode } from '@shouhu/shared';
import { Call110Button } from '../../components/call-110-button';
import './index.css';

export default function ReceiptPage() {
  const { code = '', call110 } = useRouter().params;

  const copy = () =>
    void Taro.setClipboardData({ data: code }).catch(() =>
      Taro.showToast({ title: '复制失败，请手动记下', icon: 'none' }),
    );

  return (
    <View className="page">
      {call110 === '1' && (
        <View className="danger-box">
          <Text className="danger-title">孩子有危险，请立即拨打110</Text>
          <Call110Button />
        </View>
      )}

      <View className="section receipt">
        <Text className="section-title">报告已提交</Text>
        <Text className="hint">请记下查询码，可以用它随时查看办理进度：</Text>
        <Text className="receipt-code" userSelect>
          {formatTrackingCode(code)}
        </Text>
        <View className="big-button big-button-secondary" onClick={copy}>
          <Text>复制查询码</Text>
        </View>
      </View>

      <View className="section">
        <Text className="section-title">接下来会怎样</Text>
        <Text className="hint">
          报告会按情况送到负责的部门。紧急情况30分钟内签收，其他情况一般在1个工作日内签收；办理结果会告诉您。
        </Text>
      </View>

      <View
        className="big-button big-button-primary"
        onClick={() => void Taro.reLaunch({ url: '/pages/index/index' })}
      >
        <Text>返回首页</Text>
      </View>
    </View>
  );
}
