import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CLOCK_LABELS, PRIORITIES, priorityText } from '@shouhu/shared';
import { usePageData } from '../hooks/use-page-data';
import { fetchBoard } from '../services/orders';
import { BarChart } from './bar-chart';
import { countScale, onTimeRate, rateScale, rateText } from './board-scales';
import './index.css';
import { PageState } from '../components/page-state';

const countText = (value: number | null) => String(value ?? 0);

/** The county at a glance: today's reports, who is overdue, and how often each clock is kept. */
export default function BoardPage() {
  const { data: board, error } = usePageData(fetchBoard);

  if (error || !board) return <PageState error={error} />;

  const todayTotal = PRIORITIES.reduce((sum, p) => sum + board.today[p], 0);
  const today = PRIORITIES.map((p) => board.today[p]);
  const overdue = board.overdueByUnit.map((u) => u.overdue);
  return (
    <View className="page">
      <View className="section board-today">
        <Text className="section-title">今日新报告 {todayTotal} 件</Text>
        <BarChart
          id="board-today"
          color="#1664ff"
          scale={countScale(today)}
          format={countText}
          bars={PRIORITIES.map((p) => ({
            label: priorityText(p),
            value: board.today[p],
          }))}
        />
      </View>
      <View className="section board-overdue">
        <Text className="section-title">各单位超时工单</Text>
        {board.overdueByUnit.length === 0 ? (
          <Text className="hint">目前没有超时工单。</Text>
        ) : (
          <BarChart
            id="board-overdue"
            color="#d7312a"
            scale={countScale(overdue)}
            format={countText}
            bars={board.overdueByUnit.map((u) => ({
              label: u.unitName,
              value: u.overdue,
              onTap: () =>
                void Taro.navigateTo({
                  url: `/staff/queues/index?unitId=${u.unitId}&unitName=${encodeURIComponent(u.unitName)}`,
                }),
            }))}
          />
        )}
      </View>
      <View className="section board-on-time">
        <Text className="section-title">本月按时率</Text>
        <BarChart
          id="board-on-time"
          color="#2ba471"
          scale={rateScale()}
          format={rateText}
          bars={board.onTimeThisMonth.map((c) => ({
            label: CLOCK_LABELS[c.clock],
            value: onTimeRate(c),
          }))}
        />
        <Text className="hint">
          按时率 = 本月到期或完成的时限中按时完成的比例；本月没有到期的时限记为“—”。
        </Text>
      </View>
    </View>
  );
}
