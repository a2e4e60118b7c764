import { useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { OrderSummary } from '@shouhu/shared';
import { ApiError } from '../services/api-error';
import { listOrders } from '../services/orders';
import { serverNow } from '../services/server-clock';
import { currentUser } from '../services/session';
import { ordersPath, type OrderListTab } from './inbox-logic';
import { OrderCard } from './order-card';
import './staff.css';

const PAGE_SIZE = 20;
const TICK_MS = 30_000;

interface OrderListProps {
  tabs: readonly OrderListTab[];
  empty: string;
}

/** Orders by tab, most urgent deadline first (the server sorts); pull to refresh, scroll for more. */
export function OrderList({ tabs, empty }: OrderListProps) {
  const [tab, setTab] = useState<OrderListTab>(tabs[0]);
  const [orders, setOrders] = useState<OrderSummary[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => serverNow());
  const coordinator = currentUser()?.roles.includes('coordinator') ?? false;

  // The countdowns move while the list is on screen.
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), TICK_MS);
    return () => clearInterval(timer);
  }, []);

  async function load(which: OrderListTab, page: number) {
    try {
      const result = await listOrders(ordersPath(which, page, PAGE_SIZE));
      setOrders((current) =>
        page === 1 || !current ? result.items : [...current, ...result.items],
      );
      setTotal(result.total);
      setError(null);
      setNow(serverNow());
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败，请下拉重试');
    } finally {
      Taro.stopPullDownRefresh();
    }
  }

  useDidShow(() => void load(tab, 1));
  usePullDownRefresh(() => void load(tab, 1));
  useReachBottom(() => {
    if (orders && orders.length < total) void load(tab, Math.floor(orders.length / PAGE_SIZE) + 1);
  });

  function choose(next: OrderListTab) {
    setTab(next);
    setOrders(null);
    void load(next, 1);
  }

  return (
    <View className="page">
      <View className="tabs">
        {tabs.map((t) => (
          <View
            key={t.key}
            className={`tab list-tab-${t.key} ${tab.key === t.key ? 'tab-active' : ''}`}
            onClick={() => choose(t)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      {error && (
        <View className="error-box">
          <Text className="error-line">{error}</Text>
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
        <OrderCard key={order.id} order={order} now={now} showUnit={coordinator} />
      ))}
      {orders && orders.length > 0 && orders.length < total && (
        <Text className="hint">上拉加载更多（共 {total} 件）</Text>
      )}
    </View>
  );
}
