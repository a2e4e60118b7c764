import { useRef, useState } from 'react';
import { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  CLOCKS,
  CLOCK_RESULTS,
  CLOCK_RESULT_LABELS,
  chineseDate,
  type ClockName,
  type ClockOrdersQuery,
  type ClockResult,
} from '@shouhu/shared';
import { INCOMPLETE_ADDRESS, PageState } from '../../components/page-state';
import { serverNow } from '../../services/server-clock';
import { fetchClockOrders } from '../../services/stats';
import { usePagedList } from '../../hooks/use-paged-list';
import { ORDERS_FAILED, OrderTabs } from '../../staff/order-tabs';
import { clockLabel } from '../figures';
import '../../staff/staff.css';

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
  const list = usePagedList((which: ClockResult, page, pageSize) => {
    const query: ClockOrdersQuery = {
      from: decoded(params.from),
      to: decoded(params.to),
      division: decoded(params.division) || undefined,
      unitId: decoded(params.unitId),
      clock,
      result: which,
      page,
      pageSize,
    };
    return fetchClockOrders(query);
  }, ORDERS_FAILED);
  const now = serverNow();

  // Loaded once when opened; a tab or a pull loads again.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current || !complete) return;
    shown.current = true;
    void list.load(result, 1);
  });
  usePullDownRefresh(() => void list.load(result, 1));
  useReachBottom(() => list.more(result));

  if (!complete) return <PageState error={INCOMPLETE_ADDRESS} />;

  function choose(key: string) {
    const next = key as ClockResult;
    setResult(next);
    void list.open(next);
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
      <OrderTabs
        tabs={CLOCK_RESULTS.map((r) => ({
          key: r,
          label: CLOCK_RESULT_LABELS[r],
          className: `result-${r}`,
        }))}
        active={result}
        onChoose={choose}
        orders={list.items}
        total={list.total}
        error={list.error}
        empty="这一类没有工单。换一个分类看看。"
        now={now}
        showUnit
      />
    </View>
  );
}
