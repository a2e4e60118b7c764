import { API_PREFIX } from '@shouhu/shared';

/** H5 is served by the API server itself; the mini-program needs the server's full address. */
export const API_BASE =
  process.env.TARO_APP_API_BASE ||
  (process.env.TARO_ENV === 'h5' ? API_PREFIX : `http://localhost:3000${API_PREFIX}`);

export const DEFAULT_DIVISION_CODE = process.env.TARO_APP_DEFAULT_DIVISION || '341324';
