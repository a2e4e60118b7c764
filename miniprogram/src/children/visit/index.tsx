import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Picker, Text, Textarea, View } from '@tarojs/components';
import {
  TEXT_LIMITS,
  VISIT_CHECKS,
  VISIT_CHECK_LABELS,
  VISIT_CHECK_RESULTS,
  VISIT_CHECK_RESULT_LABELS,
  VISIT_PEOPLE,
  VISIT_PERSON_LABELS,
  beijingTimeOfDay,
  chineseDate,
  inputMaxLength,
  shanghaiDate,
  textLength,
  type SituationCode,
  type TextLimit,
  type VisitCheckName,
} from '@shouhu/shared';
import { Call110Button } from '../../components/call-110-button';
import { Choice } from '../../components/choice';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { FieldError, invalidClass, useScrollToFirstError } from '../../components/field-error';
import { INCOMPLETE_ADDRESS, PageState } from '../../components/page-state';
import { PrivacyPrompt } from '../../components/privacy-prompt';
import { SituationChecklist } from '../../components/situation-checklist';
import { createId } from '../../services/ids';
import { currentPosition, LocationUnavailable } from '../../services/location';
import { serverNow } from '../../services/server-clock';
import { queueStaffRequest } from '../../services/staff-outbox';
import { clearVisitDraft, loadVisitDraft, saveVisitDraft } from '../../services/visit-drafts';
import { visitRequest } from '../../services/visits';
import {
  emptyVisitForm,
  toVisitRequest,
  visitFormProblems,
  type CheckForm,
  type VisitForm,
} from '../visit-form';
import '../../staff/staff.css';
import '../children.css';

/** A text box sized from its shared limit, with its counter and its problem underneath. */
function TextBox({
  name,
  value,
  limit,
  placeholder,
  problems,
  onInput,
}: {
  name: string;
  value: string;
  limit: TextLimit;
  placeholder: string;
  problems: Record<string, string>;
  onInput: (value: string) => void;
}) {
  return (
    <>
      <Textarea
        className={`textarea visit-text visit-${name.replace(/\./g, '-')}${invalidClass(problems, name)}`}
        value={value}
        maxlength={inputMaxLength(limit)}
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
      />
      <Text className="counter">
        {textLength(value)}/{limit.max}
      </Text>
      <FieldError problems={problems} name={name} />
    </>
  );
}

function CheckFields({
  name,
  check,
  problems,
  onChange,
}: {
  name: VisitCheckName;
  check: CheckForm;
  problems: Record<string, string>;
  onChange: (check: CheckForm) => void;
}) {
  return (
    <View className={`visit-check visit-check-${name}`}>
      <Text className="field-label">{VISIT_CHECK_LABELS[name]}</Text>
      <View className="choice-row">
        {VISIT_CHECK_RESULTS.map((result) => (
          <Choice
            key={result}
            label={VISIT_CHECK_RESULT_LABELS[result]}
            selected={check.result === result}
            onSelect={() => onChange({ ...check, result })}
          />
        ))}
      </View>
      {check.result === 'concern' ? (
        <TextBox
          name={`checks.${name}`}
          value={check.finding}
          limit={TEXT_LIMITS.visitFinding}
          placeholder="简单写明发现了什么，如：祖母生病，做饭有困难"
          problems={problems}
          onInput={(finding) => onChange({ ...check, finding })}
        />
      ) : (
        <FieldError problems={problems} name={`checks.${name}`} />
      )}
    </View>
  );
}

const toggle = <T,>(list: readonly T[], item: T): T[] =>
  list.includes(item) ? list.filter((i) => i !== item) : [...list, item];

/**
 * 记录走访: one hand, large targets, no signal needed. Kept on the phone as typed (a draft per
 * file); 提交 asks once, then queues the record in the staff outbox under a key made at that press,
 * and goes back to the page that opened it (the file or the 走访 list, each showing the record
 * waiting), or opens the file when no page did. The draft is cleared only once the record is
 * queued.
 */
