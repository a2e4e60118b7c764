import { View } from '@tarojs/components';
import { useEffect, useState, type ReactNode } from 'react';
import { Dialog } from './ui';

/**
 * How long a confirmed dialog keeps catching taps where it stood (ms): the second tap of a quick
 * double tap lands after the dialog has gone, and would open whatever lies behind its button.
 */
export const TAP_SHIELD_MS = 400;

interface ConfirmDialogProps {
  visible: boolean;
  title: string;
  content: ReactNode;
  confirmText: string;
  cancelText?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks once before anything that cannot be undone; tapping outside counts as 取消. */
export function ConfirmDialog({
  visible,
  title,
  content,
  confirmText,
  cancelText = '取消',
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const [shielded, setShielded] = useState(false);
  useEffect(() => {
    if (!shielded) return;
    const timer = setTimeout(() => setShielded(false), TAP_SHIELD_MS);
    return () => clearTimeout(timer);
  }, [shielded]);
  const confirm = () => {
    setShielded(true);
    onConfirm();
  };
  return (
    <>
      <Dialog
        className="confirm-dialog"
        visible={visible}
        title={title}
        content={content}
        confirmText={confirmText}
        cancelText={cancelText}
        onConfirm={confirm}
        onCancel={onCancel}
        onClose={onCancel}
      />
      {shielded && (
        <View className="tap-shield" catchMove onClick={(event) => event.stopPropagation()} />
      )}
    </>
  );
}
