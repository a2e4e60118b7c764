import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { ApiError } from '../services/api-error';
import { createId } from '../services/ids';
import { requirePrivacyConsent } from '../services/privacy';
import { uploadEvidence } from '../services/uploads';
import { MAX_EVIDENCE, type Evidence } from '../pages/report/report-form';
import { ConfirmDialog } from './confirm-dialog';
import './evidence-picker.css';

const UNREADABLE_CHOICE =
  '选中的文件打不开：只能上传照片（JPG、PNG、GIF、WebP）或视频（MP4、MOV），请重新拍摄或从相册选择。';

interface EvidencePickerProps {
  evidence: Evidence[];
  /** Uploads finish after other edits, so changes are applied to the latest list. */
  onUpdate: (change: (current: Evidence[]) => Evidence[]) => void;
}

function patch(localId: string, change: Partial<Evidence>) {
  return (list: Evidence[]) => list.map((e) => (e.localId === localId ? { ...e, ...change } : e));
}

/** Photos and videos as evidence: each is uploaded as soon as it is picked, with its progress. */
export function EvidencePicker({ evidence, onUpdate }: EvidencePickerProps) {
  const [progress, setProgress] = useState<Record<string, number>>({});
  const [problem, setProblem] = useState('');
  const [removing, setRemoving] = useState<Evidence | null>(null);

  async function upload(item: Evidence) {
    setProgress((current) => ({ ...current, [item.localId]: 0 }));
    try {
      const uploadId = await uploadEvidence(item.path, (percent) =>
        setProgress((current) => ({ ...current, [item.localId]: percent })),
      );
      onUpdate(patch(item.localId, { uploadId, failed: false }));
    } catch (error) {
      onUpdate(patch(item.localId, { failed: true }));
      setProblem(
        error instanceof ApiError && error.fromServer
          ? error.message
          : '有文件没有传上去：请点它重试。文件已失效时，请删除后重新选择。',
      );
    }
  }

  async function pick() {
    if (!(await requirePrivacyConsent())) return;
    let chosen: Taro.chooseMedia.SuccessCallbackResult;
    try {
      chosen = await Taro.chooseMedia({
        count: MAX_EVIDENCE - evidence.length,
        mediaType: ['image', 'video'],
        sourceType: ['album', 'camera'],
        sizeType: ['compressed'],
      });
    } catch (error) {
      // Closing the album is no problem; a file the phone cannot open as a photo or video is.
      const message = String((error as { errMsg?: unknown } | null)?.errMsg ?? error);
      if (!/cancel/i.test(message)) setProblem(UNREADABLE_CHOICE);
      return;
    }
    setProblem('');
    const items: Evidence[] = chosen.tempFiles.map((file) => ({
      localId: createId(),
      path: file.tempFilePath,
      kind: String(file.fileType).startsWith('video') ? 'video' : 'image',
      uploadId: null,
      failed: false,
    }));
    onUpdate((current) => [...current, ...items]);
    items.forEach((item) => void upload(item));
  }

  function retry(item: Evidence) {
    setProblem('');
    onUpdate(patch(item.localId, { failed: false }));
    void upload(item);
  }

  return (
    <View className="evidence">
      <View className="evidence-grid">
        {evidence.map((item, index) => (
          <View
            key={item.localId}
            className={`evidence-item ${item.failed ? 'evidence-failed' : ''}`}
            onClick={() => item.failed && retry(item)}
          >
            {item.kind === 'image' && item.path ? (
              <Image className="evidence-thumb" src={item.path} mode="aspectFill" />
            ) : (
              <Text className="evidence-kind">{item.kind === 'video' ? '视频' : '照片'}</Text>
            )}
            <Text className="evidence-state">
              {item.uploadId
                ? `已上传 ${index + 1}`
                : item.failed
                  ? '上传失败，点此重试'
                  : `上传中 ${progress[item.localId] ?? 0}%`}
            </Text>
            <View
              className="evidence-remove"
              ariaLabel="删除"
              onClick={(event) => {
                event.stopPropagation();
                setRemoving(item);
              }}
            >
              <Text>×</Text>
            </View>
          </View>
        ))}
        {evidence.length < MAX_EVIDENCE && (
          <View className="evidence-item evidence-add" onClick={() => void pick()}>
            <Text className="evidence-plus">+</Text>
            <Text className="evidence-state">照片/视频</Text>
          </View>
        )}
      </View>
      {problem !== '' && <Text className="error-line evidence-problem">{problem}</Text>}
      <ConfirmDialog
        visible={removing !== null}
        title="删除这个文件？"
        content="删除后不会随报告提交。"
        confirmText="删除"
        onConfirm={() => {
          const target = removing;
          setRemoving(null);
          if (target) onUpdate((current) => current.filter((e) => e.localId !== target.localId));
        }}
        onCancel={() => setRemoving(null)}
      />
    </View>
  );
}
