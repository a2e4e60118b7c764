import { useEffect, useState, type ReactNode } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { OrderSummary } from '@shouhu/shared';
import { BackHome } from '../components/back-home';
import { failureText } from '../services/api-error';
import { offeredNewOrderTemplate, subscribeToNewOrders } from '../services/notifications';
import { listOrders } from '../services/orders';
import { serverNow } from '../services/server-clock';
import { currentUser } from '../services/session';
import { ordersPath, tabLabel, type OrderListTab } from './inbox-logic';
import { OrderCard } from './order-card';
import './staff.css';

const PAGE_SIZE = 20;
const TICK_MS = 30_000;

interface OrderListProps {
  tabs: readonly OrderListTab[];
  empty: string;
  /** Shown at the top of the page, above the tabs. */
  header?: ReactNode;
}

type Subscription =
  { state: 'idle' | 'asking' | 'declined' | 'failed' } | { state: 'subscribed'; remaining: number };

function hintOf(subscription: Subscription): string {
  switch (subscription.state) {
    case 'subscribed':
      return `已开启：接下来 ${subscription.remaining} 件新工单会用微信通知您。再点一次，就多收一条。`;
    case 'declined':
      return '您没有同意接收通知。新工单也会出现在“待签收”里，下拉可以刷新。';
    case 'failed':
      return '开启没有成功，请稍后再试。新工单也会出现在“待签收”里。';
    default:
      return '有新工单派到本单位时，用微信通知您。微信规定：点一次只能收一条通知，想多收就多点几次。';
  }
}

/**
 * In WeChat, a handler may ask to be told of new orders of their unit. WeChat allows one message
 * per tap, so the button stays: each tap is one more message.
 */
function NewOrderSubscribe() {
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [subscription, setSubscription] = useState<Subscription>({ state: 'idle' });

  useEffect(() => {
    offeredNewOrderTemplate().then(setTemplateId, () => setTemplateId(null));
  }, []);

  async function subscribe(id: string) {
    if (subscription.state === 'asking') return;
    setSubscription({ state: 'asking' });
    try {
      const remaining = await subscribeToNewOrders(id);
      setSubscription(
        remaining === null ? { state: 'declined' } : { state: 'subscribed', remaining },
      );
    } catch {
      setSubscription({ state: 'failed' });
    }
  }

  if (!templateId) return null;
  return (
    <View className="section new-order-subscribe">
      <Text className="section-title">新工单通知</Text>
      <Text className="hint new-order-subscribe-hint">{hintOf(subscription)}</Text>
      <View
        className="big-button big-button-primary new-order-subscribe-button"
        onClick={() => void subscribe(templateId)}
      >
        <Text>{subscription.state === 'asking' ? '正在开启…' : '接收新工单通知'}</Text>
      </View>
    </View>
  );
}

/** Orders by tab, most urgent deadline first (the server sorts); pull to refresh, scroll for more. */
export function OrderList({ tabs, empty, header }: OrderListProps) {
  const [tab, setTab] = useState<OrderListTab>(tabs[0]);
  const [orders, setOrders] = useState<OrderSummary[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => serverNow());
  const [counts, setCounts] = useState<Record<string, number>>({});
  const roles = currentUser()?.roles ?? [];
  const coordinator = roles.includes('coordinator');

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
      setError(failureText(e, '加载失败，请下拉重试'));
    } finally {
      Taro.stopPullDownRefresh();
    }
  }

  /** Every tab's count, asked as a one-row page each: the tabs say where the work is. */
  function count() {
    for (const t of tabs) {
      listOrders(ordersPath(t, 1, 1)).then(
        (result) => setCounts((current) => ({ ...current, [t.key]: result.total })),
        () => undefined,
      );
    }
  }

  useDidShow(() => {
    void load(tab, 1);
    count();
  });
  usePullDownRefresh(() => {
    void load(tab, 1);
    count();
  });
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
      {header}
      {roles.includes('handler') && <NewOrderSubscribe />}
      <View className="tabs">
        {tabs.map((t) => (
          <View
            key={t.key}
            className={`tab list-tab-${t.key} ${tab.key === t.key ? 'tab-active' : ''}`}
            onClick={() => choose(t)}
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
        <OrderCard key={order.id} order={order} now={now} showUnit={coordinator} />
      ))}
      {orders && orders.length > 0 && orders.length < total && (
        <Text className="hint">上拉加载更多（共 {total} 件）</Text>
      )}
    </View>
  );
}
