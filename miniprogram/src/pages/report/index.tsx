import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { CHANNELS, DESCRIPTION_MAX_LENGTH, type Channel } from '@shouhu/shared';
import { Call110Button } from '../../components/call-110-button';
import { DivisionPicker } from '../../components/division-picker';
import { Choice } from '../../components/choice';
import { SituationChecklist } from '../../components/situation-checklist';
import { ApiError } from '../../services/api-error';
import { DEFAULT_DIVISION_CODE } from '../../services/config';
import { divisionPath, lastDivisionPath, rememberDivisionPath } from '../../services/divisions';
import { clearDraft, loadDraft, saveDraft, type Draft } from '../../services/drafts';
import { createId } from '../../services/ids';
import { submitReport } from '../../services/reports';
import { currentUser } from '../../services/session';
import {
  characterCount,
  emptyReportForm,
  formProblems,
  toReportRequest,
  toggleSituation,
  type Identity,
  type ReportForm,
} from './report-form';

const AUTO_RETRY_MS = 10_000;

const IDENTITIES: { value: Identity; label: string }[] = [
  { value: 'confidential', label: '保密：只有办案人员知道我是谁' },
  { value: 'named', label: '实名' },
  { value: 'anonymous', label: '匿名：不留任何身份信息' },
];

/** Only a bound mandated reporter files as 强制报告; anyone else files the same report as 举报/求助. */
function channelFrom(param: string | undefined): Channel {
  const requested = CHANNELS.find((c) => c === param) ?? 'public';
  const roles = currentUser()?.roles ?? [];
  if (requested === 'mandatory' && !roles.includes('mandated_reporter')) return 'public';
  if (requested === 'hotline' && !roles.includes('hotline_operator')) return 'public';
  return requested;
}

