import { useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import {
  CHILD_CATEGORY_LABELS,
  CHILD_FILE_STATUS_LABELS,
  DROPOUT_STATE_LABELS,
  ORG_TYPE_LABELS,
  STATS_CLOCKS,
  chineseDate,
  mayOpenClockOrders,
  priorityText,
  shanghaiDate,
  situation,
  statsPeriodProblems,
  type StatsClock,
  type StatsOverview,
  type StatsQuery,
} from '@shouhu/shared';
import { BackHome } from '../components/back-home';
import { FieldError } from '../components/field-error';
import { useNewestAnswer } from '../hooks/use-newest-answer';
import { failureText } from '../services/api-error';
import { serverNow } from '../services/server-clock';
import { currentUser, keepsRegister, seesFigures } from '../services/session';
import { fetchStatsOverview, openLedger } from '../services/stats';
import { ScopePicker } from '../children/scope-picker';
import type { Division } from '../services/divisions';
import { BarChart } from './bar-chart';
import { countScale, rateScale, rateText } from './board-scales';
import {
  channelLabel,
  clockLabel,
  durationText,
  firstResult,
  hoursText,
  isOrderClock,
  placeChart,
  unitsOfClock,
} from './figures';
import {
  PERIOD_PRESETS,
  PERIOD_PRESET_LABELS,
  presetPeriod,
  trendAxisLabel,
  trendLabel,
  type Period,
  type PeriodPreset,
} from './period';
import '../staff/staff.css';
import './index.css';

const countText = (value: number | null) => String(value ?? 0);

/** A table of label → figure rows; says so when the period has none. */
/**
 * A report names its institution only to those who may know who filed it (`mayKnowReporter`), so
 * reports counted 按单位类型 may be missing 按机构.
 */
const INSTITUTIONS_UNNAMED =
  '没有可以列出的机构：报告人单位不向你公开的报告，只计入上面的单位类型。';

function Table({
  name,
  rows,
  empty = '这段时间没有。',
}: {
  name: string;
  rows: [string, string][];
  /** What an empty table says, where 这段时间没有 would not be true. */
  empty?: string;
}) {
  if (rows.length === 0) return <Text className="hint">{empty}</Text>;
  return (
    <View className={`bar-table stats-table stats-${name}`}>
      {rows.map(([label, value]) => (
        <View key={label} className="bar-row">
          <Text className="bar-label">{label}</Text>
          <Text className="bar-value">{value}</Text>
        </View>
      ))}
    </View>
  );
}

/** 本月 · 上月 · 本季度 · 本年, or two dates of one's own. */
function PeriodFilter({
  chosen,
  period,
  today,
  onChange,
}: {
  chosen: PeriodPreset | 'custom';
  period: Period;
  today: string;
  onChange: (chosen: PeriodPreset | 'custom', period: Period) => void;
}) {
  const [draft, setDraft] = useState<Period>(period);
  const problems = chosen === 'custom' ? statsPeriodProblems(draft.from, draft.to) : {};
  const pick = (next: Period) => {
    setDraft(next);
    if (Object.keys(statsPeriodProblems(next.from, next.to)).length === 0) onChange('custom', next);
  };
  return (
    <View className="section stats-period">
      <View className="tabs">
        {PERIOD_PRESETS.map((preset) => (
          <View
            key={preset}
            className={`tab period-${preset} ${chosen === preset ? 'tab-active' : ''}`}
            onClick={() => onChange(preset, presetPeriod(preset, today))}
          >
            <Text>{PERIOD_PRESET_LABELS[preset]}</Text>
          </View>
        ))}
        <View
          className={`tab period-custom ${chosen === 'custom' ? 'tab-active' : ''}`}
          onClick={() => {
            setDraft(period);
            onChange('custom', period);
          }}
        >
          <Text>自选日期</Text>
        </View>
      </View>
      {chosen === 'custom' && (
        <View className="choice-row">
          <Picker
            mode="date"
            value={draft.from}
            end={today}
            onChange={(e) => pick({ ...draft, from: String(e.detail.value) })}
          >
            <View className="input picker-field period-from">
              <Text>从 {chineseDate(draft.from)}</Text>
            </View>
          </Picker>
          <Picker
            mode="date"
            value={draft.to}
            end={today}
            onChange={(e) => pick({ ...draft, to: String(e.detail.value) })}
          >
            <View className="input picker-field period-to">
              <Text>到 {chineseDate(draft.to)}</Text>
            </View>
          </Picker>
        </View>
      )}
      <FieldError problems={problems} name="from" />
      <FieldError problems={problems} name="to" />
    </View>
  );
}

/** The clocks of each unit: a chart of on-time shares, a table, and a tap to the orders behind. */
function Clocks({ figures, query }: { figures: StatsOverview; query: StatsQuery }) {
  const [clock, setClock] = useState<StatsClock>('sign');
  const units = unitsOfClock(figures.clocks, clock);
  const user = currentUser();
  const drill = (unit: (typeof units)[number]) => {
    if (!isOrderClock(clock) || !unit.unitId || !user) return undefined;
    if (!mayOpenClockOrders({ roles: user.roles, unitId: user.unitId ?? null }, unit.unitId)) {
      return undefined;
    }
    const params = [
      ['from', query.from],
      ['to', query.to],
      ['division', query.division ?? ''],
      ['unitId', unit.unitId],
      ['unitName', unit.unitName],
      ['clock', clock],
      ['result', firstResult(unit)],
    ]
      .filter(([, value]) => value !== '')
      .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
      .join('&');
    return () => void Taro.navigateTo({ url: `/board/orders/index?${params}` });
  };
  return (
    <View className="section stats-clocks">
      <Text className="section-title">各单位办理时限</Text>
      <View className="tabs">
        {STATS_CLOCKS.map((c) => (
          <View
            key={c}
            className={`tab clock-${c} ${clock === c ? 'tab-active' : ''}`}
            onClick={() => setClock(c)}
          >
            <Text>{clockLabel(c)}</Text>
          </View>
        ))}
      </View>
      {units.length === 0 ? (
        <Text className="hint">这段时间没有到期的{clockLabel(clock)}时限。</Text>
      ) : (
        <BarChart
          id="stats-clock-units"
          color="#2ba471"
          scale={rateScale()}
          format={rateText}
          labelled
          bars={units.map((u) => ({
            label: u.unitName,
            value: u.onTimeShare,
            onTap: drill(u),
            detail: [
              `到期 ${u.total} · 按时 ${rateText(u.onTimeShare)} · 中位 ${durationText(u.medianMinutes)} · 90%在 ${durationText(u.p90Minutes)} 内`,
              `督办 ${u.overdue} · 红色清单 ${u.escalated} · 退回或改派中止 ${u.interrupted}`,
            ],
          }))}
        />
      )}
      <Text className="hint">
        按时率 =
        到期或完成的时限中按时完成的比例；被退回、改派或转接而中止的时限单独计数，不算按时。点单位或它的横条可以查看背后的工单。
      </Text>
    </View>
  );
}

function Figures({ figures, query }: { figures: StatsOverview; query: StatsQuery }) {
  const { reports, reportingDelay: delay, satisfaction, children } = figures;
  const places = placeChart(figures);
  return (
    <>
      <View className="section stats-reports">
        <Text className="section-title">
          收到报告 {reports.total} 件 · 重复报告 {rateText(reports.repeatShare)}
        </Text>
        <BarChart
          id="stats-trend"
          color="#1664ff"
          scale={countScale(reports.trend.map((t) => t.count))}
          format={countText}
          sequence
          bars={reports.trend.map((t) => ({
            label: trendLabel(t.period, figures.by),
            short: trendAxisLabel(t.period, figures.by),
            value: t.count,
          }))}
        />
      </View>
      {places && (
        <View className="section stats-places">
          <Text className="section-title">{places.title}</Text>
          {places.places.length === 0 ? (
            <Text className="hint">这段时间没有。</Text>
          ) : (
            <BarChart
              id="stats-places"
              color="#1664ff"
              scale={countScale(places.places.map((p) => p.count))}
              format={countText}
              bars={places.places.map((p) => ({ label: p.label, short: p.short, value: p.count }))}
            />
          )}
        </View>
      )}
      <View className="section stats-kinds">
        <Text className="section-title">按情形</Text>
        <Table
          name="situations"
          rows={reports.bySituation.map((s) => [
            situation(s.situation).plainLabel,
            `${s.count} 件`,
          ])}
        />
        <Text className="section-title">按来源</Text>
        <Table
          name="channels"
          rows={reports.byChannel.map((c) => [channelLabel(c.channel), `${c.count} 件`])}
        />
        <Text className="section-title">按紧急程度</Text>
        <Table
          name="priorities"
          rows={reports.byPriority.map((p) => [priorityText(p.priority), `${p.count} 件`])}
        />
      </View>
      <Clocks figures={figures} query={query} />
      <View className="section stats-delay">
        <Text className="section-title">报告是否及时</Text>
        <Text className="hint">
          {`从发现到报告：中位 ${hoursText(delay.all.medianHours)}，超过24小时才报告的占 ${rateText(delay.all.over24hShare)}（共 ${delay.all.reports} 件强制报告）`}
        </Text>
        <Text className="section-title">按单位类型</Text>
        <Table
          name="delay-types"
          rows={delay.byType.map((t) => [
            ORG_TYPE_LABELS[t.type],
            `${t.reports} 件 · 中位 ${hoursText(t.medianHours)} · 超24小时 ${rateText(t.over24hShare)}`,
          ])}
        />
        <Text className="section-title">按机构</Text>
        <Table
          name="delay-institutions"
          empty={INSTITUTIONS_UNNAMED}
          rows={delay.byInstitution.map((i) => [
            i.name,
            `${i.reports} 件 · 中位 ${hoursText(i.medianHours)} · 超24小时 ${rateText(i.over24hShare)}`,
          ])}
        />
      </View>
      <View className="section stats-silent">
        <Text className="section-title">未报告的单位</Text>
        <Text className="hint">
          这段时间一件也没有报告、但其他人报告了它所在地孩子的机构（名录里的机构）。
        </Text>
        {delay.silent.length === 0 ? (
          <Text className="hint">没有。</Text>
        ) : (
          delay.silent.map((s) => (
            <View key={s.institutionId} className="silent-row">
              <Text className="silent-name">{s.name}</Text>
              <Text className="hint">
                {`${ORG_TYPE_LABELS[s.type]} · ${s.placeName} · 当地被他人报告 ${s.reportsFromCatchment} 件`}
              </Text>
            </View>
          ))
        )}
      </View>
      <View className="section stats-satisfaction">
        <Text className="section-title">报告人满意度</Text>
        <Table
          name="satisfaction"
          rows={[
            ['评价数', `${satisfaction.rated} 件`],
            [
              '平均分（5分满分）',
              satisfaction.meanScore === null ? '—' : satisfaction.meanScore.toFixed(1),
            ],
            ['打1–2分的', rateText(satisfaction.lowShare)],
            ['低分已复核（重新办理）', `${satisfaction.reviewed} 件`],
          ]}
        />
      </View>
      <View className="section stats-children">
        <Text className="section-title">儿童档案（当前在册）</Text>
        <Table
          name="categories"
          rows={children.byCategory.map((c) => [
            CHILD_CATEGORY_LABELS[c.category],
            `${c.count} 人`,
          ])}
        />
        <Table
          name="statuses"
          rows={children.byStatus.map((s) => [CHILD_FILE_STATUS_LABELS[s.status], `${s.count} 人`])}
        />
        <Text className="section-title">控辍保学</Text>
        <Table
          name="dropouts"
          rows={children.dropouts.map((d) => [DROPOUT_STATE_LABELS[d.state], `${d.count} 人`])}
        />
      </View>
    </>
  );
}

/** The ledger download: says what it is doing and what to do when it fails. */
function LedgerButton({ query }: { query: StatsQuery }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  async function download() {
    if (state.busy) return;
    setState({ busy: true, error: null });
    try {
      await openLedger(query);
      setState({ busy: false, error: null });
    } catch (e) {
      setState({ busy: false, error: failureText(e, '台账没有下载成功，请稍后再试') });
    }
  }
  return (
    <>
      <View className="big-button big-button-primary stats-ledger" onClick={() => void download()}>
        <Text>{state.busy ? '正在生成台账…' : '下载台账（Excel）'}</Text>
        <Text className="big-button-note">这段时间每件报告一行，含工单、时限和结果</Text>
      </View>
      {state.error && <Text className="error-line ledger-error">{state.error}</Text>}
    </>
  );
}

/**
 * The figures of the caller's county (coordinator), township (儿童督导员) or village (儿童主任)
 * over a period: reports, clocks per unit with the orders behind them, reporting delay, the
 * institutions that did not report, satisfaction, and the 台账 to download.
 */
export default function BoardPage() {
  const user = currentUser();
  const today = shanghaiDate(serverNow());
  const [chosen, setChosen] = useState<PeriodPreset | 'custom'>('this_month');
  const [period, setPeriod] = useState<Period>(() => presetPeriod('this_month', today));
  const [place, setPlace] = useState<Division[]>([]);
  const [figures, setFigures] = useState<StatsOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const query: StatsQuery = { ...period, division: place[place.length - 1]?.code };
  const shown = useRef(false);

  const newest = useNewestAnswer();

  async function load(asked: StatsQuery) {
    const isNewest = newest.ask();
    setLoading(true);
    try {
      const answer = await fetchStatsOverview(asked);
      if (!isNewest()) return;
      setFigures(answer);
      setError(null);
    } catch (e) {
      if (isNewest()) setError(failureText(e, '统计没有加载出来，请下拉重试'));
    } finally {
      if (isNewest()) setLoading(false);
      Taro.stopPullDownRefresh();
    }
  }

  // Loaded when first shown, when a filter changes and on pull-down, not each time the page shows
  // again: a coordinator back from a unit's orders keeps the figures without waiting on a slow
  // village network.
  useDidShow(() => {
    if (shown.current || !seesFigures(user)) return;
    shown.current = true;
    void load(query);
  });
  usePullDownRefresh(() => void load(query));

  if (!seesFigures(user)) {
    return (
      <View className="page">
        <View className="error-box">
          <Text className="error-line">
            统计只对县联席办协调员、乡镇儿童督导员和村儿童主任开放。如果您是，请先在首页绑定单位。
          </Text>
          <BackHome />
        </View>
      </View>
    );
  }

  const prefixes = user?.unitDivisionPrefixes ?? [];
  // One string: Taro's H5 Text showed a second text, added once the figures came, after the first.
  const dates = `${chineseDate(period.from)} 至 ${chineseDate(period.to)}`;
  const heading = figures ? `${figures.placeName} · ${dates}` : dates;
  return (
    <View className="page stats-page">
      <Text className="section-title stats-heading">{heading}</Text>
      <PeriodFilter
        chosen={chosen}
        period={period}
        today={today}
        onChange={(nextChosen, next) => {
          setChosen(nextChosen);
          setPeriod(next);
          if (next.from !== period.from || next.to !== period.to) {
            void load({ ...query, ...next });
          }
        }}
      />
      {prefixes.length > 0 && (
        <View className="section stats-place">
          <ScopePicker
            prefixes={prefixes}
            ownName={user?.unitName ?? ''}
            path={place}
            onChange={(next) => {
              setPlace(next);
              void load({ ...period, division: next[next.length - 1]?.code });
            }}
            allowAll
          />
        </View>
      )}
      {keepsRegister(user) && (
        <View
          className="big-button big-button-secondary stats-register"
          onClick={() => void Taro.navigateTo({ url: '/register/index/index' })}
        >
          <Text>强制报告单位名录</Text>
          <Text className="big-button-note">
            学校、医院、村（居）委会等，导入、修改、邀请报告人
          </Text>
        </View>
      )}
      {error && (
        <View className="error-box stats-error">
          <Text className="error-line">{error}</Text>
          <View
            className="big-button big-button-secondary stats-retry"
            onClick={() => void load(query)}
          >
            <Text>重新加载</Text>
          </View>
          {!figures && <BackHome />}
        </View>
      )}
      {loading && <Text className="hint stats-loading">{figures ? '正在更新…' : '正在加载…'}</Text>}
      {figures && (
        <>
          <Figures figures={figures} query={query} />
          <LedgerButton query={query} />
        </>
      )}
    </View>
  );
}
