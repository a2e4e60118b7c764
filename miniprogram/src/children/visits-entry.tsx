import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { VISIT_LIST_SOON_DAYS } from '@shouhu/shared';
import { useNewestAnswer } from '../hooks/use-newest-answer';
import { currentUser } from '../services/session';
import { listDueVisits } from '../services/visits';
import { keepsFiles } from './list-query';

/** 走访（30 天内 3 次，超时 1 次）; 走访 alone while the counts cannot be had. */
function visitsEntryText(due: { soon: number; overdue: number } | null): string {
  if (due === null) return '走访';
  const overdue = due.overdue > 0 ? `，超时 ${due.overdue} 次` : '';
  return `走访（${VISIT_LIST_SOON_DAYS} 天内 ${due.soon} 次${overdue}）`;
}

/**
 * The way to the 走访 list for the keepers of files (村 儿童主任, 乡镇 督导员), with how many visits
 * are due; without a count while it cannot be had (no signal), never hidden for it.
 */
export function VisitsEntry() {
  const keeper = keepsFiles(currentUser());
  const [due, setDue] = useState<{ soon: number; overdue: number } | null>(null);
  const loadedAt = useRef(0);
  const newest = useNewestAnswer();

  function load() {
    // Mounting and the page's show may come together: one count a moment is enough.
    if (!keeper || Date.now() - loadedAt.current < 1000) return;
    loadedAt.current = Date.now();
    const isNewest = newest.ask();
    Promise.all([listDueVisits(1, 1, VISIT_LIST_SOON_DAYS), listDueVisits(1, 1, 0)]).then(
      ([soon, overdue]) => isNewest() && setDue({ soon: soon.total, overdue: overdue.total }),
      () => isNewest() && setDue(null),
    );
  }

  // A page that learns who is signed in after it showed (the home page) mounts this late: its
  // first show has passed, so the counts are asked for on mounting too, and on every later show.
  // `newest` is one object for the component's life (`useNewestAnswer`).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(load, [keeper]);
  useDidShow(load);

  if (!keeper) return null;
  return (
    <View
      className="big-button big-button-secondary visits-entry"
      onClick={() => void Taro.navigateTo({ url: '/children/visits/index' })}
    >
      <Text>{visitsEntryText(due)}</Text>
      <Text className="big-button-note">{`${VISIT_LIST_SOON_DAYS} 天内到期和已超时的走访，超时的标红`}</Text>
    </View>
  );
}
