import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import {
  CHILD_AGE_YEARS,
  CHILD_CATEGORIES,
  CHILD_CATEGORY_LABELS,
  GENDERS,
  GENDER_LABELS,
  HELP_KINDS,
  HELP_KIND_LABELS,
  PHONE_MAX_LENGTH,
  TEXT_LIMITS,
  chineseDate,
  inputMaxLength,
  shanghaiDate,
  type TextLimit,
} from '@shouhu/shared';
import { Choice } from '../../components/choice';
import { FieldError, invalidClass, useScrollToFirstError } from '../../components/field-error';
import { placeProblems, type FieldProblems } from '../../components/form-problems';
import { PageState } from '../../components/page-state';
import { ApiError, failureText, refusalOf } from '../../services/api-error';
import { createChildFile, fetchChildFile, updateChildFile } from '../../services/children';
import { clearFileDraft, loadFileDraft, saveFileDraft } from '../../services/file-drafts';
import { serverNow } from '../../services/server-clock';
import { currentUser } from '../../services/session';
import {
  drawnFileFields,
  emptyFileForm,
  emptyHelp,
  fileFormProblems,
  formOfFile,
  toCreateRequest,
  toUpdateRequest,
  toggleCategory,
  type FileForm,
  type HelpForm,
  type PersonForm,
} from '../file-form';
import { ScopePicker } from '../scope-picker';
import '../../staff/staff.css';
import '../children.css';

function TextInput({
  label,
  name,
  value,
  limit,
  problems,
  placeholder,
  onInput,
}: {
  label: string;
  name: string;
  value: string;
  limit: TextLimit;
  problems: FieldProblems;
  placeholder?: string;
  onInput: (value: string) => void;
}) {
  return (
    <>
      <Text className="field-label">{label}</Text>
      <Input
        className={`input edit-${name.replace(/\./g, '-')}${invalidClass(problems, name)}`}
        value={value}
        maxlength={inputMaxLength(limit)}
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
      />
      <FieldError problems={problems} name={name} />
    </>
  );
}

function PersonFields({
  title,
  prefix,
  person,
  nameLimit,
  problems,
  onChange,
}: {
  title: string;
  prefix: 'guardian' | 'carer';
  person: PersonForm;
  nameLimit: TextLimit;
  problems: FieldProblems;
  onChange: (person: PersonForm) => void;
}) {
  return (
    <View className={`section edit-${prefix}`}>
      <Text className="section-title">{title}</Text>
      <TextInput
        label="姓名"
        name={`${prefix}.name`}
        value={person.name}
        limit={nameLimit}
        problems={problems}
        onInput={(name) => onChange({ ...person, name })}
      />
      <Text className="field-label">电话</Text>
      <Input
        className={`input edit-phone edit-${prefix}-phone${invalidClass(problems, `${prefix}.phone`)}`}
        value={person.phone}
        maxlength={PHONE_MAX_LENGTH}
        placeholder="手机号或带区号的固定电话"
        onInput={(e) => onChange({ ...person, phone: e.detail.value })}
      />
      <FieldError problems={problems} name={`${prefix}.phone`} />
      <TextInput
        label="与孩子的关系"
        name={`${prefix}.relation`}
        value={person.relation}
        limit={TEXT_LIMITS.familyRelation}
        problems={problems}
        placeholder="如：母亲、祖父"
        onInput={(relation) => onChange({ ...person, relation })}
      />
    </View>
  );
}

function HelpRow({
  help,
  index,
  today,
  problems,
  onChange,
  onRemove,
}: {
  help: HelpForm;
  index: number;
  today: string;
  problems: FieldProblems;
  onChange: (help: HelpForm) => void;
  onRemove: () => void;
}) {
  const at = (field: string) => `help.${index}.${field}`;
  return (
    <View className="help-row">
      <Text className="field-label">帮扶措施 {index + 1}</Text>
      <View className="choice-row choice-wrap">
        {HELP_KINDS.map((kind) => (
          <Choice
            key={kind}
            label={HELP_KIND_LABELS[kind]}
            selected={help.kind === kind}
            onSelect={() => onChange({ ...help, kind })}
          />
        ))}
      </View>
      <FieldError problems={problems} name={at('kind')} />
      <Text className="field-label">从哪天开始</Text>
      <Picker
        mode="date"
        value={help.since || today}
        end={today}
        onChange={(e) => onChange({ ...help, since: String(e.detail.value) })}
      >
        <View className={`input picker-field help-since${invalidClass(problems, at('since'))}`}>
          <Text>{help.since ? chineseDate(help.since) : '点此选择'}</Text>
        </View>
      </Picker>
      <FieldError problems={problems} name={at('since')} />
      <TextInput
        label="帮扶人或单位"
        name={at('provider')}
        value={help.provider}
        limit={TEXT_LIMITS.helpProvider}
        problems={problems}
        placeholder="如：城关小学王老师、县民政局"
        onInput={(provider) => onChange({ ...help, provider })}
      />
      <Text className="field-label">说明（选填）</Text>
      <Textarea
        className={`textarea help-note${invalidClass(problems, at('note'))}`}
        value={help.note}
        maxlength={inputMaxLength(TEXT_LIMITS.helpNote)}
        onInput={(e) => onChange({ ...help, note: e.detail.value })}
      />
      <FieldError problems={problems} name={at('note')} />
      <View className="big-button big-button-secondary help-remove" onClick={onRemove}>
        <Text>删除这项帮扶</Text>
      </View>
    </View>
  );
}

