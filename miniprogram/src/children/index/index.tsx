import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import {
  CHILD_CATEGORIES,
  CHILD_CATEGORY_LABELS,
  CHILD_FILE_STATUSES,
  CHILD_FILE_STATUS_LABELS,
  DROPOUT_STATES,
  DROPOUT_STATE_LABELS,
  inputMaxLength,
  TEXT_LIMITS,
  type ChildFileSummary,
} from '@shouhu/shared';
import { BackHome } from '../../components/back-home';
import { StaffOutboxCard } from '../../components/staff-outbox-card';
import { useNewestAnswer } from '../../hooks/use-newest-answer';
import { failureText } from '../../services/api-error';
import { listChildFiles } from '../../services/children';
import type { Division } from '../../services/divisions';
import { serverNow } from '../../services/server-clock';
import { currentUser } from '../../services/session';
import {
  EMPTY_LIST,
  NO_FILTERS,
  categoryChips,
  childFilesPath,
  childName,
  dropoutChip,
  genderAndAge,
  isVillageWorker,
  keepsFiles,
  nextVisitText,
  seesDropoutFigures,
  unfiltered,
  type ChildListFilters,
} from '../list-query';
import { DropoutFigures } from '../dropout-figures';
import { ScopePicker } from '../scope-picker';
import { wholeScope } from '../scope-words';
import { VisitsEntry } from '../visits-entry';
import '../../staff/staff.css';
import '../children.css';

const PAGE_SIZE = 20;

function FileRow({ file, now }: { file: ChildFileSummary; now: Date }) {
  const visit = nextVisitText(file.nextVisitDueAt, now);
  const facts = genderAndAge(file.child);
  const dropout = dropoutChip(file.dropout);
  return (
    <View
      className="section file-row"
      onClick={() => void Taro.navigateTo({ url: `/children/file/index?id=${file.id}` })}
    >
      <View className="file-row-head">
        <Text className="file-row-name">{childName(file.child)}</Text>
        {facts && <Text className="file-row-facts">{facts}</Text>}
      </View>
      <View className="chips">
        {categoryChips(file.categories).map((chip) => (
          <Text key={chip} className={`chip ${file.categories.length === 0 ? 'chip-pending' : ''}`}>
            {chip}
          </Text>
        ))}
      </View>
      <Text className="hint file-row-place">{file.placeName}</Text>
      {dropout && <Text className="file-row-dropout">{dropout}</Text>}
      {visit && (
        <Text className={`file-row-visit ${visit.overdue ? 'file-overdue' : ''}`}>
          {visit.text}
        </Text>
      )}
      {file.openOrderCount > 0 && (
        <Text className="file-row-orders">在办工单 {file.openOrderCount} 件</Text>
      )}
    </View>
  );
}

