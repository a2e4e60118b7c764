/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { resetTaro } from '../../../test/taro-mock';
import { aFilledForm, tap } from '../../../test/factories';
import { ChildStep, DangerStep, ReviewStep } from './steps';

describe('DangerStep', () => {
  beforeEach(() => resetTaro());

  it('asks for the 110 prompt when the child is in danger, and shows the call button', async () => {
    const update = jest.fn();
    const onDanger = jest.fn();
    const { rerender } = render(
      <DangerStep
        form={aFilledForm({ immediateDanger: null })}
        update={update}
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
      <ChildStep form={{ ...form, child: { ...form.child, gender: 'female' } }} update={update} />,
    );

    await tap(screen.getByText('女'));

    expect(update).toHaveBeenCalledWith({ child: { ...form.child, gender: '' } });
  });
});

describe('ReviewStep', () => {
  it('lists every answer and sends the reporter back to the step they want to change', async () => {
    const onEdit = jest.fn();
    render(
      <ReviewStep
        form={aFilledForm({
          child: { name: '小军', gender: 'male', age: '11', birthDate: '', school: '' },
          identity: 'named',
          reporterPhone: '13800000000',
        })}
        onEdit={onEdit}
      />,
    );

    expect(screen.getByText('小军，男，11岁')).toBeTruthy();
    expect(screen.getByText('安徽省 宿州市 泗县')).toBeTruthy();
    expect(screen.getByText('实名（13800000000）')).toBeTruthy();
    await tap(screen.getByText('小军，男，11岁'));
    expect(onEdit).toHaveBeenCalledWith(3);
  });
});
