import { useState } from 'react';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import {
  CHILD_AGE_YEARS,
  PHONE_MAX_LENGTH,
  inputMaxLength,
  TEXT_LIMITS,
  GENDER_LABELS,
  GENDERS,
  REPORTER_IDENTITIES,
  REPORTER_IDENTITY_TEXTS,
  SITUATION_CODES,
  SITUATION_SHORT_LABELS,
  chineseDate,
  shanghaiDate,
  situation,
} from '@shouhu/shared';
import { Call110Button } from '../../components/call-110-button';
import { Choice } from '../../components/choice';
import { DivisionPicker } from '../../components/division-picker';
import { EvidencePicker } from '../../components/evidence-picker';
import { FieldError, invalidClass } from '../../components/field-error';
import type { FieldProblems } from '../../components/form-problems';
import { SituationChecklist } from '../../components/situation-checklist';
import { currentPosition, LocationUnavailable } from '../../services/location';
import { serverNow } from '../../services/server-clock';
import {
  asksWhereabouts,
  descriptionCounter,
  offersSmsConsent,
  REPORT_STEPS,
  toggleSituation,
  type ChildForm,
  type Evidence,
  type Identity,
  type ReportForm,
} from './report-form';

export interface StepProps {
  form: ReportForm;
  update: (patch: Partial<ReportForm>) => void;
  /** Refused fields, as the API names them (`child.ageYears`): each drawn red where it is asked. */
  problems: FieldProblems;
}

export function DangerStep({
  form,
  update,
  problems,
  onDanger,
}: StepProps & { onDanger: () => void }) {
  return (
    <View className="section">
      <Text className="section-title">孩子现在有危险吗？</Text>
      <Text className="hint">
        比如正在被打、被关着、走失、想轻生，或年幼的孩子独自待在危险的地方。
      </Text>
      <Text className="hint">
        孩子平时一个人住、没人照顾，但眼下没有危险的，请选“没有”，下一步再说明情况。
      </Text>
      <View className="choice-row">
        <Choice
          label="有危险"
          selected={form.immediateDanger === true}
          onSelect={() => {
            update({ immediateDanger: true });
            onDanger();
          }}
        />
        <Choice
          label="没有"
          selected={form.immediateDanger === false}
          onSelect={() => update({ immediateDanger: false })}
        />
      </View>
      <FieldError problems={problems} name="immediateDanger" />
      {form.immediateDanger === true && (
        <View className="danger-box">
          <Text className="danger-title">请先拨打110报警</Text>
          <Text className="hint">报警后，您仍然可以继续填写这份报告，方便各部门跟进。</Text>
          <View className="danger-call">
            <Call110Button />
          </View>
        </View>
      )}
    </View>
  );
}

export function SituationsStep({ form, update, problems }: StepProps) {
  return (
    <View className="section">
      <Text className="section-title">您看到了什么情况？（可多选）</Text>
      <Text className="hint">拿不准也没关系，选最接近的；后面可以写具体情况。</Text>
      <SituationChecklist
        selected={form.situations}
        onToggle={(code) => update({ situations: toggleSituation(form.situations, code) })}
      />
      <FieldError problems={problems} name="situations" />
      <WhereaboutsQuestion form={form} update={update} problems={problems} />
    </View>
  );
}

/** For a dropout: a child nobody can find is for the police to look for too. */
function WhereaboutsQuestion({ form, update, problems }: StepProps) {
  if (!asksWhereabouts(form)) return null;
  return (
    <View className="whereabouts">
      <Text className="field-label">知道孩子现在在哪里吗？</Text>
      <View className="choice-row">
        <Choice
          label="知道"
          selected={form.whereaboutsUnknown === false}
          onSelect={() => update({ whereaboutsUnknown: false })}
        />
        <Choice
          label="不知道，找不到孩子"
          selected={form.whereaboutsUnknown === true}
          onSelect={() => update({ whereaboutsUnknown: true })}
        />
      </View>
      <FieldError problems={problems} name="child.whereaboutsUnknown" />
    </View>
  );
}

