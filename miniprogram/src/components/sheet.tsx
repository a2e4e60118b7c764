import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

interface SheetProps {
  title: string;
  className: string;
  /**
   * Shown above the buttons: only what belongs to no field of the sheet (`placeProblems`); a
   * refused field is drawn red with its reason under it.
   */
  problems: readonly string[];
  submitText: string;
  busy: boolean;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}

/** A form that slides up from the bottom, within reach of the thumb; tapping outside closes it. */
export function Sheet({
  title,
  className,
  problems,
  submitText,
  busy,
  onSubmit,
  onClose,
  children,
}: SheetProps) {
  return (
    <View>
      <View className="action-mask" onClick={onClose} />
      <View className={`action-panel ${className}`}>
        <Text className="section-title">{title}</Text>
        {children}
        {problems.length > 0 && (
          <View className="error-box sheet-problems">
            {problems.map((line) => (
              <Text key={line} className="error-line">
                {line}
              </Text>
            ))}
          </View>
        )}
        <View className="step-nav">
          <View className="big-button big-button-secondary sheet-cancel" onClick={onClose}>
            <Text>取消</Text>
          </View>
          <View
            className={`big-button big-button-primary sheet-submit ${busy ? 'big-button-disabled' : ''}`}
            onClick={() => !busy && onSubmit()}
          >
            <Text>{busy ? '正在提交…' : submitText}</Text>
          </View>
        </View>
      </View>
    </View>
  );
}
