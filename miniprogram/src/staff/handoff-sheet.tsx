import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import {
  DEPARTMENT_LABELS,
  TEXT_LIMITS,
  handoffDepartments,
  handoffReasonsFrom,
  handoffRefusal,
  inputMaxLength,
  textLength,
  type HandoffRequest,
  type OrderStatus,
  type OrderSummary,
  type ReceivingDepartment,
} from '@shouhu/shared';
import { Choice } from '../components/choice';
import { ConfirmDialog } from '../components/confirm-dialog';
import { FieldError, invalidClass } from '../components/field-error';
import { placeProblems, type FieldProblems } from '../components/form-problems';
import { Sheet } from '../components/sheet';
import type { Refusal } from '../services/api-error';
import {
  handoffProblems,
  handoffQuestion,
  handoffRequest,
  type HandoffValues,
} from './handoff-form';

interface HandoffSheetProps {
  order: OrderSummary;
  /** Every order of the report (this one too): a department already working it is not offered. */
  reportOrders: readonly { department: ReceivingDepartment; status: OrderStatus }[];
  busy: boolean;
  /** The server's refusal of the last 转接 sent, drawn at the fields it names. */
  refusal: Refusal | null;
  onSubmit: (body: HandoffRequest) => void;
  onClose: () => void;
}

/**
 * 转接: bring another department in. The cases the notices name are one tap (the department and
 * the reason filled, both still editable); any other is a department and a reason typed.
 */
export function HandoffSheet({
  order,
  reportOrders,
  busy,
  refusal,
  onSubmit,
  onClose,
}: HandoffSheetProps) {
  // The server's own rule (shared `handoffRefusal`), so the sheet offers only what it would take.
  const offered = (department: ReceivingDepartment) =>
    handoffRefusal(order, department, reportOrders) === null;
  const presets = handoffReasonsFrom(order.department).filter((p) => offered(p.department));
  const departments = handoffDepartments(order.department).filter(offered);
  const [values, setValues] = useState<HandoffValues>({ department: '', reason: '' });
  const [own, setOwn] = useState<FieldProblems>({});
  const [confirming, setConfirming] = useState(false);
  const problems = placeProblems(own, refusal, ['department', 'reason']);

  function ask() {
    const found = handoffProblems(values);
    setOwn(found);
    if (Object.keys(found).length === 0) setConfirming(true);
  }

  return (
    <>
      <Sheet
        title="转接"
        className="handoff-sheet"
        problems={problems.lines}
        submitText="转接"
        busy={busy}
        onSubmit={ask}
        onClose={onClose}
      >
        <Text className="hint">请其他部门协办：对方会收到一张协办工单，本工单照常办理。</Text>
        {departments.length === 0 && (
          <Text className="hint handoff-none">其他部门都已有这份报告未办结的工单，无需转接。</Text>
        )}
        {presets.length > 0 && <Text className="field-label">常见情形（点一下自动填好）</Text>}
        {presets.map((preset) => (
          <View
            key={preset.code}
            className={`big-button big-button-secondary handoff-preset handoff-preset-${preset.code}`}
            onClick={() => setValues({ department: preset.department, reason: preset.reason })}
          >
            <Text>{preset.label}</Text>
          </View>
        ))}
        <Text className="field-label">请哪个部门协办</Text>
        {departments.map((department) => (
          <Choice
            key={department}
            label={DEPARTMENT_LABELS[department]}
            selected={values.department === department}
            onSelect={() => setValues((v) => ({ ...v, department }))}
          />
        ))}
        <FieldError problems={problems.fields} name="department" />
        <Text className="field-label">转接原因（对方会看到）</Text>
        <Textarea
          className={`textarea handoff-reason${invalidClass(problems.fields, 'reason')}`}
          value={values.reason}
          maxlength={inputMaxLength(TEXT_LIMITS.handoffReason)}
          placeholder="写明需要对方做什么"
          onInput={(e) => setValues((v) => ({ ...v, reason: e.detail.value }))}
        />
        <Text className="counter">
          {textLength(values.reason)}/{TEXT_LIMITS.handoffReason.max}
        </Text>
        <FieldError problems={problems.fields} name="reason" />
      </Sheet>
      <ConfirmDialog
        visible={confirming}
        title="转接"
        content={values.department ? handoffQuestion(values.department) : ''}
        confirmText="确认"
        onConfirm={() => {
          setConfirming(false);
          onSubmit(handoffRequest(values));
        }}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
