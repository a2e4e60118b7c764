import { sms } from 'tencentcloud-sdk-nodejs-sms';
import type { TencentSmsConfig } from '../config/app-config';
import type { SmsOutcome, SmsProvider, SmsRequest } from './sms-provider';

const TIMEOUT_SECONDS = 5;

/**
 * Answers after which sending again cannot help: the number does not exist or cannot take SMS,
 * or its owner opted out (退订). Rate limits (`LimitExceeded.*`: per phone per 30 s, hour or day,
 * or the account's daily cap) are waited out until the message's time to live. Everything else
 * (balance, an unapproved template, the network) is retried with the outbox's backoff.
 */
const REFUSALS = [
  'InvalidParameterValue.IncorrectPhoneNumber',
  'FailedOperation.PhoneNumberInBlacklist',
  'FailedOperation.PhoneNumberOnBlacklist',
  'UnsupportedOperation.UnsupportedRegion',
];

const RATE_LIMIT = 'LimitExceeded.';

/**
 * The SDK (node-fetch) reports a transport failure only as text, with no code. These mean the
 * request had gone out when it failed — its timeout (`reqTimeout`), or the connection cut after
 * sending — so Tencent may have sent the text; a refused connection or an unknown host does not.
 */
const NO_ANSWER = /network timeout at|socket hang up|ECONNRESET|EPIPE/;

type Client = InstanceType<typeof sms.v20210111.Client>;

/**
 * Tencent Cloud SMS, API 3.0 `SendSms` (version 2021-01-11), through the official SDK, which signs
 * with TC3-HMAC-SHA256. `apiBase` replaces the endpoint, so tests send to a local stand-in.
 * SendSms has no idempotency key: the outbox's lease and recorded answer keep a message from
 * going twice, and `SessionContext` carries our message id into Tencent's delivery receipts.
 */
export class TencentSmsProvider implements SmsProvider {
  private readonly client: Client;

  constructor(private readonly config: TencentSmsConfig) {
    const base = new URL(config.apiBase);
    this.client = new sms.v20210111.Client({
      credential: { secretId: config.secretId, secretKey: config.secretKey },
      region: config.region,
      profile: {
        httpProfile: {
          endpoint: base.host,
          protocol: `${base.protocol}//`,
          reqTimeout: TIMEOUT_SECONDS,
        },
      },
    });
  }

  async send(request: SmsRequest): Promise<SmsOutcome> {
    try {
      const answer = await this.client.SendSms({
        PhoneNumberSet: [`+86${request.phone}`],
        SmsSdkAppId: this.config.sdkAppId,
        SignName: this.config.signName,
        TemplateId: request.templateId,
        TemplateParamSet: request.params,
        SessionContext: request.reference,
      });
      const status = answer.SendStatusSet?.[0];
      if (!status) return { result: 'error', error: 'SendSms: no status in the answer' };
      if (status.Code === 'Ok') return { result: 'sent', serial: status.SerialNo };
      return this.failure(status.Code ?? '', status.Message ?? '');
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      if (!code && NO_ANSWER.test(message ?? '')) {
        return { result: 'unknown', error: `SendSms: no answer (${message ?? ''})` };
      }
      return this.failure(code ?? '', message ?? String(error));
    }
  }

  /** Errors name the API and Tencent's code, never the phone or the credentials. */
  private failure(code: string, message: string): SmsOutcome {
    const error = `SendSms: ${code} ${message}`.trim();
    if (REFUSALS.includes(code)) return { result: 'refused', error };
    if (code.startsWith(RATE_LIMIT)) return { result: 'limited', error };
    return { result: 'error', error };
  }
}
