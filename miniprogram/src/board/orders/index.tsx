import { useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  CLOCKS,
  CLOCK_RESULTS,
  CLOCK_RESULT_LABELS,
  chineseDate,
  type ClockName,
  type ClockOrdersQuery,
  type ClockResult,
  type OrderSummary,
} from '@shouhu/shared';
import { BackHome } from '../../components/back-home';
import { INCOMPLETE_ADDRESS, PageState } from '../../components/page-state';
import { failureText } from '../../services/api-error';
import { serverNow } from '../../services/server-clock';
import { fetchClockOrders } from '../../services/stats';
import { OrderCard } from '../../staff/order-card';
import { clockLabel } from '../figures';
import '../../staff/staff.css';

const PAGE_SIZE = 20;

const decoded = (value: string | undefined) => (value ? decodeURIComponent(value) : '');

/** The drill-down from a unit's clock on the figures page: its orders, by result, paged. */
export default function ClockOrdersPage() {
  const params = useRouter().params;
  const clock = decoded(params.clock) as ClockName;
  const complete =
    !!params.from &&
    !!params.to &&
    !!params.unitId &&
    (CLOCKS as readonly string[]).includes(clock);
  const opened = decoded(params.result) as ClockResult;
  const [result, setResult] = useState<ClockResult>(
    (CLOCK_RESULTS as readonly string[]).includes(opened) ? opened : 'late',
  );
  const [orders, setOrders] = useState<OrderSummary[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const now = serverNow();

  async function load(which: ClockResult, page: number) {
    const query: ClockOrdersQuery = {
      from: decoded(params.from),
      to: decoded(params.to),
      division: decoded(params.division) || undefined,
      unitId: decoded(params.unitId),
      clock,
      result: which,
      page,
      pageSize: PAGE_SIZE,
    };
    try {
      const answer = await fetchClockOrders(query);
      setOrders((current) =>
        page === 1 || !current ? answer.items : [...current, ...answer.items],
      );
      setTotal(answer.total);
      setError(null);
    } catch (e) {
      setError(failureText(e, '工单没有加载出来，请下拉重试'));
    } finally {
      Taro.stopPullDownRefresh();
    }
  }

  // Loaded once when opened; a tab or a pull loads again.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current || !complete) return;
    shown.current = true;
    void load(result, 1);
  });
  usePullDownRefresh(() => void load(result, 1));
  useReachBottom(() => {
    if (orders && orders.length < total)
      void load(result, Math.floor(orders.length / PAGE_SIZE) + 1);
  });

  if (!complete) return <PageState error={INCOMPLETE_ADDRESS} />;

  function choose(next: ClockResult) {
    setResult(next);
    setOrders(null);
    void load(next, 1);
  }

  return (
    <View className="page">
      <View className="section">
        <Text className="section-title">
          {`${decoded(params.unitName)} · ${clockLabel(clock)}时限`}
        </Text>
        <Text className="hint">
          {`${chineseDate(decoded(params.from))} 至 ${chineseDate(decoded(params.to))}`}
        </Text>
      </View>
      <View className="tabs">
        {CLOCK_RESULTS.map((r) => (
          <View
            key={r}
            className={`tab result-${r} ${result === r ? 'tab-active' : ''}`}
            onClick={() => choose(r)}
          >
            <Text>{CLOCK_RESULT_LABELS[r]}</Text>
          </View>
        ))}
      </View>
      {error && (
        <View className="error-box">
          <Text className="error-line">{error}</Text>
          <BackHome />
        </View>
      )}
      {orders === null && !error && <Text className="hint">正在加载…</Text>}
      {orders?.length === 0 && (
        <View className="section list-empty">
          <Text className="hint">这一类没有工单。换一个分类看看。</Text>
        </View>
      )}
      {orders?.map((order) => (
        <OrderCard key={order.id} order={order} now={now} showUnit />
      ))}
      {orders && orders.length > 0 && orders.length < total && (
        <Text className="hint">上拉加载更多（共 {total} 件）</Text>
      )}
    </View>
  );
}
