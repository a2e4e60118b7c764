import Taro from '@tarojs/taro';
import { isUploaded } from './answers';
import { ApiError } from './api-error';
import { API_BASE } from './config';
import { withSession } from './session';

function parse(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/** Sends one picked photo or video to `POST /uploads`; answers the server's upload id. */
export function uploadEvidence(
  path: string,
  onProgress: (percent: number) => void,
): Promise<string> {
  return withSession(async (token) => {
    let response: Taro.uploadFile.SuccessCallbackResult;
    try {
      const task = Taro.uploadFile({
        url: `${API_BASE}/uploads`,
        filePath: path,
        name: 'file',
        header: { authorization: `Bearer ${token}` },
        // A 10 MB video at 20 KB/s (a village 2G/3G phone) takes about 9 minutes; the server cuts
        // off a body that stalls or crawls on its own (README, Uploads), so the app need not.
        timeout: 15 * 60_000,
      });
      task.progress((update) => onProgress(update.progress));
      response = await task;
    } catch {
      throw ApiError.network('write');
    }
    const body = parse(response.data);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      if (isUploaded(body)) return body.uploadId;
      throw ApiError.badAnswer(response.statusCode, response.data);
    }
    throw ApiError.fromResponse(response.statusCode, body);
  });
}
