import Taro from '@tarojs/taro';

const AGREED_KEY = 'shouhu.privacyAgreed';

type Ask = (answer: (agreed: boolean) => void) => void;

let ask: Ask | null = null;

/** The page's privacy prompt registers here while it is on screen. */
export function registerPrivacyPrompt(prompt: Ask): () => void {
  ask = prompt;
  return () => {
    if (ask === prompt) ask = null;
  };
}

export function hasAgreedPrivacy(): boolean {
  return Taro.getStorageSync<boolean>(AGREED_KEY) === true;
}

function recordAgreement(): void {
  Taro.setStorageSync(AGREED_KEY, true);
}

function promptUser(): Promise<boolean> {
  const current = ask;
  if (!current) return Promise.resolve(false);
  return new Promise((resolve) =>
    current((agreed) => {
      if (agreed) recordAgreement();
      resolve(agreed);
    }),
  );
}

/**
 * Before location, camera, album or clipboard: true once the user has agreed to the 隐私说明,
 * asking the first time. Declining is remembered only for this tap.
 */
export async function requirePrivacyConsent(): Promise<boolean> {
  return hasAgreedPrivacy() || promptUser();
}

/**
 * WeChat asks by itself when a private API is called before the user agreed in this mini-program
 * (`__usePrivacyCheck__`); the same prompt answers it, and its agree button is WeChat's own
 * `agreePrivacyAuthorization` button.
 */
export function listenForWeChatPrivacyRequests(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') {
    return;
  }
  Taro.onNeedPrivacyAuthorization((resolve) => {
    void promptUser().then((agreed) =>
      resolve(
        agreed ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID } : { event: 'disagree' },
      ),
    );
  });
}

export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';
