import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  SCORES,
  SCORE_LABELS,
  chineseDateTime,
  formatTrackingCode,
  type HotlineCallback,
} from '@shouhu/shared';
import { Choice } from '../components/choice';
import { PageState } from '../components/page-state';
import { useNewestAnswer } from '../hooks/use-newest-answer';
import { failureText } from '../services/api-error';
import { listCallbacks, recordCallback } from '../services/callbacks';
import './staff.css';

/** Highest first, as the operator asks: 很满意 down to 很不满意. */
const SCORE_CHOICES = [...SCORES].reverse().map((score) => ({
  score,
  label: `${score}分 ${SCORE_LABELS[score]}`,
}));

/**
 * 热线回访: the closed reports whose callers this operator registered, oldest first. Tap one,
 * call the number, then record the caller's satisfaction or 未接通 (the report stays on the list).
 */
export function CallbackList() {
  const [items, setItems] = useState<HotlineCallback[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [problem, setProblem] = useState('');

  const newest = useNewestAnswer();

  async function load() {
    const isNewest = newest.ask();
    try {
      const answer = await listCallbacks();
      if (!isNewest()) return;
      setItems(answer);
      setProblem('');
    } catch (error) {
      if (isNewest()) setProblem(failureText(error, '回访名单没有加载出来，请下拉重试'));
    } finally {
      Taro.stopPullDownRefresh();
    }
  }
  useDidShow(() => void load());
  usePullDownRefresh(() => void load());

  async function record(reportId: string, reached: boolean, score?: number) {
    // The list this answer carries is newer than any read sent before it.
    const isNewest = newest.ask();
    try {
      const answer = await recordCallback(reportId, reached ? { reached, score } : { reached });
      if (isNewest()) setItems(answer);
      setOpen(null);
      setProblem('');
      void Taro.showToast({ title: reached ? '已记录满意度' : '已记为未接通', icon: 'none' });
    } catch (error) {
      setProblem(failureText(error, '没有记录成功，请重试'));
    }
  }

  if (items === null) return <PageState error={problem || null} />;
  return (
    <View className="page callback-list">
      {problem && (
        <View className="error-box">
          <Text className="error-line">{problem}</Text>
        </View>
      )}
      {items.length === 0 && <Text className="hint">没有要回访的来电，下拉可以刷新。</Text>}
      {items.map((item) => (
        <View key={item.reportId} className="section callback-card">
          <View onClick={() => setOpen(open === item.reportId ? null : item.reportId)}>
            <Text className="section-title">
              {item.callerName ?? '来电人'} {item.callerPhone ?? ''}
            </Text>
            <Text className="hint">
              查询码 {formatTrackingCode(item.trackingCode)} · {chineseDateTime(item.closedAt)}办结
            </Text>
            <Text className="hint">结果：{item.outcomes.join('、') || '已办结'}</Text>
            {item.unreachedCalls > 0 && (
              <Text className="hint">已打过{item.unreachedCalls}次，未接通</Text>
            )}
          </View>
          {open === item.reportId && (
            <View className="callback-record">
              {item.callerPhone && (
                <View
                  className="big-button big-button-secondary"
                  onClick={() =>
                    void Taro.makePhoneCall({ phoneNumber: item.callerPhone ?? '' }).catch(
                      () => undefined,
                    )
                  }
                >
                  <Text>拨打来电人</Text>
                </View>
              )}
              <Text className="field-label">来电人对办理结果满意吗？</Text>
              {SCORE_CHOICES.map(({ score, label }) => (
                <Choice
                  key={score}
                  label={label}
                  selected={false}
                  onSelect={() => void record(item.reportId, true, score)}
                />
              ))}
              <Choice
                label="未接通"
                selected={false}
                onSelect={() => void record(item.reportId, false)}
              />
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
