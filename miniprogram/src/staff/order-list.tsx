import { useEffect, useState, type ReactNode } from 'react';
import { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { offeredNewOrderTemplate, subscribeToNewOrders } from '../services/notifications';
import { listOrders } from '../services/orders';
import { serverNow } from '../services/server-clock';
import { currentUser } from '../services/session';
import { ordersPath, type OrderListTab } from './inbox-logic';
import { usePagedList } from '../hooks/use-paged-list';
import { ORDERS_FAILED, OrderTabs } from './order-tabs';
import './staff.css';

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
  const [now, setNow] = useState(() => serverNow());
  const [counts, setCounts] = useState<Record<string, number>>({});
  const list = usePagedList(
    (which: OrderListTab, page, pageSize) => listOrders(ordersPath(which, page, pageSize)),
    ORDERS_FAILED,
  );
  const roles = currentUser()?.roles ?? [];

  // The countdowns move while the list is on screen.
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), TICK_MS);
    return () => clearInterval(timer);
  }, []);

  const load = (which: OrderListTab) => void list.load(which, 1).then(() => setNow(serverNow()));

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
    load(tab);
    count();
  });
  usePullDownRefresh(() => {
    load(tab);
    count();
  });
  useReachBottom(() => list.more(tab));

  function choose(key: string) {
    const next = tabs.find((t) => t.key === key) ?? tabs[0];
    setTab(next);
    void list.open(next);
  }

  return (
    <View className="page">
      {header}
      {roles.includes('handler') && <NewOrderSubscribe />}
      <OrderTabs
        tabs={tabs.map((t) => ({ ...t, className: `list-tab-${t.key}` }))}
        active={tab.key}
        onChoose={choose}
        counts={counts}
        orders={list.items}
        total={list.total}
        error={list.error}
        empty={empty}
        now={now}
        showUnit={roles.includes('coordinator')}
      />
    </View>
  );
}
