/** @jest-environment jsdom */
import { render } from '@testing-library/react';
import type { OrderSummary } from '@shouhu/shared';
import { resetTaro } from '../../test/taro-mock';
import { anOrder, tap } from '../../test/factories';
import { ActionPanel } from './action-panel';
import { ORDER_ACTION_SPECS, type ActionField, type OrderActionSpec } from './order-actions';

jest.mock('@tarojs/taro', () => {
  const mock = jest.requireActual('../../test/taro-mock');
  return { ...mock, __esModule: true };
});

const UNITS = [
  { id: 'unit-1', name: '墩集镇儿童督导站' },
  { id: 'unit-2', name: '草沟镇儿童督导站' },
];

/** Orders that between them open every field of every action: a police P1 asks no days. */
const ORDERS: OrderSummary[] = [
  anOrder({ status: 'in_progress' }),
  anOrder({ status: 'in_progress', department: 'police', priority: 'P1' }),
];

/** Each action with fields, on each order that gives it a different set. */
const SHEETS = ORDERS.flatMap((order) =>
  ORDER_ACTION_SPECS.map((spec) => ({ spec, order, fields: spec.fields(order) }))
    .filter(({ fields }) => fields.length > 0)
    .map((sheet) => ({ ...sheet, name: `${sheet.spec.key} (${sheet.order.department})` })),
).filter((sheet, i, all) => {
  const shape = JSON.stringify(sheet.fields.map((f) => f.name));
  return (
    all.findIndex(
      (o) => o.spec === sheet.spec && JSON.stringify(o.fields.map((f) => f.name)) === shape,
    ) === i
  );
});

/** A value every field accepts. */
function filled(field: ActionField): string {
  switch (field.kind) {
    case 'text':
      return '已与孩子的班主任当面核实情况。';
    case 'choice':
      return field.initial ?? field.options?.[0]?.value ?? '';
    case 'unit':
      return UNITS[0].id;
    case 'time':
      return new Date().toISOString();
    case 'position':
      return JSON.stringify({ latitude: 33.48, longitude: 117.88 });
  }
}

/** The box a field's value is typed or picked in, when it has one. */
const BOX: Partial<Record<ActionField['kind'], string>> = {
  text: 'action-text',
  time: 'action-time',
};

/** The field of the sheet that sends a body field: a position is sent as two numbers. */
const sentFrom = (fields: ActionField[], bodyField: string) =>
  fields.find(
    (f) => f.name === (/^(latitude|longitude)$/.test(bodyField) ? 'position' : bodyField),
  );

function show(
  sheet: { spec: OrderActionSpec; order: OrderSummary },
  errors?: Record<string, string>,
) {
  const { container } = render(
    <ActionPanel
      order={sheet.order}
      spec={sheet.spec}
      units={UNITS}
      noUnitsHint="没有可选的单位"
      busy={false}
      refusal={errors ? { message: '提交的内容有误，请按提示修改', fields: errors } : null}
      onSubmit={jest.fn()}
      onClose={jest.fn()}
    />,
  );
  return container;
}

const reasonAt = (container: HTMLElement, field: string) =>
  container.querySelector(`.action-field-${field} .field-error`)?.textContent;
const red = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.input-error'), (box) => box.className);

beforeEach(() => resetTaro());

describe.each(SHEETS)('the sheet of $name', ({ spec, order, fields }) => {
  it('draws each field its own check refuses red, with the reason under it', async () => {
    const container = show({ spec, order });

    await tap(container.querySelector('.action-submit')!);

    const required = fields.filter((f) => !f.optional && !f.initial);
    for (const field of fields) {
      expect(reasonAt(container, field.name)).toBe(
        required.includes(field) ? `请填写：${field.label}` : undefined,
      );
    }
    expect(red(container)).toEqual(
      required.flatMap((f) => (BOX[f.kind] ? [expect.stringContaining(BOX[f.kind]!)] : [])),
    );
    expect(container.querySelector('.action-problems')).toBeNull();
  });

  const values = Object.fromEntries(fields.map((f) => [f.name, filled(f)]));
  it.each(Object.keys(spec.body(values)))(
    'puts the server’s refusal of %s under the field that sends it, or in the list',
    (bodyField) => {
      const container = show({ spec, order }, { [bodyField]: `服务器说${bodyField}不对` });

      const field = sentFrom(fields, bodyField);
      if (field) {
        expect(reasonAt(container, field.name)).toBe(`服务器说${bodyField}不对`);
        expect(red(container)).toEqual(
          BOX[field.kind] ? [expect.stringContaining(BOX[field.kind]!)] : [],
        );
        expect(container.querySelector('.action-problems')).toBeNull();
      } else {
        expect(container.querySelector('.action-problems')?.textContent).toContain(
          `服务器说${bodyField}不对`,
        );
      }
    },
  );
});

it('walks every action but 签收, which has no fields and so no sheet', () => {
  expect(new Set(SHEETS.map((s) => s.spec.key))).toEqual(
    new Set(ORDER_ACTION_SPECS.map((s) => s.key).filter((key) => key !== 'sign')),
  );
});
