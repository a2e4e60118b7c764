import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { currentUser } from '../services/session';
import { listDueVisits } from '../services/visits';
import { keepsFiles } from './list-query';

/**
 * The way to the 走访 list for the keepers of files (村 儿童主任, 乡镇 督导员), with how many visits
 * are due; without a count while it cannot be had (no signal), never hidden for it.
 */
export function VisitsEntry() {
  const keeper = keepsFiles(currentUser());
  const [due, setDue] = useState<number | null>(null);

  useDidShow(() => {
    if (!keeper) return;
    listDueVisits(1, 1).then(
      (page) => setDue(page.total),
      () => setDue(null),
    );
  });

  if (!keeper) return null;
  return (
    <View
      className="big-button big-button-secondary visits-entry"
      onClick={() => void Taro.navigateTo({ url: '/children/visits/index' })}
    >
      <Text>{due === null ? '走访' : `走访（${due} 次到期）`}</Text>
      <Text className="big-button-note">到期和逾期的走访，逾期的标红</Text>
    </View>
  );
}
