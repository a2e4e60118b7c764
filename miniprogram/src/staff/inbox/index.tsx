import { INBOX_TABS } from '../inbox-logic';
import { OrderList } from '../order-list';

export default function InboxPage() {
  return <OrderList tabs={INBOX_TABS} empty="新工单到达时会出现在“待签收”，下拉可以刷新。" />;
}
