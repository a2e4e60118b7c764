import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { fetchDivisions, type Division } from '../services/divisions';
import './division-picker.css';

const LEVELS = ['省', '市', '县（区）', '乡镇（街道）', '村（社区）'];
/**
 * Phones fire a late click where the finger lifted; when the list folds away, the page scrolls and
 * that click can land on the field and open the list again. Taps this soon after closing are that.
 */
const GHOST_TAP_MS = 700;
const tapTime = (): number => Date.now();

/** How many levels of 省/市/县/乡镇/村 a path has down to each level. */
export const DIVISION_DEPTH = { county: 3, village: 5 } as const;

/** A report needs at least the county, so that it reaches the right units. */
const REPORT_MIN_DEPTH = DIVISION_DEPTH.county;

interface DivisionPickerProps {
  path: Division[];
  onChange: (path: Division[]) => void;
  /**
   * Levels a choice needs (3: the county, 5: a village); 就选… is offered only from there, so the
   * picker never offers a place the form would then refuse.
   */
  minDepth?: number;
  /** Levels of `path` that stay as they are (3 keeps the county: a file moves within it). */
  fixedDepth?: number;
  /** The place was refused: its box is drawn red (the reason goes under it, `FieldError`). */
  invalid?: boolean;
}

/** 省/市/县/乡镇/村, one level at a time, with big rows to tap. */
export function DivisionPicker({
  path,
  onChange,
  minDepth = REPORT_MIN_DEPTH,
  fixedDepth = 0,
  invalid = false,
}: DivisionPickerProps) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Division[]>(path);
  const closedAt = useRef(0);
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<{ parent: string; list: Division[] | 'failed' } | null>(
    null,
  );

  const parent = draft[draft.length - 1]?.code;
  const depth = draft.length;
  const key = parent ?? '';
  const result = loaded?.parent === key ? loaded.list : null;
  const options = Array.isArray(result) ? result : null;
  const failed = result === 'failed';

  useEffect(() => {
    if (!open || depth >= LEVELS.length) return;
    let current = true;
    fetchDivisions(parent).then(
      (list) => current && setLoaded({ parent: key, list }),
      () => current && setLoaded({ parent: key, list: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [open, parent, depth, key, attempt]);

  const finish = (chosen: Division[]) => {
    closedAt.current = tapTime();
    onChange(chosen);
    setOpen(false);
  };

  const choose = (division: Division) => {
    const next = [...draft, division];
    if (next.length === LEVELS.length) finish(next);
    else setDraft(next);
  };

  // The field stays on top while the list is open, so the list unfolds below where one tapped.
  const field = (
    <View
      className={`division-field${invalid ? ' input-error' : ''}`}
      onClick={() => {
        if (tapTime() - closedAt.current < GHOST_TAP_MS) return;
        setDraft(path);
        setOpen(!open);
      }}
    >
      <Text className={path.length ? '' : 'hint'}>
        {path.length ? path.map((d) => d.name).join(' ') : '点这里选择省、市、县、乡镇、村'}
      </Text>
      <Text className="division-change">{open ? '收起' : path.length ? '修改' : '选择'}</Text>
    </View>
  );
  if (!open) return field;

  const current = draft[draft.length - 1];
  return (
    <View>
      {field}
      <View className="division-panel">
        <View className="division-crumbs">
          {fixedDepth === 0 && (
            <Text className="division-crumb" onClick={() => setDraft([])}>
              全国
            </Text>
          )}
          {draft.map((d, i) => (
            <Text
              key={d.code}
              className={i + 1 < fixedDepth ? 'division-crumb-fixed' : 'division-crumb'}
              onClick={() => i + 1 >= fixedDepth && setDraft(draft.slice(0, i + 1))}
            >
              {fixedDepth > 0 && i === 0 ? d.name : ` › ${d.name}`}
            </Text>
          ))}
        </View>
        {depth >= minDepth && current && (
          <View
            className="big-button big-button-primary division-done"
            onClick={() => finish(draft)}
          >
            <Text>就选{current.name}</Text>
            <Text className="big-button-note">不清楚更细的地方也可以</Text>
          </View>
        )}
        <Text className="field-label">请选择{LEVELS[depth]}</Text>
        {failed && (
          <View
            className="big-button big-button-secondary division-retry"
            onClick={() => setAttempt((n) => n + 1)}
          >
            <Text>重新加载</Text>
            <Text className="big-button-note">地名没有加载出来，请检查网络</Text>
          </View>
        )}
        {!failed && options === null && <Text className="hint">正在加载…</Text>}
        {options?.length === 0 && (
          <Text className="hint">
            {depth >= minDepth
              ? '没有下一级了，请点“就选…”'
              : '这里没有可选的下一级，请返回上一级另选'}
          </Text>
        )}
        {options?.map((d) => (
          <View key={d.code} className="choice division-option" onClick={() => choose(d)}>
            <Text>{d.name}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
