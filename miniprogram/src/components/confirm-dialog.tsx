import type { ReactNode } from 'react';
import { Dialog } from './ui';

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
  return (
    <Dialog
      className="confirm-dialog"
      visible={visible}
      title={title}
      content={content}
      confirmText={confirmText}
      cancelText={cancelText}
      onConfirm={onConfirm}
      onCancel={onCancel}
      onClose={onCancel}
    />
  );
}
