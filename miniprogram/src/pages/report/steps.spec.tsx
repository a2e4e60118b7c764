/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { SITUATIONS, SITUATION_SHORT_LABELS, situation, type SituationCode } from '@shouhu/shared';
import { resetTaro } from '../../../test/taro-mock';
import { aFilledForm, tap } from '../../../test/factories';
import {
  CallerStep,
  ChildStep,
  DangerStep,
  QuickSituationsStep,
  ReviewStep,
  SituationsStep,
} from './steps';

describe('DangerStep', () => {
  beforeEach(() => resetTaro());

  it('asks for the 110 prompt when the child is in danger, and shows the call button', async () => {
    const update = jest.fn();
    const onDanger = jest.fn();
    const { rerender } = render(
      <DangerStep
        form={aFilledForm({ immediateDanger: null })}
        update={update}
        problems={{}}
        onDanger={onDanger}
      />,
    );
    expect(screen.queryByText('有危险，立即拨打110')).toBeNull();

    await tap(screen.getByText('有危险'));

    expect(update).toHaveBeenCalledWith({ immediateDanger: true });
    expect(onDanger).toHaveBeenCalledTimes(1);
    rerender(
      <DangerStep
        form={aFilledForm({ immediateDanger: true })}
        update={update}
        problems={{}}
        onDanger={onDanger}
      />,
    );
    expect(screen.getByText('有危险，立即拨打110')).toBeTruthy();
  });
});

describe('ChildStep', () => {
  it('toggles the sex off when the chosen one is tapped again', async () => {
    const update = jest.fn();
    const form = aFilledForm();
    render(
      <ChildStep
        form={{ ...form, child: { ...form.child, gender: 'female' } }}
        update={update}
        problems={{}}
      />,
    );

    await tap(screen.getByText('女'));

    expect(update).toHaveBeenCalledWith({ child: { ...form.child, gender: '' } });
  });
});

describe('ReviewStep', () => {
  it('lists every answer and sends the reporter back to the step they want to change', async () => {
    const onEdit = jest.fn();
    const { container } = render(
      <ReviewStep
        form={aFilledForm({
          child: { name: '小军', gender: 'male', age: '11', birthDate: '', school: '' },
          identity: 'named',
          reporterPhone: '13800000000',
        })}
        onEdit={onEdit}
      />,
    );
    const rows = Array.from(container.querySelectorAll('.review-row'));

    expect(
      rows.map((row) => [
        row.querySelector('.review-label')?.textContent,
        row.querySelector('.review-value')?.textContent,
      ]),
    ).toEqual([
      ['危险', '没有'],
      ['情况', situation('dropout').plainLabel],
      ['地点', '安徽省 宿州市 泗县'],
      ['孩子', '小军，男，11岁'],
      ['经过', '孩子已经两周没有来上学了。'],
      ['身份', '实名（13800000000）'],
    ]);
    for (const row of rows) await tap(row);
    expect(onEdit.mock.calls).toEqual([[0], [1], [2], [3], [4], [5]]);
  });
});

/** The reporter's checklist and the hotline operator's quick keys, each showing every situation. */
const SITUATION_PICKERS = [
  ['checklist', SituationsStep, (code: SituationCode) => situation(code).plainLabel],
  [
    'hotline quick keys',
    QuickSituationsStep,
    (code: SituationCode) => SITUATION_SHORT_LABELS[code],
  ],
] as const;

describe.each(SITUATION_PICKERS)('the %s', (_, Step, label) => {
  it.each(SITUATIONS.map((s) => s.code))('shows %s and toggles it on a tap', async (code) => {
    const update = jest.fn();
    render(<Step form={aFilledForm({ situations: [] })} update={update} problems={{}} />);

    await tap(screen.getByText(label(code)));

    expect(update).toHaveBeenCalledWith({ situations: [code] });
  });

  it('tells 没人管 (abandoned, to the police) from 有人管但没管好 (neglect) at a glance', () => {
    render(<Step form={aFilledForm({ situations: [] })} update={jest.fn()} problems={{}} />);

    expect(screen.getByText(label('abandoned_unattended')).textContent).toContain('没人管');
    expect(screen.getByText(label('carer_neglect')).textContent).toContain('有人管');
  });

  it('asks 知道孩子现在在哪里吗？ only when dropout is chosen, and records the answer', async () => {
    const update = jest.fn();
    const { rerender } = render(
      <Step form={aFilledForm({ situations: ['living_alone'] })} update={update} problems={{}} />,
    );
    expect(screen.queryByText('知道孩子现在在哪里吗？')).toBeNull();

    rerender(
      <Step
        form={aFilledForm({ situations: ['dropout'], whereaboutsUnknown: null })}
        update={update}
        problems={{}}
      />,
    );
    await tap(screen.getByText('不知道，找不到孩子'));

    expect(screen.getByText('知道孩子现在在哪里吗？')).toBeTruthy();
    expect(update).toHaveBeenCalledWith({ whereaboutsUnknown: true });
  });
});

describe('CallerStep', () => {
  const consent = '同意接收短信通知（受理、办结）';

  it('offers SMS consent once the caller gave a mobile number, and records the tick', async () => {
    const update = jest.fn();
    const { rerender } = render(
      <CallerStep form={aFilledForm({ reporterPhone: '' })} update={update} problems={{}} />,
    );
    expect(screen.queryByText(consent)).toBeNull();

    rerender(
      <CallerStep
        form={aFilledForm({ reporterPhone: '0557-7011110' })}
        update={update}
        problems={{}}
      />,
    );
    expect(screen.queryByText(consent)).toBeNull();

    rerender(
      <CallerStep
        form={aFilledForm({ reporterPhone: '13912345678' })}
        update={update}
        problems={{}}
      />,
    );
    await tap(screen.getByText(consent));

    expect(update).toHaveBeenCalledWith({ smsConsent: true });
  });
});
