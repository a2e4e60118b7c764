import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { VisitsEntry } from '../../children/visits-entry';
import { StaffOutboxCard } from '../../components/staff-outbox-card';
import { currentUser, landsOnChildFiles } from '../../services/session';
import { INBOX_TABS } from '../inbox-logic';
import { OrderList } from '../order-list';

const CHILD_FILES = '/children/index/index';

export default function InboxPage() {
  useDidShow(() => {
    if (landsOnChildFiles(currentUser())) void Taro.redirectTo({ url: CHILD_FILES });
  });
  return (
    <OrderList
      tabs={INBOX_TABS}
      empty="新工单到达时会出现在“待签收”，下拉可以刷新。"
      header={
        <>
          <StaffOutboxCard />
          <View
            className="big-button big-button-secondary inbox-children"
            onClick={() => void Taro.navigateTo({ url: CHILD_FILES })}
          >
            <Text>儿童档案</Text>
            <Text className="big-button-note">辖区孩子的一人一档：报告、帮扶、走访</Text>
          </View>
          <VisitsEntry />
        </>
      }
    />
  );
}
