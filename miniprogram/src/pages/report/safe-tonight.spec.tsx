/** @jest-environment jsdom */
import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import { SITUATION_CODES, situation, type SituationCode } from '@shouhu/shared';
import { aFilledForm, tap } from '../../../test/factories';
import { resetTaro } from '../../../test/taro-mock';
import type { ReportForm } from './report-form';
import { SafeTonightQuestion } from './safe-tonight';

const STATUTORY = SITUATION_CODES.filter((code) => situation(code).category === 'statutory');
const OTHERS = SITUATION_CODES.filter((code) => situation(code).category !== 'statutory');

/** The question inside a page that keeps the form, as the report page does. */
function renderQuestion(start: Partial<ReportForm>) {
  const seen: { form: ReportForm | null } = { form: null };
  const onDanger = jest.fn();
  function Page() {
    const [form, setForm] = useState(aFilledForm(start));
    seen.form = form;
    return (
      <SafeTonightQuestion
        form={form}
        update={(patch) => setForm((current) => ({ ...current, ...patch }))}
        onDanger={onDanger}
      />
    );
  }
  render(<Page />);
  return { seen, onDanger };
}

const question = () => screen.queryByText('孩子今晚安全吗？');

describe('SafeTonightQuestion', () => {
  beforeEach(() => resetTaro());

  it.each(STATUTORY)('asks after 没有危险 and the statutory %s', (code: SituationCode) => {
    renderQuestion({ immediateDanger: false, situations: ['dropout', code] });

    expect(question()).not.toBeNull();
  });

  it.each(OTHERS)('does not ask for %s alone', (code: SituationCode) => {
    renderQuestion({ immediateDanger: false, situations: [code] });

    expect(question()).toBeNull();
  });

  it('does not ask when the reporter already said the child is in danger', () => {
    renderQuestion({ immediateDanger: true, situations: ['violence_abuse'] });

    expect(question()).toBeNull();
  });

  it.each(['不安全', '不确定'])(
    'marks the report as in danger on %s, shows the 110 advice, and asks no more',
    async (answer) => {
      const { seen, onDanger } = renderQuestion({
        immediateDanger: false,
        situations: ['violence_abuse'],
      });

      await tap(screen.getByText(answer));

      expect(seen.form).toMatchObject({ immediateDanger: true, safeTonightAsked: true });
      expect(onDanger).toHaveBeenCalledTimes(1);
      expect(question()).toBeNull();
    },
  );

  it('carries on after 安全 and asks no more', async () => {
    const { seen, onDanger } = renderQuestion({
      immediateDanger: false,
      situations: ['violence_abuse'],
    });

    await tap(screen.getByText('安全'));

    expect(seen.form).toMatchObject({ immediateDanger: false, safeTonightAsked: true });
    expect(onDanger).not.toHaveBeenCalled();
    expect(question()).toBeNull();
  });
});