export default function VisitFormPage() {
  const { fileId = '', from = '' } = useRouter().params;
  const [form, setForm] = useState<VisitForm>(() => loadVisitDraft(fileId) ?? emptyVisitForm());
  /** 提交 was pressed once: from then on every field shows its problem as it is typed. */
  const [checked, setChecked] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [locating, setLocating] = useState(false);
  const [locationProblem, setLocationProblem] = useState<string | null>(null);
  /** The record is queued: a second press of 确认 adds nothing. */
  const queued = useRef(false);
  const scrollToFirstError = useScrollToFirstError();

  if (!fileId) return <PageState error={INCOMPLETE_ADDRESS} errorClass="visit-error" />;

  const now = serverNow();
  const today = shanghaiDate(now);
  const problems = checked ? visitFormProblems(form, now) : {};

  function update(patch: Partial<VisitForm>) {
    setForm((current) => {
      const next = { ...current, ...patch };
      saveVisitDraft(fileId, next);
      return next;
    });
  }
  const setCheck = (name: VisitCheckName, check: CheckForm) =>
    update({ checks: { ...form.checks, [name]: check } });
  const setReport = (patch: Partial<VisitForm['report']>) =>
    update({ report: { ...form.report, ...patch } });

  async function locate() {
    setLocating(true);
    setLocationProblem(null);
    try {
      update({ position: await currentPosition() });
    } catch (error) {
      setLocationProblem(error instanceof LocationUnavailable ? error.message : '没有取得位置');
    } finally {
      setLocating(false);
    }
  }

  function ask() {
    setChecked(true);
    if (Object.keys(visitFormProblems(form, serverNow())).length === 0) setConfirming(true);
    else scrollToFirstError();
  }

  function queue() {
    setConfirming(false);
    if (queued.current) return;
    queued.current = true;
    const at = serverNow();
    queueStaffRequest(visitRequest(fileId, toVisitRequest(form, at), createId(), form));
    clearVisitDraft(fileId);
    void Taro.showToast({ title: '走访记录已保存', icon: 'success' });
    // Back to the page on screen under the form: with no signal, no other page could load.
    if (from) void Taro.navigateBack();
    else void Taro.redirectTo({ url: `/children/file/index?id=${fileId}` });
  }

  const pickedToday = (form.date || today) === today;
  const failed = Object.keys(problems).length > 0;

  return (
    <View className="page visit-page">
      <View className="section visit-head">
        <Text className="section-title">
          {form.childName ? `走访 ${form.childName}` : '记录这次走访'}
        </Text>
        <Text className="hint">
          填写的内容随时保存在手机上。没有信号也能提交，恢复网络后自动发送，不会重复。
        </Text>
      </View>

      <View className="section visit-when">
        <Text className="section-title">什么时候走访的</Text>
        <View className="choice-row">
          <Picker
            mode="date"
            value={form.date || today}
            end={today}
            onChange={(e) => update({ date: String(e.detail.value) })}
          >
            <View className={`input picker-field visit-date${invalidClass(problems, 'at')}`}>
              <Text>{form.date ? chineseDate(form.date) : '今天'}</Text>
            </View>
          </Picker>
          <Picker
            mode="time"
            value={form.time || beijingTimeOfDay(now)}
            end={pickedToday ? beijingTimeOfDay(now) : undefined}
            onChange={(e) => update({ time: String(e.detail.value) })}
          >
            <View className={`input picker-field visit-time${invalidClass(problems, 'at')}`}>
              <Text>{form.time || '现在'}</Text>
            </View>
          </Picker>
        </View>
        <FieldError problems={problems} name="at" />
      </View>

      <View className="section visit-met">
        <Text className="section-title">见到了谁（可多选）</Text>
        <View className="choice-row choice-wrap">
          {VISIT_PEOPLE.map((person) => (
            <Choice
              key={person}
              multiple
              label={VISIT_PERSON_LABELS[person]}
              selected={form.met.includes(person)}
              onSelect={() => update({ met: toggle(form.met, person) })}
            />
          ))}
        </View>
        <FieldError problems={problems} name="met" />
      </View>

      <View className="section visit-checks">
        <Text className="section-title">四项情况</Text>
        <Text className="hint">每项选“正常”或“需关注”；需关注的，简单写明发现了什么。</Text>
        {VISIT_CHECKS.map((name) => (
          <CheckFields
            key={name}
            name={name}
            check={form.checks[name]}
            problems={problems}
            onChange={(check) => setCheck(name, check)}
          />
        ))}
      </View>

      <View className="section visit-more">
        <Text className="section-title">其他发现（选填）</Text>
        <TextBox
          name="findings"
          value={form.findings}
          limit={TEXT_LIMITS.visitFindings}
          placeholder="看到的、听到的、做了什么帮扶"
          problems={problems}
          onInput={(findings) => update({ findings })}
        />
      </View>

      <View className="section visit-position">
        <Text className="section-title">记录位置（选填）</Text>
        <Text className="hint">
          记下走访时所在的位置，说明这次走访到了孩子家。只有本村、本镇和县联席办能看到。
        </Text>
        {form.position ? (
          <>
            <Text className="hint visit-located">已记录当前位置</Text>
            <Text className="link visit-unlocate" onClick={() => update({ position: null })}>
              不记录位置
            </Text>
          </>
        ) : (
          <View
            className="big-button big-button-secondary visit-locate"
            onClick={() => !locating && void locate()}
          >
            <Text>{locating ? '正在获取位置…' : '记录我现在的位置'}</Text>
          </View>
        )}
        {locationProblem && (
          <Text className="error-line visit-location-problem">{locationProblem}</Text>
        )}
      </View>

      {form.reporting ? (
        <View className="section visit-report">
          <Text className="section-title">需要报告的情况</Text>
          <Text className="hint">会和走访记录一起提交，按情况分派给有关部门办理。</Text>
          <Text className="field-label">孩子现在有危险吗？</Text>
          <View className="choice-row">
            <Choice
              label="有危险"
              selected={form.report.immediateDanger === true}
              onSelect={() => setReport({ immediateDanger: true })}
            />
            <Choice
              label="没有"
              selected={form.report.immediateDanger === false}
              onSelect={() => setReport({ immediateDanger: false })}
            />
          </View>
          <FieldError problems={problems} name="report.immediateDanger" />
          {form.report.immediateDanger === true && <Call110Button />}
          <Text className="field-label">看到的情况（可多选）</Text>
          <SituationChecklist
            selected={form.report.situations}
            onToggle={(code: SituationCode) =>
              setReport({ situations: toggle(form.report.situations, code) })
            }
          />
          <FieldError problems={problems} name="report.situations" />
          <Text className="field-label">情况描述</Text>
          <TextBox
            name="report.description"
            value={form.report.description}
            limit={TEXT_LIMITS.reportDescription}
            placeholder="看到了什么、孩子现在怎样（至少10个字）"
            problems={problems}
            onInput={(description) => setReport({ description })}
          />
          <Text className="link visit-report-cancel" onClick={() => update({ reporting: false })}>
            不报告了
          </Text>
        </View>
      ) : (
        <View
          className="big-button big-button-secondary visit-report-open"
          onClick={() => update({ reporting: true })}
        >
          <Text>发现需要报告的情况</Text>
          <Text className="big-button-note">孩子受到伤害、没人照料、辍学等，在这里一并报告</Text>
        </View>
      )}

      <View className="visit-nav">
        {failed && (
          <View className="error-box visit-problems">
            <Text className="error-line">还有内容需要填写或修改，请看标红的地方</Text>
          </View>
        )}
        <View className="big-button big-button-primary visit-submit" onClick={ask}>
          <Text>提交走访记录</Text>
        </View>
      </View>

      <PrivacyPrompt />
      <ConfirmDialog
        visible={confirming}
        title="提交走访记录"
        content={
          form.reporting
            ? '确认提交？走访记录和报告提交后都不能修改，报告会分派给有关部门。'
            : '确认提交这次走访记录？提交后不能修改。'
        }
        confirmText="确认提交"
        onConfirm={queue}
        onCancel={() => setConfirming(false)}
      />
    </View>
  );
}
