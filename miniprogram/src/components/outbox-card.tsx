import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatTrackingCode } from '@shouhu/shared';
import { useOutbox } from '../hooks/use-outbox';
import { dismissRefused, dismissSent, receiptUrl, sendQueued } from '../services/outbox';

/**
 * Reports the outbox holds, on the home page and in 我的报告: how many wait to be sent (with
 * 立即发送), those the server refused (back in the form to fix), and those sent since, each with
 * its receipt. Nothing when the outbox is empty.
 */
export function OutboxCard() {
  const { queued, sent, refused, sending } = useOutbox();
  if (queued.length === 0 && sent.length === 0 && refused.length === 0) return null;
  return (
    <View className="section outbox-card">
      {queued.length > 0 && (
        <View className="outbox-waiting">
          <Text className="section-title">
            {sending ? '正在发送报告…' : `${queued.length} 份报告等待发送，联网后自动发送`}
          </Text>
          <Text className="hint">报告已保存在手机上，不会丢失，也不会重复提交。</Text>
          {!sending && (
            <View
              className="big-button big-button-secondary outbox-send"
              onClick={() => void sendQueued()}
            >
              <Text>立即发送</Text>
            </View>
          )}
        </View>
      )}
      {refused.map((r) => (
        <View key={r.idempotencyKey} className="error-box outbox-refused">
          <Text className="error-line">有一份报告没有发送成功：</Text>
          {r.lines.map((line) => (
            <Text key={line} className="error-line">
              {line}
            </Text>
          ))}
          <View
            className="big-button big-button-secondary outbox-fix"
            onClick={() => {
              void Taro.navigateTo({ url: `/pages/report/index?channel=${r.channel}` });
            }}
          >
            <Text>打开报告修改</Text>
          </View>
          <Text className="link" onClick={() => dismissRefused(r.idempotencyKey)}>
            知道了
          </Text>
        </View>
      ))}
      {sent.map((s) => (
        <View key={s.idempotencyKey} className="outbox-sent">
          <Text className="section-title">等待发送的报告已发送</Text>
          <Text className="hint">查询码 {formatTrackingCode(s.trackingCode)}</Text>
          <View
            className="big-button big-button-primary outbox-receipt"
            onClick={() => {
              dismissSent(s.idempotencyKey);
              void Taro.navigateTo({ url: receiptUrl(s) });
            }}
          >
            <Text>查看回执</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
