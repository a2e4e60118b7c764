import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const APPID = 'wx00000000000000fa';
const SECRET = 'fault-stand-in-secret-0123456789';

/**
 * How the stand-in treats subscribeMessage.send: `down` closes its port (connections refused),
 * `token_invalid` answers 40001 to every token, `refused` 43101 (the user took permission back),
 * `http_500` an HTTP 500, `slow` answers ok after `SLOW_MS`, `ok` answers ok at once.
 */
export type WechatMode = 'ok' | 'down' | 'token_invalid' | 'refused' | 'http_500' | 'slow';

/** Slow, but inside the server's 5 s timeout: a send WeChat takes its time over still counts. */
export const SLOW_MS = 1500;

/** One subscribe/send call as received, and whether it was answered errcode 0 (delivered). */
export interface Received {
  touser: string;
  page: string;
  delivered: boolean;
}

export interface FaultyWechat {
  env: Record<string, string>;
  received: Received[];
  setMode(mode: WechatMode): Promise<void>;
  /** Every send to this openid answers HTTP 500, whatever the mode. */
  failAlways(openid: string): void;
  close(): Promise<void>;
}

async function jsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * A black-box stand-in of the WeChat server API (stable_token and subscribe/send) on a port of its
 * own, switchable between the ways WeChat fails.
 */
export async function startFaultyWechat(): Promise<FaultyWechat> {
  const received: Received[] = [];
  const failing = new Set<string>();
  let mode: WechatMode = 'ok';
  let tokens = 0;

  function answer(response: ServerResponse, body: object, status = 200): void {
    response.statusCode = status;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(body));
  }

  async function send(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await jsonBody(request);
    const entry: Received = {
      touser: String(body.touser),
      page: String(body.page),
      delivered: false,
    };
    received.push(entry);
    if (failing.has(entry.touser) || mode === 'http_500') return answer(response, {}, 500);
    if (mode === 'token_invalid') {
      return answer(response, { errcode: 40001, errmsg: 'invalid credential' });
    }
    if (mode === 'refused') {
      return answer(response, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
    }
    if (mode === 'slow') await new Promise((r) => setTimeout(r, SLOW_MS));
    entry.delivered = true;
    answer(response, { errcode: 0, errmsg: 'ok' });
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    if (url.pathname === '/cgi-bin/stable_token') {
      answer(response, { access_token: `fault-token-${++tokens}`, expires_in: 7200 });
    } else if (url.pathname === '/cgi-bin/message/subscribe/send') {
      void send(request, response);
    } else {
      answer(response, {}, 404);
    }
  });
  const listen = (port: number) =>
    new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  await listen(0);
  const { port } = server.address() as AddressInfo;
  return {
    env: {
      WECHAT_API_BASE: `http://127.0.0.1:${port}`,
      WECHAT_APPID: APPID,
      WECHAT_SECRET: SECRET,
    },
    received,
    async setMode(next) {
      if (next === 'down') await close();
      else if (!server.listening) await listen(port);
      mode = next;
    },
    failAlways: (openid) => failing.add(openid),
    close,
  };
}
