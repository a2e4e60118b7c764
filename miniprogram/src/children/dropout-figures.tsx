import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { DROPOUT_STATE_LABELS, type DropoutStateFigure } from '@shouhu/shared';
import { failureText } from '../services/api-error';
import { fetchDropoutFigures } from '../services/children';

const days = (value: number | null) => (value === null ? '—' : `${value}天`);

/**
 * 控辍保学 figures for the county's coordinator and the township's supervisor: how many children
 * are in each state and for how long (median and longest days), over their places or the village
 * the list is narrowed to.
 */
export function DropoutFigures({ division }: { division: string }) {
  const [loaded, setLoaded] = useState<{
    division: string;
    figures: DropoutStateFigure[] | { error: string };
  } | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    fetchDropoutFigures(division).then(
      (figures) => current && setLoaded({ division, figures }),
      (e) =>
        current &&
        setLoaded({
          division,
          figures: { error: failureText(e, '控辍保学统计加载失败，请稍后再试') },
        }),
    );
    return () => {
      current = false;
    };
  }, [division, attempt]);

  const result = loaded?.division === division ? loaded.figures : null;
  const figures = Array.isArray(result) ? result : null;
  const error = result && !Array.isArray(result) ? result.error : null;

  function retry() {
    setLoaded(null);
    setAttempt((n) => n + 1);
  }

  return (
    <View className="section dropout-figures">
      <Text className="section-title">控辍保学</Text>
      {error && (
        <View className="error-box">
          <Text className="error-line">{error}</Text>
          <View className="big-button big-button-secondary dropout-figures-retry" onClick={retry}>
            <Text>重新加载</Text>
          </View>
        </View>
      )}
      {!error && figures === null && <Text className="hint">正在加载…</Text>}
      {figures && figures.every((figure) => figure.count === 0) && (
        <Text className="hint dropout-figures-empty">名单上还没有孩子。</Text>
      )}
      {figures && figures.some((figure) => figure.count > 0) && (
        <View className="figures-table">
          <View className="figures-row figures-head">
            <Text className="figures-cell">状态</Text>
            <Text className="figures-cell">人数</Text>
            <Text className="figures-cell">中位天数</Text>
            <Text className="figures-cell">最长天数</Text>
          </View>
          {figures.map((figure) => (
            <View key={figure.state} className={`figures-row figures-${figure.state}`}>
              <Text className="figures-cell">{DROPOUT_STATE_LABELS[figure.state]}</Text>
              <Text className="figures-cell">{figure.count}</Text>
              <Text className="figures-cell">{days(figure.medianDays)}</Text>
              <Text className="figures-cell">{days(figure.longestDays)}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