/** The hotline operator's version: short keys to tap while the caller talks. */
export function QuickSituationsStep({ form, update, problems }: StepProps) {
  return (
    <View className="section">
      <Text className="section-title">来电反映的情况（可多选）</Text>
      <View className="quick-keys">
        {SITUATION_CODES.map((code) => (
          <View
            key={code}
            className={`quick-key ${form.situations.includes(code) ? 'quick-key-selected' : ''}`}
            onClick={() => update({ situations: toggleSituation(form.situations, code) })}
          >
            <Text>{SITUATION_SHORT_LABELS[code]}</Text>
          </View>
        ))}
      </View>
      <FieldError problems={problems} name="situations" />
      <WhereaboutsQuestion form={form} update={update} problems={problems} />
    </View>
  );
}

export function PlaceStep({ form, update, problems }: StepProps) {
  const [locating, setLocating] = useState(false);
  const [locationProblem, setLocationProblem] = useState('');

  async function locate() {
    setLocating(true);
    setLocationProblem('');
    try {
      update({ position: await currentPosition() });
    } catch (error) {
      setLocationProblem(
        error instanceof LocationUnavailable ? error.message : '没有取得位置，请直接填写地址',
      );
    } finally {
      setLocating(false);
    }
  }

  return (
    <View className="section">
      <Text className="section-title">孩子在哪里？</Text>
      <Text className="field-label">所在地区（选到乡镇或村，报告会送到当地）</Text>
      <DivisionPicker
        path={form.division}
        onChange={(division) => update({ division })}
        invalid={'location.divisionCode' in problems}
      />
      <FieldError problems={problems} name="location.divisionCode" />
      <Text className="field-label">详细地址（选填）</Text>
      <Input
        className={`input report-address${invalidClass(problems, 'location.address')}`}
        value={form.address}
        maxlength={inputMaxLength(TEXT_LIMITS.locationAddress)}
        placeholder="如：某镇某村三组"
        onInput={(e) => update({ address: e.detail.value })}
      />
      <FieldError problems={problems} name="location.address" />
      {form.position ? (
        <View className="located">
          <Text className="hint report-located">已标记当前位置</Text>
          <Text className="link" onClick={() => update({ position: null })}>
            不用位置
          </Text>
        </View>
      ) : (
        <View
          className="big-button big-button-secondary report-locate"
          onClick={() => !locating && void locate()}
        >
          <Text>{locating ? '正在获取位置…' : '使用我现在的位置（选填）'}</Text>
          <Text className="big-button-note">人就在孩子附近时用，方便民警找到</Text>
        </View>
      )}
      {locationProblem !== '' && <Text className="error-line">{locationProblem}</Text>}
      <FieldError problems={problems} name="location.latitude" />
      <FieldError problems={problems} name="location.longitude" />
    </View>
  );
}

export function ChildStep({ form, update, problems }: StepProps) {
  const child = form.child;
  const set = (patch: Partial<ChildForm>) => update({ child: { ...child, ...patch } });
  return (
    <View className="section">
      <Text className="section-title">孩子的情况</Text>
      <Text className="hint">知道多少填多少，都不知道也可以直接下一步。</Text>
      <Text className="field-label">姓名或小名</Text>
      <Input
        className={`input report-child-name${invalidClass(problems, 'child.name')}`}
        value={child.name}
        maxlength={inputMaxLength(TEXT_LIMITS.childName)}
        onInput={(e) => set({ name: e.detail.value })}
      />
      <FieldError problems={problems} name="child.name" />
      <Text className="field-label">性别</Text>
      <View className="choice-row">
        {GENDERS.map((gender) => (
          <Choice
            key={gender}
            label={GENDER_LABELS[gender]}
            selected={child.gender === gender}
            onSelect={() => set({ gender: child.gender === gender ? '' : gender })}
          />
        ))}
      </View>
      <FieldError problems={problems} name="child.gender" />
      <Text className="field-label">大概几岁</Text>
      <Input
        className={`input report-child-age${invalidClass(problems, 'child.ageYears')}`}
        type="number"
        value={child.age}
        maxlength={String(CHILD_AGE_YEARS.max).length}
        placeholder="如：9"
        onInput={(e) => set({ age: e.detail.value })}
      />
      <FieldError problems={problems} name="child.ageYears" />
      <Text className="field-label">出生日期（知道再填）</Text>
      <Picker
        mode="date"
        value={child.birthDate || '2015-01-01'}
        end={shanghaiDate(serverNow())}
        onChange={(e) => set({ birthDate: String(e.detail.value) })}
      >
        <View
          className={`input picker-field report-child-birth-date${invalidClass(problems, 'child.birthDate')}`}
        >
          <Text>{child.birthDate ? chineseDate(child.birthDate) : '点此选择'}</Text>
        </View>
      </Picker>
      <FieldError problems={problems} name="child.birthDate" />
      <Text className="field-label">学校和班级</Text>
      <Input
        className={`input report-child-school${invalidClass(problems, 'child.school')}`}
        value={child.school}
        maxlength={inputMaxLength(TEXT_LIMITS.childSchool)}
        placeholder="如：某某小学三年级"
        onInput={(e) => set({ school: e.detail.value })}
      />
      <FieldError problems={problems} name="child.school" />
    </View>
  );
}