/** The server names the school of a change at the top level; the form keeps it with the child. */
function fieldOf(serverField: string): string {
  return serverField === 'school' ? 'child.school' : serverField;
}

/** 新建档案 (摸排) or 编辑档案: the same form; a new file's draft is kept on the phone as it is typed. */
export default function EditChildFilePage() {
  const { id = '' } = useRouter().params;
  const creating = id === '';
  const user = currentUser();
  const prefixes = user?.unitDivisionPrefixes ?? [];
  const ownVillage =
    user?.unitDepartment === 'village' && prefixes.length === 1
      ? [{ code: prefixes[0], name: user.unitName ?? '本村' }]
      : [];
  const [form, setForm] = useState<FileForm | null>(() =>
    creating ? (loadFileDraft() ?? emptyFileForm(ownVillage)) : null,
  );
  const [loadError, setLoadError] = useState<string | null>(null);
  const [mayEdit, setMayEdit] = useState(true);
  /** The Beijing day the file was opened: the child was born by then. */
  const [openedOn, setOpenedOn] = useState<string | undefined>(undefined);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [existing, setExisting] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const today = shanghaiDate(serverNow());
  const scrollToFirstError = useScrollToFirstError();

  useEffect(() => {
    if (creating) return;
    fetchChildFile(id).then(
      (file) => {
        setForm(formOfFile(file));
        setMayEdit(file.mayEdit);
        setOpenedOn(shanghaiDate(new Date(file.createdAt)));
      },
      (e) => setLoadError(failureText(e, '加载失败，请稍后再试')),
    );
  }, [creating, id]);

  if (loadError || !form) return <PageState error={loadError} errorClass="edit-error" />;
  if (!mayEdit)
    return <PageState error="你可以查看这份档案，但不能修改。" errorClass="edit-error" />;

  function update(patch: Partial<FileForm>) {
    setForm((current) => {
      const next = { ...current!, ...patch };
      if (creating) saveFileDraft(next);
      return next;
    });
  }
  const setChild = (patch: Partial<FileForm['child']>) =>
    update({ child: { ...form.child, ...patch } });
  const setHelp = (index: number, help: HelpForm) =>
    update({ help: form.help.map((h, i) => (i === index ? help : h)) });

  async function save(current: FileForm) {
    const found = fileFormProblems(current, today, creating, openedOn);
    setProblems(found);
    setGeneral([]);
    setExisting(null);
    if (Object.keys(found).length > 0) {
      setGeneral(['还有内容需要修改，请看标红的地方']);
      scrollToFirstError();
      return;
    }
    setBusy(true);
    try {
      const saved = creating
        ? await createChildFile(toCreateRequest(current))
        : (await updateChildFile(id, toUpdateRequest(current)), { id });
      if (creating) clearFileDraft();
      void Taro.showToast({ title: creating ? '已建档' : '已保存', icon: 'success' });
      void Taro.redirectTo({ url: `/children/file/index?id=${saved.id}` });
    } catch (e) {
      const refusal = refusalOf(e, '保存失败，请检查网络后再试');
      const placed = placeProblems(
        {},
        {
          ...refusal,
          fields: Object.fromEntries(
            Object.entries(refusal.fields).map(([field, text]) => [fieldOf(field), text]),
          ),
        },
        drawnFileFields(current, creating),
      );
      setProblems(placed.fields);
      if (Object.keys(placed.fields).length > 0) scrollToFirstError();
      // The message stays by 保存, with what no field shows.
      setGeneral([...new Set([refusal.message, ...placed.lines])]);
      if (e instanceof ApiError && (e.code as string) === 'CHILD_FILE_EXISTS')
        setExisting(e.fileId ?? '');
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="page edit-page">
      <View className="section edit-place">
        <Text className="section-title">孩子在哪个村</Text>
        {creating ? (
          <>
            <ScopePicker
              prefixes={prefixes}
              ownName={user?.unitName ?? ''}
              path={form.division}
              onChange={(division) => update({ division })}
            />
            <FieldError problems={problems} name="divisionCode" />
          </>
        ) : (
          <Text className="hint">
            {form.division.map((d) => d.name).join(' ')}（换村请在档案页点“迁到其他村”）
          </Text>
        )}
      </View>

      <View className="section edit-child">
        <Text className="section-title">孩子</Text>
        <TextInput
          label="姓名"
          name="child.name"
          value={form.child.name}
          limit={TEXT_LIMITS.childName}
          problems={problems}
          onInput={(name) => setChild({ name })}
        />
        <Text className="field-label">性别</Text>
        <View className="choice-row">
          {GENDERS.map((gender) => (
            <Choice
              key={gender}
              label={GENDER_LABELS[gender]}
              selected={form.child.gender === gender}
              onSelect={() => setChild({ gender: form.child.gender === gender ? '' : gender })}
            />
          ))}
        </View>
        <FieldError problems={problems} name="child.gender" />
        <Text className="field-label">出生日期</Text>
        <Picker
          mode="date"
          value={form.child.birthDate || '2015-01-01'}
          end={openedOn ?? today}
          onChange={(e) => setChild({ birthDate: String(e.detail.value) })}
        >
          <View
            className={`input picker-field edit-birth-date${invalidClass(problems, 'child.birthDate')}`}
          >
            <Text>{form.child.birthDate ? chineseDate(form.child.birthDate) : '点此选择'}</Text>
          </View>
        </Picker>
        <FieldError problems={problems} name="child.birthDate" />
        <Text className="field-label">不知道出生日期时，填年龄（周岁）</Text>
        <Input
          className={`input edit-child-age${invalidClass(problems, 'child.ageYears')}`}
          type="number"
          value={form.child.age}
          maxlength={String(CHILD_AGE_YEARS.max).length}
          placeholder="如：9"
          onInput={(e) => setChild({ age: e.detail.value })}
        />
        <FieldError problems={problems} name="child.ageYears" />
        <Text className="field-label">身份证号</Text>
        <Input
          className={`input edit-child-idNumber${invalidClass(problems, 'child.idNumber')}`}
          type="idcard"
          value={form.child.idNumber}
          placeholder="18位，最后一位可能是X"
          onInput={(e) => setChild({ idNumber: e.detail.value })}
        />
        <FieldError problems={problems} name="child.idNumber" />
        <TextInput
          label="学校和班级"
          name="child.school"
          value={form.child.school}
          limit={TEXT_LIMITS.childSchool}
          problems={problems}
          placeholder="如：某某小学三年级"
          onInput={(school) => setChild({ school })}
        />
      </View>

      <View className="section edit-categories">
        <Text className="section-title">类别（可多选）</Text>
        <Text className="hint">不确定可以先不选，档案会显示“类别待核实”。</Text>
        {CHILD_CATEGORIES.map((category) => (
          <Choice
            key={category}
            multiple
            label={CHILD_CATEGORY_LABELS[category]}
            selected={form.categories.includes(category)}
            onSelect={() => update({ categories: toggleCategory(form.categories, category) })}
          />
        ))}
        <FieldError problems={problems} name="categories" />
      </View>

      <PersonFields
        title="监护人"
        prefix="guardian"
        person={form.guardian}
        nameLimit={TEXT_LIMITS.guardianName}
        problems={problems}
        onChange={(guardian) => update({ guardian })}
      />
      <PersonFields
        title="委托照护人（父母外出时照看孩子的人）"
        prefix="carer"
        person={form.carer}
        nameLimit={TEXT_LIMITS.carerName}
        problems={problems}
        onChange={(carer) => update({ carer })}
      />

      <View className="section edit-help">
        <Text className="section-title">帮扶措施</Text>
        {form.help.length === 0 && <Text className="hint">还没有帮扶措施，有的话点下面添加。</Text>}
        <FieldError problems={problems} name="help" />
        {form.help.map((help, index) => (
          <HelpRow
            key={index}
            help={help}
            index={index}
            today={today}
            problems={problems}
            onChange={(next) => setHelp(index, next)}
            onRemove={() => update({ help: form.help.filter((_, i) => i !== index) })}
          />
        ))}
        <View
          className="big-button big-button-secondary help-add"
          onClick={() => update({ help: [...form.help, emptyHelp()] })}
        >
          <Text>添加帮扶措施</Text>
        </View>
      </View>

      {general.length > 0 && (
        <View className="error-box edit-problems">
          {general.map((line) => (
            <Text key={line} className="error-line">
              {line}
            </Text>
          ))}
          {existing && (
            <View
              className="big-button big-button-secondary edit-existing"
              onClick={() => void Taro.redirectTo({ url: `/children/file/index?id=${existing}` })}
            >
              <Text>查看已有档案</Text>
            </View>
          )}
        </View>
      )}

      <View className="step-nav edit-nav">
        <View
          className={`big-button big-button-primary edit-save ${busy ? 'big-button-disabled' : ''}`}
          onClick={() => !busy && void save(form)}
        >
          <Text>{busy ? '正在保存…' : creating ? '建档' : '保存'}</Text>
        </View>
      </View>
    </View>
  );
}
