import { DEPARTMENTS, RECEIVING_DEPARTMENTS, type OrderActorCapacity } from '@shouhu/shared';
import {
  COORDINATOR,
  OTHER_TOWNSHIP,
  OTHER_TOWNSHIP_VILLAGE,
  OTHER_VILLAGE,
  TOWNSHIP,
  VILLAGE,
} from '../../test/factories/county-units';
import { anActor, anOrderEntity } from '../../test/factories/entity.factory';
import { mayMoveTo } from './order-access';

describe(mayMoveTo.name, () => {
  const callers: [OrderActorCapacity, ReturnType<typeof anActor>][] = [
    ['handler', anActor(['handler'], TOWNSHIP)],
    ['coordinator', anActor(['coordinator'], COORDINATOR)],
    ['admin', anActor(['admin'])],
  ];
  const cases = callers.flatMap(([capacity, actor]) =>
    RECEIVING_DEPARTMENTS.map((department) => ({ capacity, actor, department })),
  );
  // An order placed in 关庙村, the village of VILLAGE.
  const orderOf = (department: (typeof RECEIVING_DEPARTMENTS)[number]) =>
    anOrderEntity({ department, divisionCode: '341324100203' });

  it.each(cases)(
    'never lets the $capacity move a $department order to a village unit',
    ({ capacity, actor, department }) => {
      for (const village of [VILLAGE, OTHER_VILLAGE, OTHER_TOWNSHIP_VILLAGE]) {
        expect([village.name, mayMoveTo(actor, capacity, orderOf(department), village)]).toEqual([
          village.name,
          false,
        ]);
      }
    },
  );

  it.each(cases)(
    'lets the $capacity move a $department order to another unit of its department only',
    ({ capacity, actor, department }) => {
      const allowed = DEPARTMENTS.filter((target) =>
        mayMoveTo(actor, capacity, orderOf(department), {
          ...OTHER_TOWNSHIP,
          department: target,
        }),
      );

      expect(allowed).toEqual([department]);
    },
  );
});
