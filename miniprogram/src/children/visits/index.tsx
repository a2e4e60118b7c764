import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { VISIT_LIST_SOON_DAYS, VISIT_REASON_LABELS, type DueVisit } from '@shouhu/shared';
import { BackHome } from '../../components/back-home';
import { StaffOutboxCard } from '../../components/staff-outbox-card';
import { useNewestAnswer } from '../../hooks/use-newest-answer';
import { useStaffOutbox } from '../../hooks/use-staff-outbox';
import { failureText } from '../../services/api-error';
import { serverNow } from '../../services/server-clock';
import { listDueVisits, openVisitForm } from '../../services/visits';
import { childName, genderAndAge } from '../list-query';
import { soonestFirst, visitDueText, visitEscalationBadge } from '../visit-list';
import '../../staff/staff.css';
import '../children.css';

const PAGE_SIZE = 20;

/** The list's two views: due soon (and overdue), or the whole plan. */
const HORIZONS = [
  { withinDays: VISIT_LIST_SOON_DAYS, label: `${VISIT_LIST_SOON_DAYS} 天内到期` },
  { withinDays: null, label: '全部计划' },
] as const;
type Horizon = (typeof HORIZONS)[number]['withinDays'];

/** The path a visit record of a file is sent to, as the staff outbox keeps it. */
const visitsPath = (fileId: string) => `/children/${fileId}/visits`;

/**
 * One visit due. `waiting`: a record of this child's file waits on the phone; it will fulfil the
 * visit, so the line says so in place of 记录走访 (a second press would record a second visit).
 */
function VisitRow({ visit, now, waiting }: { visit: DueVisit; now: Date; waiting: boolean }) {
  const due = visitDueText(visit, now);
  const badge = visitEscalationBadge(visit.escalationLevel);
  const facts = genderAndAge(visit.child);
  return (
    <View className={`section visit-row ${due.overdue ? 'visit-row-overdue' : ''}`}>
      <View
        className="visit-row-main"
        onClick={() =>
          void Taro.navigateTo({ url: `/children/file/index?id=${visit.childFileId}` })
        }
      >
        <View className="file-row-head">
          <Text className="file-row-name">{childName(visit.child)}</Text>
          {facts && <Text className="file-row-facts">{facts}</Text>}
          {badge && <Text className="visit-badge">{badge}</Text>}
        </View>
        <Text className="hint file-row-place">{visit.placeName}</Text>
        <Text className="file-row-visit">{VISIT_REASON_LABELS[visit.reason]}</Text>
        <Text className={`file-row-visit visit-due ${due.overdue ? 'file-overdue' : ''}`}>
          {due.text}
        </Text>
      </View>
      {waiting ? (
        <Text className="hint visit-row-waiting">走访记录已保存在手机上，恢复网络后自动发送</Text>
      ) : (
        <View
          className="big-button big-button-primary visit-record"
          onClick={() => openVisitForm(visit.childFileId, childName(visit.child), 'visits')}
        >
          <Text>记录走访</Text>
        </View>
      )}
    </View>
  );
}

/**
 * 走访: the visits due for the worker's unit, soonest first (those due within 30 days, or the
 * whole plan), overdue in red with how many days,
 * each opening its file or the visit form; a line whose record waits on the phone says so, and the
 * list loads again when such a record reaches the server. With no signal, a list loaded before
 * stays on screen under a short note (the worker came back to it from a visit in a courtyard).
 */
export default function DueVisitsPage() {
  const [visits, setVisits] = useState<DueVisit[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [horizon, setHorizon] = useState<Horizon>(VISIT_LIST_SOON_DAYS);

  const newest = useNewestAnswer();

  async function load(page: number, withinDays: Horizon = horizon) {
    const isNewest = newest.ask();
    try {
      const result = await listDueVisits(page, PAGE_SIZE, withinDays);
      if (!isNewest()) return;
      setVisits((current) =>
        soonestFirst(page === 1 || !current ? result.items : [...current, ...result.items]),
      );
      setTotal(result.total);
      setError(null);
    } catch (e) {
      if (isNewest()) setError(failureText(e, '加载失败，请稍后重试'));
    } finally {
      if (isNewest()) setLoadingMore(false);
      Taro.stopPullDownRefresh();
    }
  }

  function retry() {
    setError(null);
    void load(1);
  }

  function show(withinDays: Horizon) {
    if (withinDays === horizon) return;
    setHorizon(withinDays);
    setVisits(null);
    setError(null);
    void load(1, withinDays);
  }

  function more() {
    if (!visits || visits.length >= total || loadingMore) return;
    setLoadingMore(true);
    void load(Math.floor(visits.length / PAGE_SIZE) + 1);
  }

  const { queued } = useStaffOutbox(({ request }) => {
    if (visits?.some((visit) => request.path === visitsPath(visit.childFileId))) void load(1);
  });
  const waitingPaths = new Set(queued.map((q) => q.path));

  useDidShow(() => void load(1));
  usePullDownRefresh(() => void load(1));
  useReachBottom(more);

  const now = serverNow();
  return (
    <View className="page visits-page">
      <StaffOutboxCard />
      <View className="tabs">
        {HORIZONS.map(({ withinDays, label }) => (
          <View
            key={label}
            className={`tab visits-tab ${horizon === withinDays ? 'tab-active' : ''}`}
            onClick={() => show(withinDays)}
          >
            <Text>{label}</Text>
          </View>
        ))}
      </View>
      {visits && visits.length > 0 && <Text className="hint visits-count">{`共 ${total} 次`}</Text>}
      {error && visits === null && (
        <View className="error-box visits-error">
          <Text className="error-line">{error}</Text>
          <View className="big-button big-button-secondary visits-retry" onClick={retry}>
            <Text>重新加载</Text>
          </View>
          <BackHome />
        </View>
      )}
      {error && visits !== null && (
        <View className="section visits-stale">
          <Text className="hint">没有刷新成功，下面是上次加载的走访。</Text>
          <View className="big-button big-button-secondary visits-retry" onClick={retry}>
            <Text>重新加载</Text>
          </View>
        </View>
      )}
      {visits === null && !error && <Text className="hint">正在加载…</Text>}
      {visits?.length === 0 && !error && (
        <View className="section list-empty visits-empty">
          <Text className="hint">
            {horizon === null
              ? '计划里没有要做的走访。下拉可以刷新。'
              : `${VISIT_LIST_SOON_DAYS} 天内没有到期的走访。下拉可以刷新。`}
          </Text>
        </View>
      )}
      {visits?.map((visit) => (
        <VisitRow
          key={visit.id}
          visit={visit}
          now={now}
          waiting={waitingPaths.has(visitsPath(visit.childFileId))}
        />
      ))}
      {visits && visits.length > 0 && visits.length < total && (
        <View className="big-button big-button-secondary visits-more" onClick={more}>
          <Text>{loadingMore ? '正在加载…' : `加载更多（共 ${total} 次）`}</Text>
        </View>
      )}
    </View>
  );
}
