import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import {
  ORG_TYPES,
  ORG_TYPE_LABELS,
  TEXT_LIMITS,
  PHONE_MAX_LENGTH,
  inputMaxLength,
  INSTITUTION_MESSAGES,
  institutionProblems,
  type CreateInstitutionRequest,
  type Institution,
  type OrgType,
} from '@shouhu/shared';
import { BackHome } from '../../components/back-home';
import { FieldError } from '../../components/field-error';
import { INCOMPLETE_ADDRESS, PageState } from '../../components/page-state';
import { ApiError, failureText } from '../../services/api-error';
import type { Division } from '../../services/divisions';
import { createInstitution, updateInstitution } from '../../services/institutions';
import { currentUser, keepsRegister } from '../../services/session';
import { ScopePicker } from '../../children/scope-picker';
import { institutionHandedOver, noteRegisterChanged } from '../register-changes';
import '../../children/children.css';
import '../../components/division-picker.css';
import '../register.css';

interface InstitutionForm {
  name: string;
  type: OrgType | '';
  place: Division[];
  contactName: string;
  contactPhone: string;
}

/** The field of the API (and of its refusals) each box of the form fills. */
const FIELD_OF_BOX: Record<keyof InstitutionForm, string> = {
  name: 'name',
  type: 'type',
  place: 'divisionCode',
  contactName: 'contactName',
  contactPhone: 'contactPhone',
};

function formOf(institution: Institution | null): InstitutionForm {
  if (!institution) return { name: '', type: '', place: [], contactName: '', contactPhone: '' };
  return {
    name: institution.name,
    type: institution.type,
    place: [{ code: institution.divisionCode, name: institution.placeName }],
    contactName: institution.contactName ?? '',
    contactPhone: institution.contactPhone ?? '',
  };
}

/** The body of the form as `POST /institutions` takes it; an empty contact is left out. */
function requestOf(form: InstitutionForm): CreateInstitutionRequest {
  return {
    name: form.name.trim(),
    type: form.type as OrgType,
    divisionCode: form.place[form.place.length - 1]?.code ?? '',
    ...(form.contactName.trim() ? { contactName: form.contactName.trim() } : {}),
    ...(form.contactPhone.trim() ? { contactPhone: form.contactPhone.trim() } : {}),
  };
}

/**
 * Problems of the form (shared `institutionProblems`, the server's rule), `type` and
 * `divisionCode` named when nothing was chosen yet. The place picker offers only divisions that
 * exist, within the coordinator's county; the server checks both again.
 */
function formProblems(form: InstitutionForm, countyCode: string): Record<string, string> {
  const problems: Record<string, string> = {
    ...institutionProblems(requestOf(form), { countyCode, divisionExists: () => true }),
  };
  if (form.type === '') problems.type = INSTITUTION_MESSAGES.typeMissing;
  if (form.place.length === 0) problems.divisionCode = INSTITUTION_MESSAGES.divisionMissing;
  return problems;
}

/** Adds an institution to the county's register, or changes one (`?id=`, tapped on the list). */
export default function InstitutionEditPage() {
  const { id } = useRouter().params;
  const user = currentUser();
  const editing = id ? institutionHandedOver(id) : null;
  const [form, setForm] = useState<InstitutionForm>(() => formOf(editing));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  if (!keepsRegister(user)) {
    return <PageState error="名录由县联席办协调员维护。如果您是，请先在首页绑定单位。" />;
  }
  if (id && !editing) return <PageState error={INCOMPLETE_ADDRESS} />;

  /** A box changed: its red mark goes, the others stay until the next 保存. */
  const change = (next: Partial<InstitutionForm>) => {
    setForm({ ...form, ...next });
    const changed = new Set(
      Object.keys(next).map((box) => FIELD_OF_BOX[box as keyof InstitutionForm]),
    );
    setProblems((found) =>
      Object.fromEntries(Object.entries(found).filter(([field]) => !changed.has(field))),
    );
  };

  async function save() {
    if (saving) return;
    const found = formProblems(form, (user?.unitDivisionPrefixes?.[0] ?? '').slice(0, 6));
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const body = requestOf(form);
    setSaving(true);
    setError(null);
    try {
      if (editing) {
        await updateInstitution(editing.id, {
          ...body,
          contactName: body.contactName ?? null,
          contactPhone: body.contactPhone ?? null,
        });
      } else {
        await createInstitution(body);
      }
      noteRegisterChanged();
      void Taro.showToast({ title: '已保存', icon: 'success' });
      void Taro.navigateBack();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setProblems({ name: e.message });
      } else if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0) {
        setProblems(e.fieldErrors);
        setError(e.message);
      } else {
        setError(failureText(e, '没有保存成功，请稍后再试；填写的内容还在'));
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <View className="page">
      <View className="section">
        <Text className="section-title">{editing ? '修改机构信息' : '新增机构'}</Text>
        <Text className="field-label">机构名称</Text>
        <Input
          className="input institution-name"
          value={form.name}
          maxlength={inputMaxLength(TEXT_LIMITS.institutionName)}
          placeholder="如：泗县第一中学"
          onInput={(e) => change({ name: e.detail.value })}
        />
        <FieldError problems={problems} name="name" />
        <Text className="field-label">单位类型</Text>
        <View className="choice-wrap">
          {ORG_TYPES.map((t) => (
            <View
              key={t}
              className={`chip chip-choice institution-type-${t} ${form.type === t ? 'chip-selected' : ''}`}
              onClick={() => change({ type: t })}
            >
              <Text>{ORG_TYPE_LABELS[t]}</Text>
            </View>
          ))}
        </View>
        <FieldError problems={problems} name="type" />
        <Text className="field-label">所在乡镇、村（社区）</Text>
        <ScopePicker
          prefixes={user?.unitDivisionPrefixes ?? []}
          ownName=""
          path={form.place}
          onChange={(place) => change({ place })}
          offerWhole
        />
        <FieldError problems={problems} name="divisionCode" />
        <Text className="field-label">联系人（可不填）</Text>
        <Input
          className="input institution-contact-name"
          value={form.contactName}
          maxlength={inputMaxLength(TEXT_LIMITS.institutionContactName)}
          onInput={(e) => change({ contactName: e.detail.value })}
        />
        <FieldError problems={problems} name="contactName" />
        <Text className="field-label">联系电话（可不填）</Text>
        <Input
          className="input institution-contact-phone"
          value={form.contactPhone}
          maxlength={PHONE_MAX_LENGTH}
          placeholder="手机号或带区号的固定电话"
          onInput={(e) => change({ contactPhone: e.detail.value })}
        />
        <FieldError problems={problems} name="contactPhone" />
      </View>
      {error && (
        <View className="error-box institution-error">
          <Text className="error-line">{error}</Text>
          <BackHome />
        </View>
      )}
      <View className="big-button big-button-primary institution-save" onClick={() => void save()}>
        <Text>{saving ? '正在保存…' : '保存'}</Text>
      </View>
    </View>
  );
}
