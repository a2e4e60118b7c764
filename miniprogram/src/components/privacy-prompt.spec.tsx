/** @jest-environment jsdom */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { resetTaro } from '../../test/taro-mock';
import { hasAgreedPrivacy, requirePrivacyConsent } from '../services/privacy';
import { PrivacyPrompt } from './privacy-prompt';

describe('PrivacyPrompt', () => {
  beforeEach(() => resetTaro());

  it('stays hidden until something private is asked for', () => {
    const { container } = render(<PrivacyPrompt />);
    expect(container.querySelector('.privacy-overlay')).toBeNull();
  });

  it('asks once: agreeing lets this and later requests through', async () => {
    render(<PrivacyPrompt />);
    let consent: Promise<boolean> = Promise.resolve(false);
    act(() => {
      consent = requirePrivacyConsent();
    });

    await screen.findByText('使用前请阅读《隐私说明》');
    await act(async () => void fireEvent.click(screen.getByText('同意并继续')));

    await expect(consent).resolves.toBe(true);
    expect(hasAgreedPrivacy()).toBe(true);
    expect(screen.queryByText('使用前请阅读《隐私说明》')).toBeNull();
    await expect(requirePrivacyConsent()).resolves.toBe(true);
    expect(screen.queryByText('使用前请阅读《隐私说明》')).toBeNull();
  });

  it('refuses the request when declined, and asks again next time', async () => {
    render(<PrivacyPrompt />);
    let consent: Promise<boolean> = Promise.resolve(true);
    act(() => {
      consent = requirePrivacyConsent();
    });

    await act(async () => void fireEvent.click(await screen.findByText('不同意')));

    await expect(consent).resolves.toBe(false);
    expect(hasAgreedPrivacy()).toBe(false);
    act(() => void requirePrivacyConsent());
    await screen.findByText('使用前请阅读《隐私说明》');
  });
});
