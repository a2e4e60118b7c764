import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const STAND_IN_APPID = 'wx00000000000000aa';
export const STAND_IN_SECRET = 'stand-in-secret-0123456789';

/**
 * A local stand-in of the WeChat server API, so the real client code runs over HTTP. `js_code`
 * decides the answer: `ok:<openid>[:<unionid>]`, or `invalid` (40029), `busy` (45011),
 * `risky` (40226), `system` (-1).
 */
export interface WechatStandIn {
  baseUrl: string;
  calls: URLSearchParams[];
  env: Record<string, string>;
  close(): Promise<void>;
}

const ERRORS: Record<string, { errcode: number; errmsg: string }> = {
  invalid: { errcode: 40029, errmsg: 'invalid code' },
  busy: { errcode: 45011, errmsg: 'api minute-quota reach limit' },
  risky: { errcode: 40226, errmsg: 'risky user' },
  system: { errcode: -1, errmsg: 'system error' },
};

export async function startWechatStandIn(): Promise<WechatStandIn> {
  const calls: URLSearchParams[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    response.setHeader('content-type', 'application/json');
    if (url.pathname !== '/sns/jscode2session') {
      response.statusCode = 404;
      response.end('{}');
      return;
    }
    calls.push(url.searchParams);
    const code = url.searchParams.get('js_code') ?? '';
    const [kind, openid, unionid] = code.split(':');
    if (
      url.searchParams.get('appid') !== STAND_IN_APPID ||
      url.searchParams.get('secret') !== STAND_IN_SECRET
    ) {
      response.end(JSON.stringify({ errcode: 40013, errmsg: 'invalid appid' }));
    } else if (kind === 'ok' && openid) {
      response.end(JSON.stringify({ openid, session_key: 'key', ...(unionid ? { unionid } : {}) }));
    } else {
      response.end(JSON.stringify(ERRORS[kind] ?? ERRORS.invalid));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    calls,
    env: { WECHAT_API_BASE: baseUrl, WECHAT_APPID: STAND_IN_APPID, WECHAT_SECRET: STAND_IN_SECRET },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
