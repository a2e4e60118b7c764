import { useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import {
  ORG_TYPES,
  ORG_TYPE_LABELS,
  TEXT_LIMITS,
  chineseDateTime,
  chineseDay,
  inputMaxLength,
  type Institution,
  type InstitutionImportResult,
  type Invite,
  type OrgType,
} from '@shouhu/shared';
import { BackHome } from '../../components/back-home';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useNewestAnswer } from '../../hooks/use-newest-answer';
import { ApiError, failureText } from '../../services/api-error';
import {
  importInstitutions,
  inviteReporter,
  listInstitutions,
  openImportTemplate,
  updateInstitution,
} from '../../services/institutions';
import { currentUser, keepsRegister } from '../../services/session';
import { handOverInstitution, takeRegisterChanged } from '../register-changes';
import '../../staff/staff.css';
import '../../children/children.css';
import '../../components/division-picker.css';
import '../register.css';

const PAGE_SIZE = 20;

type ImportState =
  | { state: 'idle' }
  | { state: 'sending' }
  | { state: 'done'; result: InstitutionImportResult }
  | { state: 'refused'; message: string; cells: string[] }
  | { state: 'failed'; message: string };

const ROW_KEY = /^第(\d+)行/;

/**
 * The refused cells of a sheet, in the order of its rows: 第3行 类型：… Keys that name no cell
 * (`file`: not a spreadsheet at all) are not cells; their words are shown alone.
 */
function refusedCells(error: ApiError): string[] {
  const row = (key: string) => Number(ROW_KEY.exec(key)?.[1] ?? 0);
  return Object.entries(error.fieldErrors)
    .filter(([key]) => ROW_KEY.test(key))
    .sort(([a], [b]) => row(a) - row(b))
    .map(([cell, problem]) => `${cell}：${problem}`);
}

/** weapp: a file from a chat (WeChat's only way to a phone's files); H5: the browser's picker. */
async function chooseSheet(): Promise<string | null> {
  const chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
  return chosen.tempFiles[0]?.path ?? null;
}

function ImportSection({ onImported }: { onImported: () => void }) {
  const [state, setState] = useState<ImportState>({ state: 'idle' });

  async function send(path: string) {
    setState({ state: 'sending' });
    try {
      setState({ state: 'done', result: await importInstitutions(path) });
      onImported();
    } catch (e) {
      const cells = e instanceof ApiError && e.status === 400 ? refusedCells(e) : [];
      if (cells.length > 0) {
        setState({ state: 'refused', message: (e as ApiError).message, cells });
      } else if (e instanceof ApiError && e.status === 400 && e.fieldErrors.file) {
        setState({ state: 'failed', message: e.fieldErrors.file });
      } else {
        setState({ state: 'failed', message: failureText(e, '导入没有成功，请稍后再试') });
      }
    }
  }

  async function pickInWeChat() {
    if (state.state === 'sending') return;
    const path = await chooseSheet().catch(() => null);
    if (path) await send(path);
  }

  return (
    <View className="section register-import">
      <Text className="section-title">从Excel导入</Text>
      <Text className="hint">
        先下载模板，每行填一个机构（名称、类型、区划代码、联系人、联系电话），再选择填好的文件。名录里已有的名称会更新。只要有一行不对，整张表都不会导入。
      </Text>
      {process.env.TARO_ENV === 'h5' ? (
        <label className="big-button big-button-primary import-choose">
          <Text>{state.state === 'sending' ? '正在导入…' : '选择Excel文件导入'}</Text>
          <input
            className="import-file"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            style={{ display: 'none' }}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file && state.state !== 'sending') void send(URL.createObjectURL(file));
            }}
          />
        </label>
      ) : (
        <View
          className="big-button big-button-primary import-choose"
          onClick={() => void pickInWeChat()}
        >
          <Text>{state.state === 'sending' ? '正在导入…' : '从微信聊天中选择Excel文件'}</Text>
          <Text className="big-button-note">先把文件发给自己或“文件传输助手”</Text>
        </View>
      )}
      <Text
        className="link import-template"
        onClick={() =>
          void openImportTemplate().catch((e: unknown) =>
            setState({ state: 'failed', message: failureText(e, '模板没有下载成功，请稍后再试') }),
          )
        }
      >
        下载导入模板
      </Text>
      {state.state === 'done' && (
        <Text className="hint import-done">
          {`导入完成：新增 ${state.result.created} 个，更新 ${state.result.updated} 个，${state.result.unchanged} 个没有变化。`}
        </Text>
      )}
      {state.state === 'refused' && (
        <View className="error-box import-errors">
          <Text className="error-line">{state.message}</Text>
          <Text className="hint">没有导入任何一行。请在表格里改正下面这些格子，再重新导入：</Text>
          {state.cells.map((cell) => (
            <Text key={cell} className="error-line import-cell">
              {cell}
            </Text>
          ))}
        </View>
      )}
      {state.state === 'failed' && (
        <Text className="error-line import-failed">{state.message}</Text>
      )}
    </View>
  );
}

