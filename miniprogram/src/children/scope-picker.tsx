import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { VILLAGE_CODE_LENGTH } from '@shouhu/shared';
import { fetchDivisions, type Division } from '../services/divisions';
import { wholeScope } from './scope-words';
import '../components/division-picker.css';

interface ScopePickerProps {
  /** The divisions of the worker's unit: a county, a township or one village. */
  prefixes: readonly string[];
  /** What the one village of a village worker is called (their unit's name). */
  ownName: string;
  /** 乡镇 → 村 below the unit's own division; empty: nothing chosen (or all of it, for a filter). */
  path: Division[];
  onChange: (path: Division[]) => void;
  /** A filter offers all of the unit's places (全县（全部乡镇）); a file's place does not. */
  allowAll?: boolean;
  /**
   * The unit's own place may be chosen as a place itself (a county-level hospital sits in 泗县, in
   * no township): 就选全县 is offered at the top.
   */
  offerWhole?: boolean;
}

/** The townships or villages under the chosen level, or under each of the unit's divisions. */
function childrenOf(parents: readonly string[]): Promise<Division[]> {
  return Promise.all(parents.map((code) => fetchDivisions(code))).then((lists) => lists.flat());
}

/**
 * A place within the worker's own divisions, one level at a time with big rows: a county's
 * coordinator picks a township and then a village, a township's supervisor a village; a village
 * worker has nothing to pick.
 */
export function ScopePicker({
  prefixes,
  ownName,
  path,
  onChange,
  allowAll = false,
  offerWhole = false,
}: ScopePickerProps) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Division[]>(path);
  const [loaded, setLoaded] = useState<{ key: string; list: Division[] | 'failed' } | null>(null);
  const [attempt, setAttempt] = useState(0);
  // On a phone a tap that closes the panel is followed by the browser's own click at the same
  // point, which lands on the field once the panel is gone and would open it again.
  const closedAt = useRef(0);

  const single = prefixes.length === 1 && prefixes[0].length >= VILLAGE_CODE_LENGTH;
  const scope = wholeScope(prefixes);
  const current = draft[draft.length - 1];
  const parents = current ? [current.code] : prefixes;
  const key = parents.join(',');
  const atBottom = (current?.code.length ?? 0) >= VILLAGE_CODE_LENGTH;

  useEffect(() => {
    if (!open || single || atBottom || parents.length === 0) return;
    let live = true;
    childrenOf(parents).then(
      (list) => live && setLoaded({ key, list }),
      () => live && setLoaded({ key, list: 'failed' }),
    );
    return () => {
      live = false;
    };
    // `parents` is derived from `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, key, single, atBottom, attempt]);

  if (single) {
    return (
      <View className="division-field scope-fixed">
        <Text>{ownName || '本村'}</Text>
      </View>
    );
  }

  const finish = (chosen: Division[]) => {
    onChange(chosen);
    setOpen(false);
    closedAt.current = Date.now();
  };
  const result = loaded?.key === key ? loaded.list : null;
  const options = Array.isArray(result) ? result : null;

  const field = (
    <View
      className="division-field scope-field"
      onClick={() => {
        if (Date.now() - closedAt.current < 600) return;
        setDraft(path);
        setOpen(!open);
      }}
    >
      <Text className={path.length ? '' : 'hint'}>
        {path.length
          ? path.map((d) => d.name).join(' ')
          : allowAll
            ? scope.label
            : '点这里选择乡镇、村'}
      </Text>
      <Text className="division-change">{open ? '收起' : '选择'}</Text>
    </View>
  );
  if (!open) return field;

  return (
    <View>
      {field}
      <View className="division-panel scope-panel">
        <View className="division-crumbs">
          <Text className="division-crumb" onClick={() => setDraft([])}>
            {scope.whole}
          </Text>
          {draft.map((d, i) => (
            <Text
              key={d.code}
              className="division-crumb"
              onClick={() => setDraft(draft.slice(0, i + 1))}
            >
              {` › ${d.name}`}
            </Text>
          ))}
        </View>
        {allowAll && draft.length === 0 && (
          <View className="big-button big-button-secondary scope-all" onClick={() => finish([])}>
            <Text>{scope.label}</Text>
          </View>
        )}
        {offerWhole && !allowAll && draft.length === 0 && prefixes.length === 1 && (
          <View
            className="big-button big-button-secondary scope-whole"
            onClick={() => finish([{ code: prefixes[0], name: scope.whole }])}
          >
            <Text>就选{scope.whole}</Text>
            <Text className="big-button-note">不在某个乡镇、村的单位，如县医院</Text>
          </View>
        )}
        {current && (
          <View className="big-button big-button-primary scope-done" onClick={() => finish(draft)}>
            <Text>就选{current.name}</Text>
          </View>
        )}
        {result === 'failed' && (
          <View
            className="big-button big-button-secondary division-retry"
            onClick={() => setAttempt((n) => n + 1)}
          >
            <Text>重新加载</Text>
            <Text className="big-button-note">地名没有加载出来，请检查网络</Text>
          </View>
        )}
        {!atBottom && result === null && <Text className="hint">正在加载…</Text>}
        {options?.map((d) => (
          <View
            key={d.code}
            className="choice division-option scope-option"
            onClick={() => {
              const next = [...draft, d];
              if (d.code.length >= VILLAGE_CODE_LENGTH) finish(next);
              else setDraft(next);
            }}
          >
            <Text>{d.name}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