export function StoryStep({
  form,
  update,
  problems,
  onEvidence,
}: StepProps & { onEvidence: (change: (current: Evidence[]) => Evidence[]) => void }) {
  const today = shanghaiDate(serverNow());
  const counter = descriptionCounter(form.description);
  return (
    <View className="section">
      <Text className="section-title">发生了什么</Text>
      <Text className="hint">写下您看到或听到的：什么时候、在哪里、孩子现在怎样、谁在照顾。</Text>
      <Textarea
        className={`textarea report-description${invalidClass(problems, 'description')}`}
        value={form.description}
        maxlength={inputMaxLength(TEXT_LIMITS.reportDescription)}
        placeholder="例如：孩子这周一直没来上学，家里电话打不通……"
        onInput={(e) => update({ description: e.detail.value })}
      />
      <Text className={`counter report-counter ${counter.short ? 'counter-short' : ''}`}>
        {counter.text}
      </Text>
      <FieldError problems={problems} name="description" />
      <Text className="field-label">哪天知道的</Text>
      <Picker
        mode="date"
        value={form.discoveredOn || today}
        end={today}
        onChange={(e) => update({ discoveredOn: String(e.detail.value) })}
      >
        <View
          className={`input picker-field report-discovered${invalidClass(problems, 'discoveredAt')}`}
        >
          <Text>
            {!form.discoveredOn || form.discoveredOn === today
              ? '今天'
              : chineseDate(form.discoveredOn)}
          </Text>
        </View>
      </Picker>
      <FieldError problems={problems} name="discoveredAt" />
      <Text className="field-label">照片或视频（选填，最多9个，只给办理部门看）</Text>
      <EvidencePicker evidence={form.evidence} onUpdate={onEvidence} />
      <FieldError problems={problems} name="attachments" />
    </View>
  );
}

const IDENTITIES: { value: Identity; label: string }[] = REPORTER_IDENTITIES.map((value) => ({
  value,
  label: REPORTER_IDENTITY_TEXTS[value].label,
}));

function ContactFields({
  form,
  update,
  problems,
  nameLabel,
  phoneLabel,
}: StepProps & { nameLabel: string; phoneLabel: string }) {
  return (
    <View>
      <Text className="field-label">{nameLabel}</Text>
      <Input
        className={`input report-reporter-name${invalidClass(problems, 'reporter.name')}`}
        value={form.reporterName}
        maxlength={inputMaxLength(TEXT_LIMITS.reporterName)}
        onInput={(e) => update({ reporterName: e.detail.value })}
      />
      <FieldError problems={problems} name="reporter.name" />
      <Text className="field-label">{phoneLabel}</Text>
      {/* Not type="number": its keyboard has no + or space, and H5 drops a pasted +86 138 0000 0000. */}
      <Input
        className={`input report-reporter-phone${invalidClass(problems, 'reporter.phone')}`}
        value={form.reporterPhone}
        maxlength={PHONE_MAX_LENGTH}
        onInput={(e) => update({ reporterPhone: e.detail.value })}
      />
      <FieldError problems={problems} name="reporter.phone" />
    </View>
  );
}

export function ReporterStep({
  form,
  update,
  problems,
  orgName,
}: StepProps & { orgName?: string }) {
  return (
    <View className="section">
      <Text className="section-title">您的身份</Text>
      {orgName && <Text className="hint report-org">以“{orgName}”的名义强制报告。</Text>}
      <Text className="hint">报告人受法律保护。留下电话，办理人员核实情况时能找到您。</Text>
      {IDENTITIES.map((identity) => (
        <Choice
          key={identity.value}
          label={identity.label}
          selected={form.identity === identity.value}
          onSelect={() => update({ identity: identity.value })}
        />
      ))}
      <IdentityProblems problems={problems} />
      <Text className="hint report-identity-meaning">
        {REPORTER_IDENTITY_TEXTS[form.identity].explanation}
      </Text>
      {form.identity !== 'anonymous' && (
        <ContactFields
          form={form}
          update={update}
          problems={problems}
          nameLabel="姓名（选填）"
          phoneLabel="电话（选填，方便核实情况）"
        />
      )}
    </View>
  );
}

