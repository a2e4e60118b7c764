import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { chineseShortDateTime } from '@shouhu/shared';
import { useStaffOutbox } from '../hooks/use-staff-outbox';
import { dismissStaffRefused, sendStaffQueued } from '../services/staff-outbox';

/**
 * What the worker did with no signal and the phone still holds: how many wait (with 立即发送),
 * and those the server refused, each with its words and the page to do it again. Nothing when
 * the outbox is empty. On the staff home, the children list, the order and the file pages.
 */
export function StaffOutboxCard() {
  const { queued, refused, sending } = useStaffOutbox();
  if (queued.length === 0 && refused.length === 0) return null;
  return (
    <View className="section staff-outbox">
      {queued.length > 0 && (
        <View className="staff-outbox-waiting">
          <Text className="section-title">
            {sending ? '正在发送…' : `${queued.length} 项等待网络，恢复后自动发送`}
          </Text>
          {queued.map((q) => (
            <Text key={q.idempotencyKey} className="hint staff-outbox-item">
              {q.label} · {chineseShortDateTime(q.queuedAt)}保存
            </Text>
          ))}
          <Text className="hint">已保存在手机上，不会丢失，也不会重复提交。</Text>
          {!sending && (
            <View
              className="big-button big-button-secondary staff-outbox-send"
              onClick={() => void sendStaffQueued()}
            >
              <Text>立即发送</Text>
            </View>
          )}
        </View>
      )}
      {refused.map((r) => (
        <View key={r.idempotencyKey} className="error-box staff-outbox-refused">
          <Text className="error-line">{r.label}没有发送成功：</Text>
          {r.lines.map((line) => (
            <Text key={line} className="error-line">
              {line}
            </Text>
          ))}
          <View
            className="big-button big-button-secondary staff-outbox-open"
            onClick={() => {
              dismissStaffRefused(r.idempotencyKey);
              void Taro.navigateTo({ url: r.page });
            }}
          >
            <Text>打开重新处理</Text>
          </View>
          <Text className="link" onClick={() => dismissStaffRefused(r.idempotencyKey)}>
            知道了
          </Text>
        </View>
      ))}
    </View>
  );
}
