import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One SendSms call as the stand-in received it. */
export interface ReceivedSms {
  action: string | undefined;
  authorization: string | undefined;
  body: {
    PhoneNumberSet?: string[];
    SmsSdkAppId?: string;
    SignName?: string;
    TemplateId?: string;
    TemplateParamSet?: string[];
    SessionContext?: string;
  };
}

/** How the stand-in answers one call: a status code of Tencent's, an API error, an HTTP status. */
export type SmsAnswer = { status: string } | { error: string } | { httpStatus: number };

export interface SmsStandIn {
  baseUrl: string;
  received: ReceivedSms[];
  /** Answers for the next calls, in order; then `Ok`. */
  answers: SmsAnswer[];
  /** Answer every later call only after `ms` (longer than the SDK's timeout: no answer comes). */
  delayAnswers(ms: number): void;
  /** The env that points a test app at this stand-in with Tencent Cloud SMS configured. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export const SMS_TEMPLATES = {
  duty_order: '200001',
  duty_escalation: '200002',
  caller_accepted: '200003',
  caller_closed: '200004',
};

async function jsonBody(request: IncomingMessage): Promise<ReceivedSms['body']> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedSms['body'];
  } catch {
    return {};
  }
}

/**
 * A local stand-in of Tencent Cloud's SMS API 3.0 (`POST /` with `X-TC-Action: SendSms`), so the
 * official SDK runs over HTTP as it does in production and every message can be read back.
 */
export async function startSmsStandIn(): Promise<SmsStandIn> {
  const received: ReceivedSms[] = [];
  const answers: SmsAnswer[] = [];
  let delayMs = 0;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await jsonBody(request);
    received.push({
      action: request.headers['x-tc-action'] as string | undefined,
      authorization: request.headers.authorization,
      body,
    });
    const answer = answers.shift() ?? { status: 'Ok' };
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (response.destroyed) return;
    if ('httpStatus' in answer) {
      response.statusCode = answer.httpStatus;
      response.end();
      return;
    }
    response.setHeader('content-type', 'application/json');
    const requestId = `stand-in-${received.length}`;
    if ('error' in answer) {
      response.end(
        JSON.stringify({
          Response: { Error: { Code: answer.error, Message: 'stand-in' }, RequestId: requestId },
        }),
      );
      return;
    }
    response.end(
      JSON.stringify({
        Response: {
          SendStatusSet: (body.PhoneNumberSet ?? []).map((phone) => ({
            SerialNo: `serial-${received.length}`,
            PhoneNumber: phone,
            Fee: 1,
            SessionContext: body.SessionContext ?? '',
            Code: answer.status,
            Message: answer.status === 'Ok' ? 'send success' : 'stand-in',
            IsoCode: 'CN',
          })),
          RequestId: requestId,
        },
      }),
    );
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      response.statusCode = 500;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    received,
    answers,
    delayAnswers: (ms) => {
      delayMs = ms;
    },
    env: {
      SMS_PROVIDER: 'tencent',
      TENCENT_SMS_API_BASE: baseUrl,
      TENCENT_SMS_SECRET_ID: 'AKIDstandin0000000000000000000000',
      TENCENT_SMS_SECRET_KEY: 'stand-in-secret-key-0123456789',
      TENCENT_SMS_SDK_APP_ID: '1400000000',
      TENCENT_SMS_SIGN_NAME: '守护平台',
      TENCENT_SMS_TEMPLATE_DUTY_ORDER: SMS_TEMPLATES.duty_order,
      TENCENT_SMS_TEMPLATE_DUTY_ESCALATION: SMS_TEMPLATES.duty_escalation,
      TENCENT_SMS_TEMPLATE_CALLER_ACCEPTED: SMS_TEMPLATES.caller_accepted,
      TENCENT_SMS_TEMPLATE_CALLER_CLOSED: SMS_TEMPLATES.caller_closed,
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
