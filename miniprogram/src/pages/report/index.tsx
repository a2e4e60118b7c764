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
  const [form, setForm] = useState<ReportForm>(() => emptyReportForm(lastDivisionPath()));
  const [problems, setProblems] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  // One key per report, kept across retries so a double tap or a retry never files it twice.
  const idempotencyKey = useRef(createId());

  const update = (patch: Partial<ReportForm>) => setForm((current) => ({ ...current, ...patch }));

  // A first report starts in the configured county; later ones where the last one was.
  useEffect(() => {
    if (form.division.length > 0) return;
    divisionPath(DEFAULT_DIVISION_CODE).then(
      (division) =>
        setForm((current) => (current.division.length ? current : { ...current, division })),
      () => undefined,
    );
  }, [form.division.length]);

  async function submit() {
    if (submitting) return;
    const found = formProblems(form);
    setProblems(found);
    if (found.length > 0) return;
    setSubmitting(true);
    try {
      const created = await submitReport(
        toReportRequest(form, channel, new Date()),
        idempotencyKey.current,
      );
      rememberDivisionPath(form.division);
      await Taro.redirectTo({
        url: `/pages/receipt/index?id=${created.id}&code=${created.trackingCode}&call110=${created.advice.call110 ? 1 : 0}`,
      });
    } catch (error) {
      setProblems(error instanceof ApiError ? error.lines() : ['提交失败，请稍后重试；内容已保留']);
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
