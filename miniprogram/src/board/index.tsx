import { Text, View } from '@tarojs/components';
import { CLOCK_LABELS, PRIORITIES, PRIORITY_LABELS } from '@shouhu/shared';
import { usePageData } from '../hooks/use-page-data';
import { fetchBoard } from '../services/orders';
import { BarChart } from './bar-chart';
import './index.css';
import { PageState } from '../components/page-state';

const percent = (value: number) => `${Math.round(value * 100)}%`;

/** The county at a glance: today's reports, who is overdue, and how often each clock is kept. */
export default function BoardPage() {
  const { data: board, error } = usePageData(fetchBoard);

  if (error || !board) return <PageState error={error} />;

  const todayTotal = PRIORITIES.reduce((sum, p) => sum + board.today[p], 0);
  return (
    <View className="page">
      <View className="section board-today">
        <Text className="section-title">今日新报告 {todayTotal} 件</Text>
        <BarChart
          id="board-today"
          color="#1664ff"
          bars={PRIORITIES.map((p) => ({
            label: `${p} ${PRIORITY_LABELS[p]}`,
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
            bars={board.overdueByUnit.map((u) => ({ label: u.unitName, value: u.overdue }))}
          />
        )}
      </View>
      <View className="section board-on-time">
        <Text className="section-title">本月按时率</Text>
        <BarChart
          id="board-on-time"
          color="#2ba471"
          max={1}
          format={percent}
          bars={board.onTimeThisMonth.map((c) => ({
            label: CLOCK_LABELS[c.clock],
            value: c.total === 0 ? 1 : c.onTime / c.total,
          }))}
        />
        <Text className="hint">
          按时率 = 本月到期或完成的时限中按时完成的比例；没有到期的时限记为100%。
        </Text>
      </View>
    </View>
  );
}
