import Taro from '@tarojs/taro';
import { ApiError } from './api-error';
import { API_BASE } from './config';
import { withSession } from './session';

/**
 * Fetches an .xlsx the server builds (`GET /stats/ledger.xlsx`, `GET /institutions/template.xlsx`)
 * with the user's token and hands it to the phone: in WeChat it opens in the document viewer,
 * whose menu saves or forwards it; in H5 the browser saves it under `fileName`.
 */
export function openWorkbook(path: string, fileName: string): Promise<void> {
  return withSession(async (token) => {
    const url = `${API_BASE}${path}`;
    const header = { authorization: `Bearer ${token}` };
    if (process.env.TARO_ENV === 'weapp') {
      let downloaded: Taro.downloadFile.FileSuccessCallbackResult;
      try {
        downloaded = await Taro.downloadFile({ url, header });
      } catch {
        throw ApiError.network('read');
      }
      if (downloaded.statusCode !== 200)
        throw ApiError.fromResponse(downloaded.statusCode, undefined);
      await Taro.openDocument({
        filePath: downloaded.tempFilePath,
        fileType: 'xlsx',
        showMenu: true,
      });
      return;
    }
    let response: Response;
    try {
      response = await fetch(url, { headers: header });
    } catch {
      throw ApiError.network('read');
    }
    if (!response.ok) {
      throw ApiError.fromResponse(response.status, await response.json().catch(() => undefined));
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = fileName;
    link.click();
    URL.revokeObjectURL(link.href);
  });
}
