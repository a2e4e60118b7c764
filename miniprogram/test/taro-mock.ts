/**
 * `@tarojs/taro` for component tests in jsdom: storage in memory, every device API a jest mock the
 * test can answer, and the few runtime helpers NutUI reads.
 */
type Handler = (...args: unknown[]) => void;

const storage = new Map<string, unknown>();
const handlers = new Map<string, Set<Handler>>();
const resolved = () => jest.fn(() => Promise.resolve({}));

export const eventCenter = {
  on(event: string, handler: Handler) {
    handlers.set(event, (handlers.get(event) ?? new Set()).add(handler));
  },
  off(event: string, handler?: Handler) {
    if (handler) handlers.get(event)?.delete(handler);
    else handlers.delete(event);
  },
  trigger(event: string, ...args: unknown[]) {
    handlers.get(event)?.forEach((handler) => handler(...args));
  },
};

export const getEnv = () => 'WEB';
export const ENV_TYPE = { WEB: 'WEB', WEAPP: 'WEAPP' };
export const getCurrentInstance = () => ({ router: { path: '/pages/test/index', params: {} } });
export const nextTick = (callback: () => void) => setTimeout(callback, 0);
export const createSelectorQuery = () => {
  const query = {
    select: () => query,
    selectAll: () => query,
    boundingClientRect: () => query,
    exec: (callback?: (result: unknown[]) => void) => callback?.([]),
  };
  return query;
};

const Taro = {
  getEnv,
  eventCenter,
  getCurrentInstance,
  nextTick,
  createSelectorQuery,
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => {
    storage.set(key, JSON.parse(JSON.stringify(value)) as unknown);
  },
  removeStorageSync: (key: string) => {
    storage.delete(key);
  },
  chooseMedia: jest.fn(),
  uploadFile: jest.fn(),
  downloadFile: jest.fn(),
  openDocument: jest.fn(),
  chooseMessageFile: jest.fn(),
  getSystemInfoSync: () => ({ pixelRatio: 2 }),
  getLocation: jest.fn(),
  request: jest.fn(),
  makePhoneCall: resolved(),
  navigateTo: resolved(),
  redirectTo: resolved(),
  navigateBack: resolved(),
  reLaunch: resolved(),
  pageScrollTo: resolved(),
  setClipboardData: resolved(),
  openLocation: resolved(),
  showToast: resolved(),
  stopPullDownRefresh: jest.fn(),
};

/** Each test starts with empty storage and fresh mocks. */
export function resetTaro(): void {
  storage.clear();
  handlers.clear();
  jest.clearAllMocks();
}

export const useRouter = () => ({ params: {} });
export const useDidShow = () => undefined;
export const usePullDownRefresh = () => undefined;
export const useLaunch = () => undefined;

export default Taro;