/** What became of the 邀请报告人 tapped on one card. */
type InviteState =
  { state: 'sending' } | { state: 'done'; invite: Invite } | { state: 'failed'; message: string };

/** The code under the card it was made for: to copy, with until when it works. */
function InviteResult({ invite }: { invite: InviteState }) {
  if (invite.state === 'sending') {
    return <Text className="hint register-invite-sending">正在生成邀请码…</Text>;
  }
  if (invite.state === 'failed') {
    return <Text className="error-line invite-error">{invite.message}</Text>;
  }
  const { code, expiresAt } = invite.invite;
  return (
    <View className="invite-result">
      <Text className="section-title">邀请码</Text>
      <Text className="invite-code">{code}</Text>
      <Text className="hint">{`请在 ${chineseDateTime(expiresAt)} 前使用，只能用一次。`}</Text>
      <Text className="hint">
        把邀请码交给这个单位的工作人员，他在首页“绑定单位”输入后，他的强制报告就记在这个机构名下。
      </Text>
      <View
        className="big-button big-button-primary invite-copy"
        onClick={() => void Taro.setClipboardData({ data: code }).catch(() => undefined)}
      >
        <Text>复制邀请码</Text>
      </View>
    </View>
  );
}

interface CardActions {
  onEdit: () => void;
  onInvite: () => void;
  onRetire: () => void;
  onRestore: () => void;
}

/** One institution of the register, with what can be done to it and what was done just now. */
function InstitutionCard({
  institution,
  invite,
  note,
  actions,
}: {
  institution: Institution;
  invite: InviteState | undefined;
  note: string | undefined;
  actions: CardActions;
}) {
  const retired = institution.retiredAt !== null;
  return (
    <View className={`section register-row ${retired ? 'register-row-retired' : ''}`}>
      <Text className="register-name">{institution.name}</Text>
      {retired && (
        <Text className="register-retired-since">{`已停用（${chineseDay(institution.retiredAt!)}起）`}</Text>
      )}
      <Text className="hint">{`${ORG_TYPE_LABELS[institution.type]} · ${institution.placeName}`}</Text>
      <Text className="hint">
        {[institution.contactName, institution.contactPhone].filter(Boolean).join(' ') ||
          '未填联系人'}
        {` · 已加入报告人 ${institution.reporterCount} 名`}
      </Text>
      <View className="register-actions">
        <View className="register-action register-edit" onClick={actions.onEdit}>
          <Text>修改</Text>
        </View>
        {retired ? (
          <View className="register-action register-restore" onClick={actions.onRestore}>
            <Text>恢复</Text>
          </View>
        ) : (
          <>
            <View className="register-action register-invite" onClick={actions.onInvite}>
              <Text>邀请报告人</Text>
            </View>
            <View className="register-action register-retire" onClick={actions.onRetire}>
              <Text>停用</Text>
            </View>
          </>
        )}
      </View>
      {note && <Text className="error-line register-note">{note}</Text>}
      {invite && <InviteResult invite={invite} />}
    </View>
  );
}

