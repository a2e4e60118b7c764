/** @jest-environment jsdom */
import { act, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { tap } from '../../test/factories';
import { resetTaro } from '../../test/taro-mock';
import type { Evidence } from '../pages/report/report-form';
import { EvidencePicker } from './evidence-picker';
import { PrivacyPrompt } from './privacy-prompt';

const taro = Taro as unknown as Record<string, jest.Mock>;

/** An upload the test finishes, fails or reports progress on. */
function pendingUpload() {
  let progress: (update: { progress: number }) => void = () => undefined;
  let finish: (result: { statusCode: number; data: string }) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const task = Object.assign(
    new Promise((resolve, reject) => {
      finish = resolve;
      fail = reject;
    }),
    {
      progress: (listener: typeof progress) => {
        progress = listener;
      },
    },
  );
  return { task, report: (percent: number) => progress({ progress: percent }), finish, fail };
}

function Harness({ onChange }: { onChange: (evidence: Evidence[]) => void }) {
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  return (
    <EvidencePicker
      evidence={evidence}
      onUpdate={(change) =>
        setEvidence((current) => {
          const next = change(current);
          onChange(next);
          return next;
        })
      }
    />
  );
}

describe('EvidencePicker', () => {
  let latest: Evidence[];
  beforeEach(() => {
    resetTaro();
    latest = [];
    Taro.setStorageSync('shouhu.privacyAgreed', true);
    Taro.setStorageSync('shouhu.token', 'token-1');
    taro.chooseMedia.mockResolvedValue({
      tempFiles: [{ tempFilePath: 'blob:photo-1', fileType: 'image/png' }],
    });
  });

  const renderPicker = () => render(<Harness onChange={(e) => (latest = e)} />);

  it('uploads a picked photo, shows its progress and keeps the server id', async () => {
    const upload = pendingUpload();
    taro.uploadFile.mockReturnValue(upload.task);
    const { container } = renderPicker();

    await tap(container.querySelector('.evidence-add')!);
    await waitFor(() => expect(taro.uploadFile).toHaveBeenCalledTimes(1));
    expect(taro.uploadFile.mock.calls[0][0]).toMatchObject({
      filePath: 'blob:photo-1',
      header: { authorization: 'Bearer token-1' },
    });
    await act(async () => upload.report(40));
    await screen.findByText('上传中 40%');
    await act(async () =>
      upload.finish({ statusCode: 201, data: JSON.stringify({ uploadId: 'upload-1' }) }),
    );

    await screen.findByText('已上传 1');
    expect(latest).toMatchObject([{ path: 'blob:photo-1', uploadId: 'upload-1', failed: false }]);
  });

  it('marks a failed upload and sends it again when tapped', async () => {
    const first = pendingUpload();
    const second = pendingUpload();
    taro.uploadFile.mockReturnValueOnce(first.task).mockReturnValueOnce(second.task);
    const { container } = renderPicker();

    await tap(container.querySelector('.evidence-add')!);
    await act(async () => first.fail(new Error('network')));
    await screen.findByText('上传失败，点此重试');
    expect(latest[0]).toMatchObject({ uploadId: null, failed: true });

    await tap(container.querySelector('.evidence-failed')!);
    await act(async () =>
      second.finish({ statusCode: 201, data: JSON.stringify({ uploadId: 'upload-2' }) }),
    );
    await screen.findByText('已上传 1');
    expect(taro.uploadFile).toHaveBeenCalledTimes(2);
    expect(latest[0].uploadId).toBe('upload-2');
  });

  it.each([
    [415, 'VALIDATION_FAILED', '这个文件不是能打开的照片或视频，请重新拍摄或从相册选择'],
    [
      408,
      'UPLOAD_TOO_SLOW',
      '网络太慢，文件没有传完：请到信号好的地方或连上 Wi-Fi 后，点文件重新上传',
    ],
    [429, 'UPLOAD_QUOTA_EXCEEDED', '已上传但还没随报告提交的文件太多：请先提交报告'],
  ])(
    'shows the server’s %i refusal in its own words, with what to do',
    async (status, code, message) => {
      const upload = pendingUpload();
      taro.uploadFile.mockReturnValue(upload.task);
      const { container } = renderPicker();

      await tap(container.querySelector('.evidence-add')!);
      await act(async () =>
        upload.finish({ statusCode: status, data: JSON.stringify({ code, message }) }),
      );

      await screen.findByText(message);
      expect(latest[0].failed).toBe(true);
    },
  );

  it('removes a file only after the reporter confirms', async () => {
    const upload = pendingUpload();
    taro.uploadFile.mockReturnValue(upload.task);
    const { container } = renderPicker();
    await tap(container.querySelector('.evidence-add')!);
    await act(async () =>
      upload.finish({ statusCode: 201, data: JSON.stringify({ uploadId: 'upload-1' }) }),
    );

    await tap(container.querySelector('.evidence-remove')!);
    await screen.findByText('删除这个文件？');
    expect(latest).toHaveLength(1);
    await tap(screen.getByText('删除'));

    await waitFor(() => expect(latest).toHaveLength(0));
    expect(container.querySelectorAll('.evidence-item:not(.evidence-add)')).toHaveLength(0);
  });

  it('does not open the album before the privacy notice is agreed to, and opens it once it is', async () => {
    Taro.removeStorageSync('shouhu.privacyAgreed');
    const { container } = render(
      <>
        <PrivacyPrompt />
        <Harness onChange={(e) => (latest = e)} />
      </>,
    );

    await tap(container.querySelector('.evidence-add')!);

    await screen.findByText('使用前请阅读《隐私说明》');
    expect(taro.chooseMedia).not.toHaveBeenCalled();
    await tap(screen.getByText('同意并继续'));
    await waitFor(() => expect(taro.chooseMedia).toHaveBeenCalledTimes(1));
  });

  it('says what to pick when the album hands back a file it cannot open, and nothing when closed', async () => {
    taro.chooseMedia.mockRejectedValueOnce({ errMsg: 'chooseMedia:fail cancel' });
    const { container } = renderPicker();
    await tap(container.querySelector('.evidence-add')!);
    expect(container.querySelector('.evidence-problem')).toBeNull();

    taro.chooseMedia.mockRejectedValueOnce(new Event('error'));
    await tap(container.querySelector('.evidence-add')!);

    expect(container.querySelector('.evidence-problem')?.textContent).toMatch(
      /^选中的文件打不开：只能上传照片/,
    );
    expect(latest).toHaveLength(0);
  });
});
