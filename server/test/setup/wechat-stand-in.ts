import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const STAND_IN_APPID = 'wx00000000000000aa';
export const STAND_IN_SECRET = 'stand-in-secret-0123456789';

/** One call of subscribeMessage.send as the stand-in received it. */
export interface ReceivedMessage {
  accessToken: string | null;
  body: {
    touser?: string;
    template_id?: string;
    page?: string;
    data?: Record<string, { value: string }>;
    miniprogram_state?: string;
    lang?: string;
  };
}

/** How the stand-in answers one subscribe/send call: a WeChat error, an HTTP status, or a cut. */
export type SendAnswer = { errcode: number; errmsg: string } | { httpStatus: number } | 'drop';

/**
 * A local stand-in of the WeChat server API, so the real client code runs over HTTP.
 *
 * jscode2session: `js_code` decides the answer: `ok:<openid>[:<unionid>]`, or `invalid` (40029),
 * `busy` (45011), `risky` (40226), `system` (-1).
 *
 * stable_token and message/subscribe/send: one valid access token at a time (`expireToken` retires
 * it, so the next send answers 40001); sends answer from `sendAnswers` in order, then errcode 0,
 * after `delaySends(ms)` if set.
 */
export interface WechatStandIn {
  baseUrl: string;
  calls: URLSearchParams[];
  tokenCalls: Record<string, unknown>[];
  sends: ReceivedMessage[];
  sendAnswers: SendAnswer[];
  expireToken(): void;
  delaySends(ms: number): void;
  env: Record<string, string>;
  close(): Promise<void>;
}

const ERRORS: Record<string, { errcode: number; errmsg: string }> = {
  invalid: { errcode: 40029, errmsg: 'invalid code' },
  busy: { errcode: 45011, errmsg: 'api minute-quota reach limit' },
  risky: { errcode: 40226, errmsg: 'risky user' },
  system: { errcode: -1, errmsg: 'system error' },
};

async function jsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function startWechatStandIn(): Promise<WechatStandIn> {
  const calls: URLSearchParams[] = [];
  const tokenCalls: Record<string, unknown>[] = [];
  const sends: ReceivedMessage[] = [];
  const sendAnswers: SendAnswer[] = [];
  let tokens = 0;
  let validToken: string | null = null;
  let sendDelayMs = 0;

  function code2Session(url: URL, response: ServerResponse): void {
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
      // Own keys only: a code such as `toString` is just another invalid code, not Object's method.
      response.end(JSON.stringify(Object.hasOwn(ERRORS, kind) ? ERRORS[kind] : ERRORS.invalid));
    }
  }

  function stableToken(body: Record<string, unknown>, response: ServerResponse): void {
    tokenCalls.push(body);
    if (
      body.grant_type !== 'client_credential' ||
      body.appid !== STAND_IN_APPID ||
      body.secret !== STAND_IN_SECRET
    ) {
      response.end(JSON.stringify({ errcode: 40013, errmsg: 'invalid appid' }));
      return;
    }
    validToken ??= `stand-in-token-${++tokens}`;
    response.end(JSON.stringify({ access_token: validToken, expires_in: 7200 }));
  }

  function send(url: URL, body: Record<string, unknown>, response: ServerResponse): void {
    const accessToken = url.searchParams.get('access_token');
    sends.push({ accessToken, body: body as ReceivedMessage['body'] });
    if (!accessToken || accessToken !== validToken) {
      response.end(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }));
      return;
    }
    const answer = sendAnswers.shift() ?? { errcode: 0, errmsg: 'ok' };
    if (sendDelayMs > 0) {
      setTimeout(() => answerSend(answer, response), sendDelayMs);
    } else {
      answerSend(answer, response);
    }
  }

  function answerSend(answer: SendAnswer, response: ServerResponse): void {
    if (answer === 'drop') {
      response.socket?.destroy();
    } else if ('httpStatus' in answer) {
      response.statusCode = answer.httpStatus;
      response.end('{}');
    } else {
      response.end(JSON.stringify(answer));
    }
  }

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    response.setHeader('content-type', 'application/json');
    if (url.pathname === '/sns/jscode2session') {
      code2Session(url, response);
    } else if (url.pathname === '/cgi-bin/stable_token' && request.method === 'POST') {
      void jsonBody(request).then((body) => stableToken(body, response));
    } else if (url.pathname === '/cgi-bin/message/subscribe/send' && request.method === 'POST') {
      void jsonBody(request).then((body) => send(url, body, response));
    } else {
      response.statusCode = 404;
      response.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    calls,
    tokenCalls,
    sends,
    sendAnswers,
    expireToken: () => {
      validToken = null;
    },
    delaySends: (ms) => {
      sendDelayMs = ms;
    },
    env: { WECHAT_API_BASE: baseUrl, WECHAT_APPID: STAND_IN_APPID, WECHAT_SECRET: STAND_IN_SECRET },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