function TypeFilter({
  type,
  onChange,
}: {
  type: OrgType | '';
  onChange: (t: OrgType | '') => void;
}) {
  const [open, setOpen] = useState(false);
  const choose = (next: OrgType | '') => {
    setOpen(false);
    onChange(next);
  };
  return (
    <View>
      <View className="division-field register-type-field" onClick={() => setOpen(!open)}>
        <Text>{type ? ORG_TYPE_LABELS[type] : '全部类型'}</Text>
        <Text className="division-change">{open ? '收起' : '筛选'}</Text>
      </View>
      {open && (
        <View className="choice-wrap">
          <View
            className={`chip chip-choice register-type-all ${type === '' ? 'chip-selected' : ''}`}
            onClick={() => choose('')}
          >
            <Text>全部类型</Text>
          </View>
          {ORG_TYPES.map((t) => (
            <View
              key={t}
              className={`chip chip-choice register-type-${t} ${type === t ? 'chip-selected' : ''}`}
              onClick={() => choose(t)}
            >
              <Text>{ORG_TYPE_LABELS[t]}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

/**
 * The county's register of mandated institutions (强制报告单位名录), kept by its coordinator:
 * filter and search, add and edit, import from a sheet, invite a reporter into one (the code shows
 * under the card tapped), and retire (停用) an institution that closed or merged, or restore it.
 */
export default function RegisterPage() {
  const user = currentUser();
  const [type, setType] = useState<OrgType | ''>('');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [retired, setRetired] = useState(false);
  const [items, setItems] = useState<Institution[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [asked, setAsked] = useState<Institution | null>(null);
  const [retiring, setRetiring] = useState<Institution | null>(null);
  const [invites, setInvites] = useState<Record<string, InviteState>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});

  const newest = useNewestAnswer();

  async function load(page: number, filters = { type, q, retired }) {
    const isNewest = newest.ask();
    try {
      const answer = await listInstitutions({ ...filters, page, pageSize: PAGE_SIZE });
      if (!isNewest()) return;
      setItems((current) =>
        page === 1 || !current ? answer.items : [...current, ...answer.items],
      );
      setTotal(answer.total);
      setError(null);
    } catch (e) {
      if (isNewest()) setError(failureText(e, '名录没有加载出来，请下拉重试'));
    } finally {
      Taro.stopPullDownRefresh();
    }
  }

  function filter(next: { type: OrgType | ''; q: string; retired: boolean }) {
    setType(next.type);
    setQ(next.q);
    setRetired(next.retired);
    setItems(null);
    void load(1, next);
  }

  const note = (id: string, text: string | null) =>
    setNotes(({ [id]: _, ...rest }) => (text ? { ...rest, [id]: text } : rest));

  async function invite(institution: Institution) {
    setAsked(null);
    const set = (state: InviteState) => setInvites((all) => ({ ...all, [institution.id]: state }));
    set({ state: 'sending' });
    try {
      set({ state: 'done', invite: await inviteReporter(institution.id) });
    } catch (e) {
      set({ state: 'failed', message: failureText(e, '邀请码没有生成，请稍后再试') });
    }
  }

  /** Off the register or back on it: the card leaves this tab for the other. */
  async function turn(institution: Institution, retire: boolean) {
    setRetiring(null);
    note(institution.id, null);
    try {
      await updateInstitution(institution.id, { retired: retire });
      setItems((current) => current?.filter((i) => i.id !== institution.id) ?? null);
      setTotal((n) => Math.max(0, n - 1));
      void Taro.showToast({ title: retire ? '已停用' : '已恢复', icon: 'success' });
    } catch (e) {
      note(
        institution.id,
        failureText(e, retire ? '没有停用成功，请稍后再试' : '没有恢复成功，请稍后再试'),
      );
    }
  }

  // Loaded when first shown; back from the form, again only if a save changed the register.
  const shown = useRef(false);
  useDidShow(() => {
    if (!keepsRegister(user)) return;
    const changed = takeRegisterChanged();
    if (shown.current && !changed) return;
    shown.current = true;
    void load(1);
  });
  usePullDownRefresh(() => void load(1));
  useReachBottom(() => {
    if (items && items.length < total) void load(Math.floor(items.length / PAGE_SIZE) + 1);
  });

  if (!keepsRegister(user)) {
    return (
      <View className="page">
        <View className="error-box">
          <Text className="error-line">
            名录由县联席办协调员维护。如果您是，请先在首页绑定单位。
          </Text>
          <BackHome />
        </View>
      </View>
    );
  }

  const filtered = type !== '' || q !== '';
  const empty = retired
    ? filtered
      ? '没有符合条件的已停用机构。'
      : '没有已停用的机构。'
    : filtered
      ? '没有符合条件的机构。换个类型或名称再试。'
      : '名录还是空的。点“新增机构”逐个添加，或下载模板填好后导入。';
  return (
    <View className="page">
      <View
        className="big-button big-button-primary register-add"
        onClick={() => void Taro.navigateTo({ url: '/register/edit/index' })}
      >
        <Text>新增机构</Text>
      </View>
      <ImportSection onImported={() => void load(1)} />
      <ConfirmDialog
        visible={asked !== null}
        title="邀请强制报告人"
        content={
          asked
            ? `为「${asked.name}」生成一个邀请码。把邀请码交给该单位的工作人员，他在首页“绑定单位”输入后，他的强制报告就记在这个机构名下。`
            : ''
        }
        confirmText="生成邀请码"
        onConfirm={() => asked && void invite(asked)}
        onCancel={() => setAsked(null)}
      />
      <ConfirmDialog
        visible={retiring !== null}
        title="停用这个机构？"
        content={
          retiring
            ? `「${retiring.name}」停用后不能再邀请报告人，已有的报告和统计保留。已加入的报告人此后提交的报告不再记在这个机构名下，它也不再列入此后的“未报告”名单。学校撤并、关闭时停用；以后可以在“已停用”中恢复。`
            : ''
        }
        confirmText="停用"
        onConfirm={() => retiring && void turn(retiring, true)}
        onCancel={() => setRetiring(null)}
      />
      <View className="tabs register-tabs">
        <View
          className={`tab register-tab-active ${retired ? '' : 'tab-active'}`}
          onClick={() => retired && filter({ type, q, retired: false })}
        >
          <Text>在用</Text>
        </View>
        <View
          className={`tab register-tab-retired ${retired ? 'tab-active' : ''}`}
          onClick={() => !retired && filter({ type, q, retired: true })}
        >
          <Text>已停用</Text>
        </View>
      </View>
      <View className="section register-filters">
        <TypeFilter type={type} onChange={(next) => filter({ type: next, q, retired })} />
        <View className="search-row register-search-row">
          <Input
            className="input register-search"
            value={typed}
            maxlength={inputMaxLength(TEXT_LIMITS.institutionName)}
            placeholder="机构名称中的几个字"
            confirmType="search"
            onInput={(e) => setTyped(e.detail.value)}
            onConfirm={() => filter({ type, q: typed.trim(), retired })}
          />
          <View
            className="big-button big-button-secondary register-search-go"
            onClick={() => filter({ type, q: typed.trim(), retired })}
          >
            <Text>搜索</Text>
          </View>
        </View>
      </View>
      {error && (
        <View className="error-box">
          <Text className="error-line">{error}</Text>
          <View
            className="big-button big-button-secondary register-retry"
            onClick={() => void load(1)}
          >
            <Text>重新加载</Text>
          </View>
          <BackHome />
        </View>
      )}
      {items === null && !error && <Text className="hint">正在加载…</Text>}
      {items !== null && (
        <Text className="hint register-total">
          {retired ? `已停用 ${total} 个机构` : `共 ${total} 个机构`}
        </Text>
      )}
      {items?.length === 0 && (
        <View className="section list-empty">
          <Text className="hint">{empty}</Text>
        </View>
      )}
      {items?.map((institution) => (
        <InstitutionCard
          key={institution.id}
          institution={institution}
          invite={invites[institution.id]}
          note={notes[institution.id]}
          actions={{
            onEdit: () => {
              handOverInstitution(institution);
              void Taro.navigateTo({ url: `/register/edit/index?id=${institution.id}` });
            },
            onInvite: () => {
              if (invites[institution.id]?.state !== 'sending') setAsked(institution);
            },
            onRetire: () => setRetiring(institution),
            onRestore: () => void turn(institution, false),
          }}
        />
      ))}
      {items && items.length > 0 && items.length < total && (
        <Text className="hint">上拉加载更多</Text>
      )}
    </View>
  );
}
