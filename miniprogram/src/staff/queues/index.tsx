import { COORDINATOR_QUEUES } from '../inbox-logic';
import { OrderList } from '../order-list';

export default function QueuesPage() {
  return <OrderList tabs={COORDINATOR_QUEUES} empty="这个队列是空的，下拉可以刷新。" />;
}