/** 儿童档案: the files in the worker's scope, by status, village, category or an exact name or ID. */
export default function ChildFilesPage() {
  const user = currentUser();
  const [filters, setFilters] = useState<ChildListFilters>(NO_FILTERS);
  const [village, setVillage] = useState<Division[]>([]);
  const [typed, setTyped] = useState('');
  const [files, setFiles] = useState<ChildFileSummary[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const newest = useNewestAnswer();

  async function load(which: ChildListFilters, page: number) {
    const isNewest = newest.ask();
    try {
      const result = await listChildFiles(childFilesPath(which, page, PAGE_SIZE));
      if (!isNewest()) return;
      setFiles((current) =>
        page === 1 || !current ? result.items : [...current, ...result.items],
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

  function apply(next: ChildListFilters) {
    setFilters(next);
    setFiles(null);
    setError(null);
    void load(next, 1);
  }

  function more() {
    if (!files || files.length >= total || loadingMore) return;
    setLoadingMore(true);
    void load(filters, Math.floor(files.length / PAGE_SIZE) + 1);
  }

  useDidShow(() => void load(filters, 1));
  usePullDownRefresh(() => void load(filters, 1));
  useReachBottom(more);

  return (
    <View className="page children-page">
      <StaffOutboxCard />
      <VisitsEntry />
      {keepsFiles(user) && (
        <View
          className="big-button big-button-primary children-new"
          onClick={() => void Taro.navigateTo({ url: '/children/edit/index' })}
        >
          <Text>新建档案</Text>
          <Text className="big-button-note">摸排发现需要关爱的孩子，在这里建档</Text>
        </View>
      )}

      {seesDropoutFigures(user) && <DropoutFigures division={filters.division} />}

      <View className="tabs">
        {CHILD_FILE_STATUSES.map((status) => (
          <View
            key={status}
            className={`tab children-tab-${status} ${filters.status === status ? 'tab-active' : ''}`}
            onClick={() => apply({ ...filters, status })}
          >
            <Text>{CHILD_FILE_STATUS_LABELS[status]}</Text>
          </View>
        ))}
      </View>

      <View className="section children-filters">
        <Text className="field-label">查找孩子</Text>
        <View className="search-row">
          <Input
            className="input children-search"
            value={typed}
            maxlength={inputMaxLength(TEXT_LIMITS.childName)}
            placeholder="输入完整姓名或身份证号"
            confirmType="search"
            onInput={(e) => setTyped(e.detail.value)}
            onConfirm={() => apply({ ...filters, q: typed })}
          />
          <View
            className="big-button big-button-secondary children-search-go"
            onClick={() => apply({ ...filters, q: typed })}
          >
            <Text>查找</Text>
          </View>
        </View>
        <Text className="hint">要输入完整的姓名或18位身份证号，只写一部分找不到。</Text>
        {filters.q !== '' && (
          <Text
            className="link children-search-clear"
            onClick={() => {
              setTyped('');
              apply({ ...filters, q: '' });
            }}
          >
            清除查找，显示全部
          </Text>
        )}

        {!isVillageWorker(user) && (
          <>
            <Text className="field-label">
              {wholeScope(user?.unitDivisionPrefixes ?? []).field}
            </Text>
            <ScopePicker
              prefixes={user?.unitDivisionPrefixes ?? []}
              ownName={user?.unitName ?? ''}
              path={village}
              allowAll
              onChange={(path) => {
                setVillage(path);
                apply({ ...filters, division: path[path.length - 1]?.code ?? '' });
              }}
            />
          </>
        )}

        <Text className="field-label">类别</Text>
        <View className="chips chips-choice">
          <Text
            className={`chip chip-choice children-category-all ${filters.category === '' ? 'chip-selected' : ''}`}
            onClick={() => apply({ ...filters, category: '' })}
          >
            全部
          </Text>
          {CHILD_CATEGORIES.map((category) => (
            <Text
              key={category}
              className={`chip chip-choice children-category-${category} ${filters.category === category ? 'chip-selected' : ''}`}
              onClick={() => apply({ ...filters, category })}
            >
              {CHILD_CATEGORY_LABELS[category]}
            </Text>
          ))}
        </View>

        <Text className="field-label">控辍保学</Text>
        <View className="chips chips-choice">
          <Text
            className={`chip chip-choice children-dropout-all ${filters.dropout === '' ? 'chip-selected' : ''}`}
            onClick={() => apply({ ...filters, dropout: '' })}
          >
            全部
          </Text>
          {DROPOUT_STATES.map((state) => (
            <Text
              key={state}
              className={`chip chip-choice children-dropout-${state} ${filters.dropout === state ? 'chip-selected' : ''}`}
              onClick={() => apply({ ...filters, dropout: state })}
            >
              {DROPOUT_STATE_LABELS[state]}
            </Text>
          ))}
        </View>
      </View>

      {error && (
        <View className="error-box children-error">
          <Text className="error-line">{error}</Text>
          <View
            className="big-button big-button-secondary children-retry"
            onClick={() => {
              setError(null);
              void load(filters, 1);
            }}
          >
            <Text>重新加载</Text>
          </View>
          <BackHome />
        </View>
      )}
      {files === null && !error && <Text className="hint">正在加载…</Text>}
      {files?.length === 0 && !error && (
        <View className="section list-empty children-empty">
          <Text className="hint">
            {unfiltered(filters) ? EMPTY_LIST : '没有符合条件的档案，可以换个条件再找。'}
          </Text>
        </View>
      )}
      {files?.map((file) => (
        <FileRow key={file.id} file={file} now={serverNow()} />
      ))}
      {files && files.length > 0 && files.length < total && (
        <View className="big-button big-button-secondary children-more" onClick={more}>
          <Text>{loadingMore ? '正在加载…' : `加载更多（共 ${total} 份）`}</Text>
        </View>
      )}
    </View>
  );
}
