/** @jest-environment jsdom */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { resetTaro } from '../../test/taro-mock';
import { ConfirmDialog, TAP_SHIELD_MS } from './confirm-dialog';

describe(ConfirmDialog.name, () => {
  beforeEach(() => {
    resetTaro();
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  function aPage() {
    const behind = jest.fn();
    const confirmed = jest.fn();
    const page = render(
      <div onClick={behind}>
        <ConfirmDialog
          visible
          title="确认退单？"
          content="退单后工单回到乡镇"
          confirmText="确认"
          onConfirm={confirmed}
          onCancel={jest.fn()}
        />
      </div>,
    );
    return { behind, confirmed, shield: () => page.container.querySelector('.tap-shield') };
  }

  it('catches the second tap of a double tap on 确认 for a moment, then lets taps through again', async () => {
    const { behind, confirmed, shield } = aPage();

    await act(async () => void fireEvent.click(screen.getByText('确认')));
    behind.mockClear();
    fireEvent.click(shield()!);

    expect(confirmed).toHaveBeenCalledTimes(1);
    expect(behind).not.toHaveBeenCalled();
    act(() => void jest.advanceTimersByTime(TAP_SHIELD_MS));
    expect(shield()).toBeNull();
  });

  it('lays nothing over the page before 确认 is tapped', () => {
    expect(aPage().shield()).toBeNull();
  });
});