/** The hotline operator records the caller; a caller may decline to say who they are. */
export function CallerStep({ form, update, problems }: StepProps) {
  const declined = form.identity === 'anonymous';
  return (
    <View className="section">
      <Text className="section-title">来电人</Text>
      <Choice
        label="来电人不愿透露身份"
        selected={declined}
        multiple
        onSelect={() => update({ identity: declined ? 'confidential' : 'anonymous' })}
      />
      <IdentityProblems problems={problems} />
      {!declined && (
        <View>
          <Text className="hint">来电人的身份只给公安和联席办看。</Text>
          <ContactFields
            form={form}
            update={update}
            problems={problems}
            nameLabel="来电人姓名"
            phoneLabel="来电号码"
          />
          {offersSmsConsent(form) && (
            <Choice
              label="同意接收短信通知（受理、办结）"
              selected={form.smsConsent}
              multiple
              onSelect={() => update({ smsConsent: !form.smsConsent })}
            />
          )}
          <FieldError problems={problems} name="reporter.smsConsent" />
        </View>
      )}
    </View>
  );
}

/** Refusals of the reporter's identity as a whole (匿名/保密/实名), under its choices. */
function IdentityProblems({ problems }: { problems: FieldProblems }) {
  return (
    <>
      <FieldError problems={problems} name="reporter" />
      <FieldError problems={problems} name="reporter.anonymous" />
      <FieldError problems={problems} name="reporter.confidential" />
    </>
  );
}

function childSummary(child: ChildForm): string {
  const parts = [
    child.name.trim(),
    child.gender ? GENDER_LABELS[child.gender] : '',
    child.age.trim() ? `${child.age.trim()}岁` : '',
    child.birthDate ? `${chineseDate(child.birthDate)}出生` : '',
    child.school.trim(),
  ].filter((part) => part !== '');
  return parts.length > 0 ? parts.join('，') : '未填写';
}

function identitySummary(form: ReportForm): string {
  const label = IDENTITIES.find((i) => i.value === form.identity)?.label.split('：')[0] ?? '';
  if (form.identity === 'anonymous') return label;
  const contact = [form.reporterName.trim(), form.reporterPhone.trim()].filter(Boolean).join(' ');
  return contact ? `${label}（${contact}）` : label;
}

export function ReviewStep({ form, onEdit }: { form: ReportForm; onEdit: (step: number) => void }) {
  const rows: { step: number; label: string; value: string }[] = [
    { step: 0, label: '危险', value: form.immediateDanger ? '有危险' : '没有' },
    {
      step: 1,
      label: '情况',
      value: [
        ...form.situations.map((code) => situation(code).plainLabel),
        ...(asksWhereabouts(form) && form.whereaboutsUnknown ? ['不知道孩子现在在哪里'] : []),
      ].join('；'),
    },
    {
      step: 2,
      label: '地点',
      value: [
        form.division.map((d) => d.name).join(' '),
        form.address.trim(),
        form.position ? '已标记位置' : '',
      ]
        .filter(Boolean)
        .join('，'),
    },
    { step: 3, label: '孩子', value: childSummary(form.child) },
    {
      step: 4,
      label: '经过',
      value: `${form.description.trim()}${form.evidence.length ? `（附${form.evidence.length}个文件）` : ''}`,
    },
    { step: 5, label: '身份', value: identitySummary(form) },
  ];
  return (
    <View className="section report-review">
      <Text className="section-title">请核对后提交</Text>
      {rows.map((row) => (
        <View key={row.label} className="review-row" onClick={() => onEdit(row.step)}>
          <View className="review-head">
            <Text className="review-label">{row.label}</Text>
            <Text className="link">修改</Text>
          </View>
          <Text className="review-value">{row.value}</Text>
        </View>
      ))}
      <Text className="hint">
        共{REPORT_STEPS.length - 1}项。提交后报告会立即送到负责的部门，您会拿到一个查询码。
      </Text>
    </View>
  );
}