export default function ReportPage() {
  const requestedChannel = useRouter().params.channel;
  const channel = channelFrom(requestedChannel);
  const [draft, setDraft] = useState<Draft>(
    () => loadDraft(channel) ?? { form: emptyReportForm(lastDivisionPath()), pending: null },
  );
  const form = draft.form;
  const [problems, setProblems] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  // A report sent before the app was closed, and never confirmed, is sent again on opening.
  const [unsent, setUnsent] = useState(() => draft.pending !== null);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Every keystroke is kept on the phone: killing the app or losing signal loses nothing.
  useEffect(() => saveDraft(channel, draft), [channel, draft]);
  useEffect(() => {
    if (loadDraft(channel)?.pending) retryTimer.current = setTimeout(() => void send(), 0);
    return () => clearRetry();
    // Only on opening the page: later sends schedule their own retries.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** Editing after a failed send makes it a new report: a new key, a new request. */
  const update = (patch: Partial<ReportForm>) => {
    clearRetry();
    setUnsent(false);
    setDraft((current) => ({ form: { ...current.form, ...patch }, pending: null }));
  };
  const setForm = (change: (current: ReportForm) => ReportForm) =>
    setDraft((current) => ({ ...current, form: change(current.form) }));

  function clearRetry() {
    if (retryTimer.current) clearTimeout(retryTimer.current);
    retryTimer.current = null;
  }

  // A first report starts in the configured county; later ones where the last one was.
  useEffect(() => {
    if (form.division.length > 0) return;
    divisionPath(DEFAULT_DIVISION_CODE).then(
      (division) =>
        setForm((current) => (current.division.length ? current : { ...current, division })),
      () => undefined,
    );
  }, [form.division.length]);

  /** The user's tap: check the form, then send it (or the request already waiting to be sent). */
  async function submit() {
    if (submitting) return;
    const found = formProblems(form);
    setProblems(found);
    if (found.length > 0) return;
    const pending = draft.pending ?? {
      idempotencyKey: createId(),
      request: toReportRequest(form, channel, new Date()),
    };
    saveDraft(channel, { form, pending });
    setDraft({ form, pending });
    await send();
  }

  /**
   * Sends what the stored draft holds: the same request under the same key every time, so a retry
   * after a lost answer gets the first answer back instead of filing a second report.
   */
  async function send() {
    clearRetry();
    const stored = loadDraft(channel);
    if (!stored?.pending) return;
    setSubmitting(true);
    try {
      const created = await submitReport(stored.pending.request, stored.pending.idempotencyKey);
      clearDraft(channel);
      rememberDivisionPath(stored.form.division);
      await Taro.redirectTo({
        url: `/pages/receipt/index?id=${created.id}&code=${created.trackingCode}&call110=${created.advice.call110 ? 1 : 0}`,
      });
    } catch (error) {
      if (error instanceof ApiError && error.retryable) {
        setUnsent(true);
        retryTimer.current = setTimeout(() => void send(), AUTO_RETRY_MS);
      } else {
        setUnsent(false);
        setDraft({ form: stored.form, pending: null });
        setProblems(
          error instanceof ApiError ? error.lines() : ['提交失败，请稍后重试；内容已保留'],
        );
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <View className="page">
      {requestedChannel === 'mandatory' && channel !== 'mandatory' && (
        <View className="section">
          <Text className="hint">
            您还没有绑定所在单位，这份报告将作为“举报/求助”提交，同样会送到负责的部门。
          </Text>
        </View>
      )}

      <View className="section">
        <Text className="section-title">孩子现在有危险吗？</Text>
        <View className="choice-row">
          <Choice
            label="有危险"
            selected={form.immediateDanger === true}
            onSelect={() => update({ immediateDanger: true })}
          />
          <Choice
            label="没有"
            selected={form.immediateDanger === false}
            onSelect={() => update({ immediateDanger: false })}
          />
        </View>
      </View>

      {form.immediateDanger === true && (
        <View className="danger-box">
          <Text className="danger-title">请先拨打110报警</Text>
          <Text className="hint">报警后，您仍然可以继续填写这份报告，方便各部门跟进。</Text>
          <View className="danger-call">
            <Call110Button />
          </View>
        </View>
      )}

      <View className="section">
        <Text className="section-title">您看到了什么情况？（可多选）</Text>
        <SituationChecklist
          selected={form.situations}
          onToggle={(code) => update({ situations: toggleSituation(form.situations, code) })}
        />
      </View>

      <View className="section">
        <Text className="section-title">具体情况</Text>
        <Text className="hint">写下您看到或听到的：什么时候、在哪里、孩子现在怎样、谁在照顾。</Text>
        <Textarea
          className="textarea report-description"
          value={form.description}
          maxlength={DESCRIPTION_MAX_LENGTH}
          placeholder="例如：孩子这周一直没来上学，家里电话打不通……"
          onInput={(e) => update({ description: e.detail.value })}
        />
        <Text className="counter">
          {characterCount(form.description)}/{DESCRIPTION_MAX_LENGTH}
        </Text>
      </View>

      <View className="section">
        <Text className="section-title">孩子在哪里？</Text>
        <Text className="field-label">所在地区（选到乡镇或村，报告会送到当地）</Text>
        <DivisionPicker path={form.division} onChange={(division) => update({ division })} />
        <Text className="field-label">详细地址（选填）</Text>
        <Input
          className="input report-address"
          value={form.address}
          maxlength={200}
          placeholder="如：某镇某村三组"
          onInput={(e) => update({ address: e.detail.value })}
        />
      </View>

      <View className="section">
        <Text className="section-title">您的身份</Text>
        {IDENTITIES.map((identity) => (
          <Choice
            key={identity.value}
            label={identity.label}
            selected={form.identity === identity.value}
            onSelect={() => update({ identity: identity.value })}
          />
        ))}
        {form.identity !== 'anonymous' && (
          <View>
            <Text className="field-label">姓名（选填）</Text>
            <Input
              className="input report-reporter-name"
              value={form.reporterName}
              maxlength={50}
              onInput={(e) => update({ reporterName: e.detail.value })}
            />
            <Text className="field-label">电话（选填，方便核实情况）</Text>
            <Input
              className="input report-reporter-phone"
              type="number"
              value={form.reporterPhone}
              maxlength={13}
              onInput={(e) => update({ reporterPhone: e.detail.value })}
            />
          </View>
        )}
      </View>

      {unsent && (
        <View className="error-box report-unsent">
          <Text className="error-line">未发送，联网后自动重试。您填写的内容已保存在手机上。</Text>
          <View
            className="big-button big-button-secondary report-retry"
            onClick={() => void send()}
          >
            <Text>{submitting ? '正在重试…' : '立即重试'}</Text>
          </View>
        </View>
      )}

      {problems.length > 0 && (
        <View className="error-box">
          {problems.map((problem) => (
            <Text key={problem} className="error-line">
              {problem}
            </Text>
          ))}
        </View>
      )}

      <View
        className={`big-button big-button-primary report-submit ${submitting ? 'big-button-disabled' : ''}`}
        onClick={() => void submit()}
      >
        <Text>{submitting ? '正在提交…' : '提交报告'}</Text>
      </View>
    </View>
  );
}
