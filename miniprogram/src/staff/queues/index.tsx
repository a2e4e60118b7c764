import { useRouter } from '@tarojs/taro';
import { COORDINATOR_QUEUES, unitOverdueTab } from '../inbox-logic';
import { OrderList } from '../order-list';

/** The coordinator's queues; opened from the board's bar of a unit, that unit's overdue orders. */
export default function QueuesPage() {
  const { unitId, unitName } = useRouter().params;
  const tabs = unitId
    ? [unitOverdueTab(unitId, decodeURIComponent(unitName ?? '')), ...COORDINATOR_QUEUES]
    : COORDINATOR_QUEUES;
  return <OrderList tabs={tabs} empty="这个队列是空的，下拉可以刷新。" />;
}
