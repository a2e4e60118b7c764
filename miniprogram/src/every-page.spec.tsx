/** @jest-environment jsdom */
import { act, cleanup, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useEffect, type ComponentType } from 'react';
import { resetTaro } from '../test/taro-mock';

/**
 * No white screens: every page of app.config.ts (main package and sub-packages, read from the
 * config itself so a new page is walked unaided) is opened the ways a phone can open it badly —
 * without its address's parameters, and with every request answered `200` by something that is
 * not the server (a public Wi-Fi login page, a broken proxy) — and must neither crash nor hang on
 * 正在加载…; whatever error it shows comes with 返回首页.
 */

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../test/taro-mock');
  return {
    ...mock,
    __esModule: true,
    useRouter: () => ({ params: {} }),
    // A page loads when shown; in jsdom it is shown once, when mounted.
    useDidShow: (callback: () => void) => useEffect(() => callback(), []), // eslint-disable-line react-hooks/exhaustive-deps
    useReachBottom: () => undefined,
  };
});

const taro = Taro as unknown as Record<string, jest.Mock>;

interface AppConfig {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
}

function appPages(): string[] {
  Object.assign(globalThis, { defineAppConfig: (config: AppConfig) => config });
  const config = (jest.requireActual('./app.config') as { default: AppConfig }).default;
  return [
    ...config.pages,
    ...(config.subPackages ?? []).flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`)),
  ];
}

const PAGES = appPages();

/** What a captive portal or a broken proxy answers in place of the server. */
const NOT_THE_SERVER: [string, unknown][] = [
  ['{"ok":true}', { ok: true }],
  ['a login page', '<html><body>请登录后上网</body></html>'],
  ['an empty list', []],
  ['null', null],
];

const SESSIONS = {
  'logged in as staff of every kind': () => {
    Taro.setStorageSync('shouhu.token', 'token-1');
    Taro.setStorageSync('shouhu.user', {
      id: 'u1',
      roles: ['reporter', 'handler', 'coordinator', 'hotline_operator'],
      unitId: 'unit-1',
    });
  },
  'logged in as a village 儿童主任': () => {
    Taro.setStorageSync('shouhu.token', 'token-1');
    Taro.setStorageSync('shouhu.user', {
      id: 'u2',
      roles: ['reporter', 'handler'],
      unitId: 'unit-village',
      unitName: '关庙村委会',
      unitDepartment: 'village',
      unitDivisionPrefixes: ['341324100203'],
    });
  },
  'not logged in yet': () => undefined,
};

const CASES = PAGES.flatMap((page) =>
  Object.keys(SESSIONS).flatMap((session) =>
    NOT_THE_SERVER.map(([answer, body]) => [page, session, answer, body] as const),
  ),
);

/** Lets every pending request, login and state update run to its end. */
async function settle() {
  for (let round = 0; round < 10; round += 1) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

describe('every page of app.config.ts, opened badly', () => {
  let crashes: unknown[];
  const reportError = console.error;

  beforeEach(() => {
    resetTaro();
    crashes = [];
    // React reports a page that threw while rendering here, even when the test would not see it.
    console.error = (...args: unknown[]) => {
      crashes.push(args[0]);
    };
  });

  afterEach(() => {
    cleanup();
    console.error = reportError;
  });

  it('walks every page, sub-packages included', () => {
    expect(PAGES).toEqual(
      expect.arrayContaining([
        'pages/index/index',
        'staff/order/index',
        'board/index',
        'board/orders/index',
        'register/index/index',
        'register/edit/index',
        'children/index/index',
        'children/file/index',
        'children/edit/index',
      ]),
    );
  });

  it.each(CASES)(
    '%s, %s, every request answered 200 with %s: no crash, no endless loading, a way back',
    async (page, session, _answer, body) => {
      SESSIONS[session as keyof typeof SESSIONS]();
      taro.request.mockImplementation(async () => ({ statusCode: 200, header: {}, data: body }));
      const Page = (jest.requireActual(`./${page}`) as { default: ComponentType }).default;

      const { container } = render(<Page />);
      await settle();

      expect(crashes).toEqual([]);
      expect(container.textContent?.trim()).not.toBe('');
      expect(container.textContent?.trim()).not.toBe('正在加载…');
      const failed = /服务器返回的内容不正确|网络可能需要登录/.test(container.textContent ?? '');
      if (container.querySelector('.error-box') || failed) {
        expect(screen.getAllByText('返回首页').length).toBeGreaterThan(0);
      }
    },
  );
});
