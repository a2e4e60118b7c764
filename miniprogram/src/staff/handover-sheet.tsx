import { useState } from 'react';
import { Input, Picker, Text, View } from '@tarojs/components';
import {
  TEXT_LIMITS,
  beijingTimeOfDay,
  chineseDate,
  inputMaxLength,
  shanghaiDate,
  type GuardianshipHandoverRequest,
} from '@shouhu/shared';
import { ConfirmDialog } from '../components/confirm-dialog';
import { FieldError, invalidClass } from '../components/field-error';
import { placeProblems, type FieldProblems } from '../components/form-problems';
import { Sheet } from '../components/sheet';
import type { Refusal } from '../services/api-error';
import { serverNow } from '../services/server-clock';
import { handoverProblems, handoverRequest, type HandoverValues } from './handoff-form';

interface HandoverSheetProps {
  busy: boolean;
  /** The server's refusal of the last handover sent, drawn at the fields it names. */
  refusal: Refusal | null;
  onSubmit: (body: GuardianshipHandoverRequest) => void;
  onClose: () => void;
}

const TEXTS = [
  { name: 'handedOverBy', label: '交出人（姓名、单位职务）', placeholder: '如：泗城派出所 张警官' },
  { name: 'receivedBy', label: '接收人（姓名、单位职务）', placeholder: '如：县民政局 刘科长' },
  { name: 'placedAt', label: '安置地点', placeholder: '如：县未成年人救助保护中心、亲属家' },
] as const;

/** The fields the sheet draws, as the server names them. */
const FIELDS = ['at', ...TEXTS.map((field) => field.name)];

/** 书面交接 of a child taken into 临时监护: when, from whom, received by whom, placed where. */
export function HandoverSheet({ busy, refusal, onSubmit, onClose }: HandoverSheetProps) {
  const now = serverNow();
  const [values, setValues] = useState<HandoverValues>(() => ({
    date: shanghaiDate(now),
    time: beijingTimeOfDay(now),
    handedOverBy: '',
    receivedBy: '',
    placedAt: '',
  }));
  const [own, setOwn] = useState<FieldProblems>({});
  const [confirming, setConfirming] = useState(false);
  const set = (patch: Partial<HandoverValues>) => setValues((v) => ({ ...v, ...patch }));
  const problems = placeProblems(own, refusal, FIELDS);

  function ask() {
    const found = handoverProblems(values, serverNow());
    setOwn(found);
    if (Object.keys(found).length === 0) setConfirming(true);
  }

  return (
    <>
      <Sheet
        title="书面交接"
        className="handover-sheet"
        problems={problems.lines}
        submitText="记录交接"
        busy={busy}
        onSubmit={ask}
        onClose={onClose}
      >
        <Text className="field-label">交接日期</Text>
        <Picker
          mode="date"
          value={values.date}
          end={shanghaiDate(now)}
          onChange={(e) => set({ date: String(e.detail.value) })}
        >
          <Text
            className={`input picker-field handover-date${invalidClass(problems.fields, 'at')}`}
          >
            {chineseDate(values.date)}
          </Text>
        </Picker>
        <Text className="field-label">交接时间</Text>
        <Picker
          mode="time"
          value={values.time}
          onChange={(e) => set({ time: String(e.detail.value) })}
        >
          <Text
            className={`input picker-field handover-time${invalidClass(problems.fields, 'at')}`}
          >
            {values.time}
          </Text>
        </Picker>
        <FieldError problems={problems.fields} name="at" />
        {TEXTS.map((field) => (
          <View key={field.name}>
            <Text className="field-label">{field.label}</Text>
            <Input
              className={`input handover-${field.name}${invalidClass(problems.fields, field.name)}`}
              value={values[field.name]}
              maxlength={inputMaxLength(TEXT_LIMITS[field.name])}
              placeholder={field.placeholder}
              onInput={(e) => set({ [field.name]: e.detail.value })}
            />
            <FieldError problems={problems.fields} name={field.name} />
          </View>
        ))}
      </Sheet>
      <ConfirmDialog
        visible={confirming}
        title="书面交接"
        content="确认记录这次交接？记录后不能修改，会显示在工单和孩子的档案上。"
        confirmText="确认"
        onConfirm={() => {
          setConfirming(false);
          onSubmit(handoverRequest(values));
        }}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
