import { Text, View } from '@tarojs/components';
import type { OrderSummary } from '@shouhu/shared';
import { BackHome } from '../components/back-home';
import { tabLabel } from './inbox-logic';
import { OrderCard } from './order-card';

/** What a list of orders says when it could not load and the server gave no reason. */
export const ORDERS_FAILED = '工单没有加载出来，请下拉重试';

/** One tab over a list of orders: `className` names it for styles and tests (`list-tab-overdue`). */
export interface OrderTab {
  key: string;
  label: string;
  className: string;
}

interface OrderTabsProps {
  tabs: readonly OrderTab[];
  active: string;
  onChoose: (key: string) => void;
  /** How many orders each tab holds, by key, once known. */
  counts?: Record<string, number>;
  orders: OrderSummary[] | null;
  total: number;
  error: string | null;
  /** Said when the chosen tab holds no order. */
  empty: string;
  now: Date;
  /** Name each order's unit (a coordinator's lists span units). */
  showUnit: boolean;
}

/**
 * Tabs over lists of orders and the chosen tab's orders, with what a list says while it loads,
 * when it fails, when it is empty, and when more are below.
 */
export function OrderTabs({
  tabs,
  active,
  onChoose,
  counts = {},
  orders,
  total,
  error,
  empty,
  now,
  showUnit,
}: OrderTabsProps) {
  return (
    <>
      <View className="tabs">
        {tabs.map((t) => (
          <View
            key={t.key}
            className={`tab ${t.className} ${active === t.key ? 'tab-active' : ''}`}
            onClick={() => onChoose(t.key)}
          >
            <Text>{tabLabel(t, counts[t.key])}</Text>
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
          <Text className="section-title">这里没有工单</Text>
          <Text className="hint">{empty}</Text>
        </View>
      )}
      {orders?.map((order) => (
        <OrderCard key={order.id} order={order} now={now} showUnit={showUnit} />
      ))}
      {orders && orders.length > 0 && orders.length < total && (
        <Text className="hint">上拉加载更多（共 {total} 件）</Text>
      )}
    </>
  );
}
