import Taro from '@tarojs/taro';
import { emptyFileForm, type FileForm } from '../children/file-form';

/** A new child file being typed (新建档案), kept on the phone until the server has it. */
const KEY = 'shouhu.draft.childFile';

/** The saved draft, completed with fields added since it was saved. */
export function loadFileDraft(): FileForm | null {
  const saved = Taro.getStorageSync<Partial<FileForm>>(KEY);
  if (!saved || typeof saved !== 'object') return null;
  const empty = emptyFileForm();
  return {
    ...empty,
    ...saved,
    child: { ...empty.child, ...saved.child },
    guardian: { ...empty.guardian, ...saved.guardian },
    carer: { ...empty.carer, ...saved.carer },
  };
}

export function saveFileDraft(form: FileForm): void {
  Taro.setStorageSync(KEY, form);
}

export function clearFileDraft(): void {
  Taro.removeStorageSync(KEY);
}
