import { useState } from 'react';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import {
  inputMaxLength,
  textLength,
  beijingInstant,
  beijingTimeOfDay,
  shanghaiDate,
  type OrderSummary,
} from '@shouhu/shared';
import { Choice } from '../components/choice';
import { ConfirmDialog } from '../components/confirm-dialog';
import { FieldError, invalidClass } from '../components/field-error';
import { placeProblems, type FieldProblems } from '../components/form-problems';
import type { Refusal } from '../services/api-error';
import { currentPosition, LocationUnavailable } from '../services/location';
import { serverNow } from '../services/server-clock';
import {
  confirmationFor,
  fieldProblems,
  initialValues,
  matchUnits,
  problemsByField,
  UNIT_SEARCH_FROM,
  type FieldValues,
  type OrderActionSpec,
} from './order-actions';

interface ActionPanelProps {
  order: OrderSummary;
  spec: OrderActionSpec;
  /** Units the order may go to, for 转办 and 改派. */
  units: { id: string; name: string }[];
  /** What to do when `units` is empty: whom to ask differs for an admin and for a department. */
  noUnitsHint: string;
  busy: boolean;
  /** The server's refusal of the last send, drawn at the fields that sent what it names. */
  refusal: Refusal | null;
  onSubmit: (values: FieldValues) => void;
  onClose: () => void;
}

/** Pickers show Beijing's wall clock, whatever time zone the phone is set to. */
const hhmm = (at: Date) => beijingTimeOfDay(at);

/** A time picked for today, on Beijing's calendar, as an instant. */
function todayAt(time: string): string {
  return beijingInstant(shanghaiDate(serverNow()), time).toISOString();
}

/**
 * The fields one action needs, then the dialog when the act cannot be taken back
 * (`confirmationFor`); a refused field, by the sheet's check or the server's, is drawn red with
 * the reason under it, and the list above the buttons keeps what no field shows.
 */
export function ActionPanel({
  order,
  spec,
  units,
  noUnitsHint,
  busy,
  refusal,
  onSubmit,
  onClose,
}: ActionPanelProps) {
  const fields = spec.fields(order);
  const [values, setValues] = useState<FieldValues>(() => initialValues(fields));
  const [own, setOwn] = useState<FieldProblems>({});
  const [confirming, setConfirming] = useState(false);
  const set = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));
  const [locating, setLocating] = useState(false);
  const [locationProblem, setLocationProblem] = useState<string | null>(null);
  const [unitQuery, setUnitQuery] = useState('');
  const question = confirmationFor(spec, order, values);

  async function locate(name: string) {
    setLocating(true);
    setLocationProblem(null);
    try {
      set(name, JSON.stringify(await currentPosition()));
    } catch (error) {
      setLocationProblem(error instanceof LocationUnavailable ? error.message : '没有取得位置');
    } finally {
      setLocating(false);
    }
  }

  function ask() {
    const found = fieldProblems(fields, values);
    setOwn(found);
    if (Object.keys(found).length > 0) return;
    if (question) setConfirming(true);
    else onSubmit(values);
  }

  const problems = placeProblems(
    own,
    refusal && { ...refusal, fields: problemsByField(fields, refusal.fields) },
    fields.map((field) => field.name),
  );
  return (
    <View>
      <View className="action-mask" onClick={onClose} />
      <View className={`action-panel action-panel-${spec.key}`}>
        <Text className="section-title">{spec.label}</Text>
        {fields.map((field) => (
          <View key={field.name} className={`action-field action-field-${field.name}`}>
            <Text className="field-label">{field.label}</Text>
            {field.kind === 'text' && (
              <Textarea
                className={`textarea action-text${invalidClass(problems.fields, field.name)}`}
                value={values[field.name] ?? ''}
                maxlength={field.limit && inputMaxLength(field.limit)}
                placeholder={field.placeholder}
                onInput={(e) => set(field.name, e.detail.value)}
              />
            )}
            {field.kind === 'text' && field.limit && (
              <Text className="counter">
                {textLength(values[field.name] ?? '')}/{field.limit.max}
              </Text>
            )}
            {field.kind === 'choice' &&
              field.options?.map((option) => (
                <Choice
                  key={option.value}
                  label={option.label}
                  selected={values[field.name] === option.value}
                  onSelect={() => set(field.name, option.value)}
                />
              ))}
            {field.warnings?.[values[field.name] ?? ''] && (
              <Text className="warning-line action-warning">
                {field.warnings[values[field.name] ?? '']}
              </Text>
            )}
            {field.kind === 'time' && (
              <Picker
                mode="time"
                value={values[field.name] ? hhmm(new Date(values[field.name])) : hhmm(serverNow())}
                end={hhmm(serverNow())}
                onChange={(e) => set(field.name, todayAt(String(e.detail.value)))}
              >
                <View
                  className={`input picker-field action-time${invalidClass(problems.fields, field.name)}`}
                >
                  <Text>{values[field.name] ? hhmm(new Date(values[field.name])) : '刚才'}</Text>
                </View>
              </Picker>
            )}
            {field.kind === 'position' &&
              (values[field.name] ? (
                <Text className="hint action-located">已记录当前位置</Text>
              ) : (
                <View
                  className="big-button big-button-secondary action-locate"
                  onClick={() => !locating && void locate(field.name)}
                >
                  <Text>{locating ? '正在获取位置…' : '记录我现在的位置'}</Text>
                </View>
              ))}
            {field.kind === 'position' && locationProblem && (
              <Text className="error-line action-location-problem">{locationProblem}</Text>
            )}
            {field.kind === 'unit' &&
              (units.length === 0 ? (
                <Text className="hint action-no-units">{noUnitsHint}</Text>
              ) : (
                <View>
                  {units.length >= UNIT_SEARCH_FROM && (
                    <Input
                      className="input action-unit-search"
                      value={unitQuery}
                      placeholder="输入单位名称查找，如：墩集"
                      onInput={(e) => setUnitQuery(e.detail.value)}
                    />
                  )}
                  {matchUnits(units, unitQuery).map((unit) => (
                    <Choice
                      key={unit.id}
                      label={unit.name}
                      selected={values[field.name] === unit.id}
                      onSelect={() => set(field.name, unit.id)}
                    />
                  ))}
                  {matchUnits(units, unitQuery).length === 0 && (
                    <Text className="hint action-unit-none">
                      没有名称含“{unitQuery.trim()}”的单位
                    </Text>
                  )}
                </View>
              ))}
            <FieldError problems={problems.fields} name={field.name} />
          </View>
        ))}
        {problems.lines.length > 0 && (
          <View className="error-box action-problems">
            {problems.lines.map((line) => (
              <Text key={line} className="error-line">
                {line}
              </Text>
            ))}
          </View>
        )}
        <View className="step-nav">
          <View className="big-button big-button-secondary action-cancel" onClick={onClose}>
            <Text>取消</Text>
          </View>
          <View
            className={`big-button big-button-primary action-submit ${busy ? 'big-button-disabled' : ''}`}
            onClick={() => !busy && ask()}
          >
            <Text>{busy ? '正在提交…' : spec.label}</Text>
          </View>
        </View>
      </View>
      <ConfirmDialog
        visible={confirming}
        title={spec.label}
        content={question ?? spec.confirm}
        confirmText="确认"
        onConfirm={() => {
          setConfirming(false);
          onSubmit(values);
        }}
        onCancel={() => setConfirming(false)}
      />
    </View>
  );
}
